//! App Service plan: validation, the simulated quantities on hand-checkable loads, and the
//! monotonicity of autoscaled instance-hours.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::catalog::snapshot::Snapshot;
use crate::money::MonthLength;
use crate::services::MeterSource;

fn context(simulated: Option<Simulated>) -> Context {
    Context {
        region: "westus".into(),
        month: MonthLength::average(),
        environment: "test".into(),
        simulated,
    }
}

fn plan(yaml: &str) -> AppServicePlan {
    serde_norway::from_str(yaml).unwrap()
}

fn constant(rate: f64, hours: u32) -> Demand {
    Demand {
        requests_per_second: vec![rate; hours as usize * 60],
        hours,
    }
}

/// `busy` requests/s for 8 hours then `quiet` for 16, every day.
fn office(busy: f64, quiet: f64, hours: u32) -> Demand {
    let requests_per_second = (0..hours as usize * 60)
        .map(|minute| if (minute / 60) % 24 < 8 { busy } else { quiet })
        .collect();
    Demand {
        requests_per_second,
        hours,
    }
}

fn instance_hours(simulation: &ResourceSimulation) -> f64 {
    match simulation.quantities {
        Simulated::Instances { instance_hours } => instance_hours,
        ref other => panic!("instances expected, got {other:?}"),
    }
}

// P1v3: 2 vCPU. uvicorn `auto` = 3 workers on 2 usable cores; 100 ms CPU per request, so an
// instance takes 0.7 × 2 / 0.1 = 14 req/s at 70% target utilisation.
const P1V3_UVICORN: &str = "sku: P1v3\nworkload: { cpu_ms: 100, wall_ms: 300, worker_class: uvicorn, memory_per_worker_mib: 400, base_memory_mib: 1000 }\n";

#[test]
fn no_workload_means_no_simulation() {
    let simulation = plan("sku: P1v3\ncount: 2").simulate(&constant(10.0, 24));
    assert_eq!(simulation, Ok(None));
}

#[test]
fn fixed_count_bills_count_times_hours_and_says_what_the_peak_needs() {
    // 36 req/s needs ceil(36 / 14) = 3 instances.
    let right = plan(&format!("{P1V3_UVICORN}count: 3"));
    let simulation = right.simulate(&constant(36.0, 730)).unwrap().unwrap();
    assert!((instance_hours(&simulation) - 3.0 * 730.0).abs() < 1e-9);
    assert_eq!(simulation.report.peak, 3.0);
    // 12 req/s per instance × 0.1 s = 1.2 of 2 cores = 60% CPU.
    assert!((simulation.report.utilisation_percent.unwrap() - 60.0).abs() < 1e-9);
    assert!(simulation.report.notes[0].contains("instances_needed: 3"));
    assert!(simulation.report.p95_latency_ms_at_peak.unwrap() >= 300.0);
    let small = plan(&format!("{P1V3_UVICORN}count: 2"))
        .simulate(&constant(36.0, 24))
        .unwrap()
        .unwrap();
    assert!(small
        .report
        .notes
        .iter()
        .any(|note| note.contains("too small")));
    // 18 req/s per instance is 1.8 of 2 cores: over target, not yet saturated (20 req/s).
    assert!(!small
        .report
        .notes
        .iter()
        .any(|note| note.contains("saturated")));
}

#[test]
fn a_constant_load_the_rules_accept_stays_at_the_default_all_month() {
    // CPU-only rules; 36 req/s on 3 instances is 60% CPU: no rule fires.
    let yaml = format!(
        "{P1V3_UVICORN}autoscale:\n  minimum: 2\n  maximum: 6\n  default: 3\n  rules:\n    \
         - {{ metric: cpu_percent, direction: out, operator: greater_than, threshold: 70 }}\n    \
         - {{ metric: cpu_percent, direction: in, operator: less_than, threshold: 30 }}\n"
    );
    let spec = plan(&yaml);
    assert!(spec.validate().is_empty(), "{:?}", spec.validate());
    let simulation = spec.simulate(&constant(36.0, 730)).unwrap().unwrap();
    assert!((instance_hours(&simulation) - 3.0 * 730.0).abs() < 1e-9);
    assert_eq!(simulation.report.hours_at_maximum, Some(0.0));
}

#[test]
fn autoscaled_instance_hours_lie_between_minimum_and_maximum() {
    let spec = plan(&format!(
        "{P1V3_UVICORN}autoscale: {{ minimum: 2, maximum: 6 }}"
    ));
    let simulation = spec.simulate(&office(60.0, 2.0, 730)).unwrap().unwrap();
    let hours = instance_hours(&simulation);
    assert!((2.0 * 730.0..=6.0 * 730.0).contains(&hours), "{hours}");
    // 60 req/s needs 5 instances at 14 req/s each; the seeds' 500 req/min rule goes to 6.
    assert!(simulation.report.peak > 2.0 && simulation.report.peak <= 6.0);
    assert!(hours > 2.0 * 730.0);
    assert!(simulation.report.hours_at_maximum.unwrap() > 0.0);
    // The memory fits: 3 × 400 + 1000 MiB < 8 GiB.
    assert!(!simulation
        .report
        .notes
        .iter()
        .any(|note| note.contains("MiB")));
}

#[test]
fn a_plan_pinned_at_its_maximum_saturates_and_workers_that_do_not_fit_are_flagged() {
    // 100 req/s on at most 3 instances: 33 req/s each, over the 20 req/s at 100% CPU.
    let spec = plan(
        "sku: P1v3\nworkload: { cpu_ms: 100, wall_ms: 300, worker_class: sync, workers: 4, memory_per_worker_mib: 3000 }\nautoscale: { minimum: 1, maximum: 3 }",
    );
    let simulation = spec.simulate(&constant(100.0, 24)).unwrap().unwrap();
    let notes = simulation.report.notes.join(" | ");
    assert!(notes.contains("saturated"), "{notes}");
    assert!(notes.contains("MiB"), "{notes}");
    assert_eq!(simulation.report.p95_latency_ms_at_peak, None);
}

#[test]
fn traffic_share_scales_the_demand() {
    let half = plan(&format!("{P1V3_UVICORN}count: 3\ntraffic_share: 0.5"));
    let simulation = half.simulate(&constant(36.0, 24)).unwrap().unwrap();
    assert!((simulation.report.utilisation_percent.unwrap() - 30.0).abs() < 1e-9);
}

#[test]
fn simulated_instance_hours_replace_count_times_hours() {
    let spec = plan(&format!(
        "{P1V3_UVICORN}autoscale: {{ minimum: 2, maximum: 6 }}"
    ));
    let fixed = spec.meters(&context(None));
    assert_eq!(fixed[0].quantity, Decimal::from(730));
    assert_eq!(fixed[0].basis, Basis::Fixed);
    let simulated = spec.meters(&context(Some(Simulated::Instances {
        instance_hours: 1712.5,
    })));
    assert_eq!(simulated[0].quantity, Decimal::new(17125, 1));
    assert_eq!(simulated[0].basis, Basis::Usage);
    assert!(simulated[0]
        .note
        .as_deref()
        .unwrap()
        .contains("autoscale 2–6"));
    assert_eq!(simulated[0].source, fixed[0].source);
    let snapshot = Snapshot::embedded().unwrap();
    let MeterSource::Catalog(query) = &simulated[0].source else {
        panic!("catalog meter expected")
    };
    snapshot.catalog.lookup(query, "2026-11-01").unwrap();
}

#[test]
fn validation_of_the_capacity_fields() {
    let issues = plan(
        "sku: P1v3\ntraffic_share: 1.5\nworkload: { cpu_ms: 300, wall_ms: 200, workers: 0, threads: 4 }\nautoscale: { minimum: 4, maximum: 2, default: 7 }",
    )
    .validate();
    let paths: Vec<&str> = issues.iter().map(|issue| issue.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "traffic_share",
            "workload.cpu_ms",
            "workload.threads",
            "workload.workers",
            "autoscale.maximum",
            "autoscale.default",
        ]
    );
    assert!(issues[4].message.contains("between 4 and 30"));
    let no_out = plan(
        "sku: P1v3\nautoscale: { minimum: 1, maximum: 3, rules: [{ metric: cpu_percent, direction: in, operator: less_than, threshold: 30 }] }",
    );
    assert_eq!(no_out.validate()[0].path, "autoscale.rules");
    assert!(serde_norway::from_str::<AppServicePlan>(
        "sku: P1v3\nworkload: { cpu_ms: 1, wall_ms: 2, workers: many }"
    )
    .is_err());
    assert!(
        plan("sku: P1v3\nworkload: { cpu_ms: 1, wall_ms: 2, workers: auto }")
            .validate()
            .is_empty()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Under the seeds' rules a steady demand that rises never buys fewer instance-hours, and a
    /// fixed count never depends on demand. Not claimed for any series: the rules average
    /// per-instance metrics over a 10-minute window that still holds minutes at the old
    /// count, so a ramp can overshoot and a busier ramp that overshoots less, or earlier, can
    /// end with fewer instance-hours (e.g. hourly 47 → 71 → 0 req/s against 68 → 71 → 0).
    #[test]
    fn more_demand_never_means_fewer_instance_hours(
        rate in 0.0f64..150.0,
        extra in 0.0f64..60.0,
        hours in 1u32..6,
    ) {
        let autoscaled = plan(&format!("{P1V3_UVICORN}autoscale: {{ minimum: 2, maximum: 10 }}"));
        let fixed = plan(&format!("{P1V3_UVICORN}count: 4"));
        for spec in [autoscaled, fixed] {
            let quiet = spec.simulate(&constant(rate, hours)).unwrap().unwrap();
            let busy = spec.simulate(&constant(rate + extra, hours)).unwrap().unwrap();
            prop_assert!(instance_hours(&busy) >= instance_hours(&quiet) - 1e-9);
        }
    }
}
