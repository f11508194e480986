//! Container Apps: quantities, validation, snapshot lookups and the replica simulation.

use super::*;
use crate::catalog::snapshot::Snapshot;
use crate::services::MeterSource;

fn context() -> Context {
    crate::services::test_context()
}

fn app(yaml: &str) -> ContainerApp {
    serde_norway::from_str(yaml).unwrap()
}

#[test]
fn replicas_below_the_minimum_bill_idle() {
    let spec = app("vcpu: 0.5\nmin_replicas: 2\nactive_replicas: 0.5\nfree_grant: false");
    let seconds = spec.replica_seconds(&context());
    // 730 h × 3600 s = 2,628,000 s per replica.
    assert_eq!(seconds.active, Decimal::from(1_314_000));
    assert_eq!(seconds.idle, Decimal::from(3_942_000));
    let meters = spec.meters(&context());
    assert_eq!(meters[0].quantity, Decimal::from(657_000)); // 0.5 vCPU × 1,314,000 s
    assert_eq!(meters[3].quantity, Decimal::from(3_942_000)); // 1 GiB × idle seconds
}

#[test]
fn scaled_above_the_minimum_everything_is_active() {
    let spec = app("vcpu: 1\nmin_replicas: 1\nactive_replicas: 3\nfree_grant: false");
    let seconds = spec.replica_seconds(&context());
    assert_eq!(seconds.idle, Decimal::ZERO);
    assert_eq!(spec.meters(&context()).len(), 3); // vCPU, memory, requests
}

#[test]
fn the_free_grant_comes_off_active_usage_first() {
    let spec =
        app("vcpu: 0.25\nmin_replicas: 1\nactive_replicas: 0.01\nrequests_per_month: 3000000");
    let meters = spec.meters(&context());
    // Active: 0.25 × 0.01 × 2,628,000 = 6,570 vCPU-s, all free; 173,430 s of grant remain.
    assert_eq!(meters[0].quantity, Decimal::ZERO);
    // Idle: 0.25 × 0.99 × 2,628,000 = 650,430 vCPU-s − 173,430 = 477,000.
    assert_eq!(meters[2].quantity, Decimal::from(477_000));
    assert_eq!(meters[4].quantity, Decimal::from(1_000_000));
    assert!(meters[4].note.is_some());
}

#[test]
fn defaults_are_assumed() {
    let meters = app("vcpu: 0.5").meters(&context());
    assert_eq!(meters[0].basis, crate::services::Basis::Assumed);
    assert_eq!(meters[0].quantity, Decimal::ZERO); // scaled to zero
}

#[test]
fn validation_names_the_rules() {
    let issues =
        app("vcpu: 0.3\nmemory_gib: 2\nmin_replicas: 20\nmax_replicas: 10\nrequests_per_month: -1")
            .validate();
    let fields: Vec<&str> = issues.iter().map(|issue| issue.path.as_str()).collect();
    assert_eq!(
        fields,
        vec!["vcpu", "memory_gib", "min_replicas", "requests_per_month"]
    );
    assert!(app("vcpu: 2\nmemory_gib: 4").validate().is_empty());
}

#[test]
fn every_meter_resolves_in_westus() {
    let snapshot = Snapshot::embedded().unwrap();
    let spec = app("vcpu: 1\nmin_replicas: 2\nactive_replicas: 1\nprivate_endpoint: true");
    let meters = spec.meters(&context());
    assert_eq!(meters.len(), 6);
    for meter in meters {
        let MeterSource::Catalog(query) = &meter.source else {
            panic!("catalog meter expected")
        };
        snapshot.catalog.lookup(query, "2026-11-01").unwrap();
    }
}

fn replicas(simulation: &ResourceSimulation) -> (f64, f64, f64) {
    match simulation.quantities {
        Simulated::Replicas {
            active_replica_seconds,
            idle_replica_seconds,
            requests,
        } => (active_replica_seconds, idle_replica_seconds, requests),
        ref other => panic!("replicas expected, got {other:?}"),
    }
}

fn demand(rates: Vec<f64>) -> Demand {
    let hours = rates.len().div_ceil(60) as u32;
    Demand {
        requests_per_second: rates,
        hours,
    }
}

#[test]
fn without_a_request_duration_there_is_no_simulation() {
    assert_eq!(app("vcpu: 0.5").simulate(&demand(vec![5.0; 60])), Ok(None));
}

#[test]
fn idle_and_active_minutes_flow_into_vcpu_seconds() {
    // min 1: 30 quiet minutes idle on 1 replica; 30 minutes at 40 req/s × 0.5 s = 20 in
    // flight, 10 per replica → 2 replicas active.
    let spec = app(
        "vcpu: 0.5\nmin_replicas: 1\nmax_replicas: 5\nrequest_duration_ms: 500\nfree_grant: false",
    );
    let mut rates = vec![0.0; 30];
    rates.extend(vec![40.0; 30]);
    let simulation = spec.simulate(&demand(rates)).unwrap().unwrap();
    let (active, idle, requests) = replicas(&simulation);
    assert_eq!((active, idle), (2.0 * 1_800.0, 1_800.0));
    assert_eq!(requests, 40.0 * 1_800.0);
    assert_eq!(simulation.report.peak, 2.0);
    assert_eq!(simulation.report.average, 1.5);
    assert_eq!(simulation.report.hours, Some(1.5));
    let meters = spec.meters(&Context {
        simulated: Some(simulation.quantities),
        ..context()
    });
    assert_eq!(meters[0].quantity, Decimal::from(1_800)); // 0.5 vCPU × 3,600 active s
    assert_eq!(meters[1].quantity, Decimal::from(3_600)); // 1 GiB × 3,600 active s
    assert_eq!(meters[2].quantity, Decimal::from(900)); // 0.5 vCPU × 1,800 idle s
    assert_eq!(meters[4].quantity, Decimal::from(72_000)); // requests
    assert_eq!(meters[4].basis, crate::services::Basis::Usage);
}

#[test]
fn scale_to_zero_bills_the_cooldown_and_the_maximum_is_reported() {
    // 10 minutes at 100 req/s × 1 s = 100 in flight → 10 replicas (the maximum), then 50
    // quiet minutes: one replica for the 120 s cooldown, then zero.
    let spec = app(
        "vcpu: 1\nmax_replicas: 10\nrequest_duration_ms: 1000\nscale_to_zero_cooldown_seconds: 120\ntraffic_share: 0.5",
    );
    let mut rates = vec![200.0; 10];
    rates.extend(vec![0.0; 50]);
    let simulation = spec.simulate(&demand(rates)).unwrap().unwrap();
    let (active, idle, _) = replicas(&simulation);
    assert_eq!((active, idle), (10.0 * 600.0 + 120.0, 0.0));
    assert_eq!(simulation.report.hours_at_maximum, Some(10.0 / 60.0));
    assert!(!simulation
        .report
        .notes
        .iter()
        .any(|note| note.contains("queue")));
}

#[test]
fn capacity_fields_are_validated() {
    let issues = app(
        "vcpu: 1\ntraffic_share: -0.1\nrequest_duration_ms: 0\nscale_to_zero_cooldown_seconds: 1e9",
    )
    .validate();
    let fields: Vec<&str> = issues.iter().map(|issue| issue.path.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "traffic_share",
            "request_duration_ms",
            "scale_to_zero_cooldown_seconds"
        ]
    );
}
