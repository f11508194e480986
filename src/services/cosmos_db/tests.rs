//! Cosmos DB: quantities, validation, snapshot lookups and the capacity simulation.

use super::*;
use crate::catalog::snapshot::Snapshot;
use crate::services::MeterSource;

fn context() -> Context {
    crate::services::test_context()
}

fn account(yaml: &str) -> CosmosDb {
    serde_norway::from_str(yaml).unwrap()
}

#[test]
fn provisioned_throughput_is_billed_in_every_region() {
    let meters = account("throughput: 1000\nregions: 2\nstorage_gb: 0.2").meters(&context());
    // 1000 RU/s = 10 units × 2 regions × 730 h.
    assert_eq!(meters[0].quantity, Decimal::from(14_600));
    // 0.2 GB rounds up to the 1 GB minimum, in each of 2 regions.
    assert_eq!(meters[1].quantity, Decimal::from(2));
}

#[test]
fn zone_redundancy_and_free_tier() {
    let meters = account("throughput: 2000\nzone_redundant: true\nfree_tier: true\nstorage_gb: 30")
        .meters(&context());
    // (2000 − 1000) / 100 × 1.25 × 730 = 9,125.
    assert_eq!(meters[0].quantity, Decimal::from(9_125));
    assert_eq!(meters[1].quantity, Decimal::from(5));
    let multi =
        account("throughput: 2000\nregions: 2\nmulti_region_writes: true\nzone_redundant: true")
            .meters(&context());
    assert_eq!(meters[0].dimension, multi[0].dimension);
    assert_eq!(multi[0].quantity, Decimal::from(29_200)); // no zone factor with multi-region writes
}

#[test]
fn autoscale_bills_between_a_tenth_and_the_maximum() {
    let low = account("mode: autoscale\nthroughput: 10000\naverage_ru_per_second: 200")
        .meters(&context());
    assert_eq!(low[0].quantity, Decimal::from(7_300)); // floor of 1000 RU/s
    let assumed = account("mode: autoscale\nthroughput: 10000").meters(&context());
    assert_eq!(assumed[0].quantity, Decimal::from(73_000));
    assert_eq!(assumed[0].basis, crate::services::Basis::Assumed);
}

#[test]
fn serverless_and_backup_quantities() {
    let meters = account("mode: serverless\nrequest_units_per_month: 5000000\nstorage_gb: 40\nbackup: continuous_30_day").meters(&context());
    assert_eq!(meters[0].quantity, Decimal::from(5_000_000));
    assert_eq!(meters[2].quantity, Decimal::from(40));
}

#[test]
fn validation() {
    let issues = account("throughput: 450\nregions: -1").validate();
    assert_eq!(issues.len(), 2);
    assert!(issues[0].message.contains("multiple of 100"));
    assert!(issues[1]
        .message
        .contains("regions must be between 1 and 10"));
    assert!(!account("mode: autoscale\nthroughput: 1500")
        .validate()
        .is_empty());
    assert!(!account("mode: serverless\nfree_tier: true")
        .validate()
        .is_empty());
    assert!(account("mode: serverless").validate().is_empty());
}

#[test]
fn autoscale_meter_is_one_and_a_half_times_manual() {
    let snapshot = Snapshot::embedded().unwrap();
    let price = |yaml: &str| {
        let MeterSource::Catalog(query) = account(yaml).meters(&context())[0].source.clone() else {
            panic!()
        };
        snapshot.catalog.lookup(&query, "2026-11-01").unwrap().tiers[0].unit_price
    };
    let manual = price("throughput: 1000");
    assert_eq!(
        price("mode: autoscale\nthroughput: 1000"),
        manual * Decimal::new(15, 1)
    );
}

#[test]
fn every_option_resolves_in_westus() {
    let snapshot = Snapshot::embedded().unwrap();
    let options = [
        "throughput: 400",
        "throughput: 400\nregions: 2\nmulti_region_writes: true\nbackup: continuous_7_day",
        "mode: autoscale\nthroughput: 1000\nbackup: continuous_30_day",
        "mode: autoscale\nthroughput: 1000\nregions: 3\nmulti_region_writes: true",
        "mode: serverless",
    ];
    for yaml in options {
        for meter in account(yaml).meters(&context()) {
            let MeterSource::Catalog(query) = &meter.source else {
                panic!("catalog meter expected")
            };
            snapshot.catalog.lookup(query, "2026-11-01").unwrap();
        }
    }
}

fn series(rates: Vec<f64>) -> Demand {
    let hours = rates.len().div_ceil(60) as u32;
    Demand {
        requests_per_second: rates,
        hours,
    }
}

/// One point read of a 1 KB item per request: 1 RU per request, so requests/s = RU/s.
const ONE_RU: &str = "operations: { point_reads: 1 }\n";

fn simulated(yaml: &str, demand: &Demand) -> ResourceSimulation {
    account(yaml).simulate(demand).unwrap().unwrap()
}

fn throughput_hours(simulation: &ResourceSimulation) -> f64 {
    match simulation.quantities {
        Simulated::Throughput {
            billed_request_unit_hours,
        } => billed_request_unit_hours,
        ref other => panic!("throughput expected, got {other:?}"),
    }
}

#[test]
fn without_operations_there_is_no_simulation() {
    let demand = series(vec![10.0; 60]);
    assert_eq!(account("throughput: 400").simulate(&demand), Ok(None));
}

#[test]
fn an_autoscale_hour_is_billed_at_its_peak_and_a_quiet_hour_at_the_floor() {
    // Hour 0: 100 RU/s with one minute at 2,450 → billed 2,500 (rounded up to 100).
    // Hour 1: 50 RU/s → the 10% floor of a 4,000 maximum, 400.
    let mut rates = vec![100.0; 60];
    rates[30] = 2_450.0;
    rates.extend(vec![50.0; 60]);
    let yaml = format!("mode: autoscale\nthroughput: 4000\n{ONE_RU}");
    let simulation = simulated(&yaml, &series(rates.clone()));
    assert_eq!(throughput_hours(&simulation), 2_900.0);
    assert_eq!(simulation.report.peak, 2_450.0);
    assert_eq!(simulation.report.throttled_hours, Some(0.0));
    // (2,500 + 400) / 2 hours / 4,000 = 36.25%.
    assert_eq!(simulation.report.utilisation_percent, Some(36.25));
    let two_regions = simulated(&format!("{yaml}regions: 2"), &series(rates));
    assert_eq!(throughput_hours(&two_regions), 5_800.0);
}

#[test]
fn a_manual_hour_above_the_provisioned_throughput_is_throttled() {
    let mut rates = vec![500.0; 120];
    rates[70] = 1_500.0;
    let simulation = simulated(&format!("throughput: 1000\n{ONE_RU}"), &series(rates));
    // Billed flat: 1,000 RU/s × 2 hours.
    assert_eq!(throughput_hours(&simulation), 2_000.0);
    assert_eq!(simulation.report.throttled_hours, Some(1.0));
    assert!(simulation
        .report
        .notes
        .iter()
        .any(|note| note.contains("throttled")));
}

#[test]
fn serverless_bills_the_request_units_consumed() {
    // 2 point reads of 1 KB and 1 create (5 RU) = 7 RU per request; 10 req/s for an hour.
    let yaml = "mode: serverless\noperations: { point_reads: 2, creates: 1 }";
    let simulation = simulated(yaml, &series(vec![10.0; 60]));
    assert_eq!(
        simulation.quantities,
        Simulated::RequestUnits {
            request_units: 7.0 * 10.0 * 3_600.0
        }
    );
    let meters = account(yaml).meters(&Context {
        simulated: Some(simulation.quantities),
        ..context()
    });
    assert_eq!(meters[0].quantity, Decimal::from(252_000));
    assert_eq!(meters[0].basis, crate::services::Basis::Usage);
}

#[test]
fn simulated_throughput_replaces_the_fixed_quantity() {
    let quantities = Some(Simulated::Throughput {
        billed_request_unit_hours: 2_920_000.0,
    });
    let spec = account("mode: autoscale\nthroughput: 10000\nfree_tier: true\nstorage_gb: 30");
    let meters = spec.meters(&Context {
        simulated: quantities,
        ..context()
    });
    // (2,920,000 − 1,000 × 730) / 100 = 21,900 units of 100 RU/s-hours.
    assert_eq!(meters[0].quantity, Decimal::from(21_900));
    assert_eq!(meters[0].basis, crate::services::Basis::Usage);
    assert_eq!(meters[1].quantity, Decimal::from(5)); // storage unchanged
    assert_eq!(meters[0].source, spec.meters(&context())[0].source);
}

#[test]
fn a_lightly_used_account_gets_smaller_alternatives() {
    // 10,000 RU/s manual against a peak of 300 RU/s for a day.
    let yaml = format!("throughput: 10000\nstorage_gb: 5\n{ONE_RU}");
    let simulation = simulated(&yaml, &series(vec![300.0; 24 * 60]));
    assert_eq!(simulation.report.utilisation_percent, Some(3.0));
    let labels: Vec<&str> = simulation
        .alternatives
        .iter()
        .map(|alternative| alternative.label.as_str())
        .collect();
    assert_eq!(
        labels,
        vec!["manual 400 RU/s", "autoscale max 1000 RU/s", "serverless"]
    );
    let current = account(&yaml).meters(&Context {
        simulated: Some(simulation.quantities.clone()),
        ..context()
    });
    // Same meter, fewer units: 400 RU/s and 300 RU/s (autoscale peak, rounded) vs 10,000.
    for alternative in &simulation.alternatives[..2] {
        assert!(alternative.meters[0].quantity < current[0].quantity);
        assert_eq!(alternative.meters.len(), current.len());
        assert_eq!(alternative.caveat, None);
    }
    assert_eq!(
        simulation.alternatives[0].meters[0].quantity,
        Decimal::from(96)
    ); // 400 × 24 / 100
    assert_eq!(
        simulation.alternatives[1].meters[0].quantity,
        Decimal::from(72)
    ); // 300 × 24 / 100
       // Serverless: 300 RU/s × 86,400 s.
    assert_eq!(
        simulation.alternatives[2].meters[0].quantity,
        Decimal::from(25_920_000)
    );
}

#[test]
fn serverless_alternative_warns_above_its_ceiling_and_multi_region_has_none() {
    let yaml = format!("mode: autoscale\nthroughput: 10000\n{ONE_RU}");
    let simulation = simulated(&yaml, &series(vec![6_000.0; 60]));
    let serverless = simulation.alternatives.last().unwrap();
    assert_eq!(serverless.label, "serverless");
    assert!(serverless.caveat.as_deref().unwrap().contains("ceiling"));
    let multi = simulated(&format!("{yaml}regions: 2"), &series(vec![6_000.0; 60]));
    assert!(multi
        .alternatives
        .iter()
        .all(|alt| alt.label != "serverless"));
}

#[test]
fn operations_are_validated() {
    let issues = account(
        "throughput: 400\ntraffic_share: 2\noperations: { point_reads: -1, item_size_kb: 5000 }",
    )
    .validate();
    let paths: Vec<&str> = issues.iter().map(|issue| issue.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "traffic_share",
            "operations.point_reads",
            "operations.item_size_kb"
        ]
    );
}
