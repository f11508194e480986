//! Request-unit formulas and throughput billing on hand-checkable hours.

use super::*;

fn mix() -> OperationMix {
    OperationMix {
        point_reads: 0.0,
        creates: 0.0,
        updates: 0.0,
        deletes: 0.0,
        queries: 0.0,
        item_size_kb: 1.0,
        query_request_units: 10.0,
        consistency: Consistency::Session,
        indexing: Indexing::Automatic,
    }
}

fn provisioned(usage: ThroughputUsage) -> ProvisionedUsage {
    match usage {
        ThroughputUsage::Provisioned(usage) => usage,
        other => panic!("expected provisioned usage, got {other:?}"),
    }
}

#[test]
fn request_units_follow_the_documented_table() {
    let table = OperationMix {
        point_reads: 1.0,
        creates: 1.0,
        updates: 1.0,
        deletes: 1.0,
        queries: 1.0,
        ..mix()
    };
    assert_eq!(
        table.request_units_per_request().unwrap(),
        1.0 + 5.0 + 10.0 + 5.0 + 10.0
    );
    let large = OperationMix {
        point_reads: 1.0,
        creates: 1.0,
        item_size_kb: 100.0,
        ..mix()
    };
    assert!((large.request_units_per_request().unwrap() - (10.0 + 50.0)).abs() < 1e-9);
    let strong = OperationMix {
        point_reads: 2.0,
        queries: 1.0,
        consistency: Consistency::Strong,
        ..mix()
    };
    assert_eq!(
        strong.request_units_per_request().unwrap(),
        2.0 * (2.0 + 10.0)
    );
    let unindexed = OperationMix {
        creates: 1.0,
        indexing: Indexing::Off,
        ..mix()
    };
    assert_eq!(
        unindexed.request_units_per_request().unwrap(),
        5.0 * INDEXING_OFF_WRITE_FACTOR
    );
    let negative = OperationMix {
        deletes: -1.0,
        ..mix()
    };
    assert!(negative.request_units_per_request().is_err());
}

#[test]
fn the_busiest_minute_sets_the_autoscale_bill() {
    let mut minutes = vec![500.0; 90];
    minutes[17] = 2_345.0;
    let mode = ThroughputMode::Autoscale {
        max_request_units_per_second: 4_000,
    };
    let usage = provisioned(bill_throughput(&mode, 1, &minutes).unwrap());
    let billed: Vec<u32> = usage
        .hours
        .iter()
        .map(|hour| hour.billed_request_units_per_second)
        .collect();
    // Hour 0 peaks at 2,345 → 2,400; the half hour after is a whole hour at 500.
    assert_eq!(billed, vec![2_400, 500]);
    assert_eq!(usage.billed_request_unit_hours, 2_900);
    assert_eq!(usage.billed_hundred_request_unit_hours(), 29);
    assert_eq!(usage.throttled_hours, 0);
}

#[test]
fn a_quiet_autoscale_hour_bills_ten_percent_of_the_max() {
    let mode = ThroughputMode::Autoscale {
        max_request_units_per_second: 4_000,
    };
    let usage = provisioned(bill_throughput(&mode, 2, &[100.0; 60]).unwrap());
    assert_eq!(usage.hours[0].billed_request_units_per_second, 400);
    // Two regions: each bills its own 400 RU/s.
    assert_eq!(usage.billed_request_unit_hours, 800);
    let idle = provisioned(bill_throughput(&mode, 1, &[0.0; 60]).unwrap());
    assert_eq!(idle.hours[0].billed_request_units_per_second, 400);
}

#[test]
fn autoscale_above_the_max_is_throttled_and_billed_at_the_max() {
    let mode = ThroughputMode::Autoscale {
        max_request_units_per_second: 1_000,
    };
    let usage = provisioned(bill_throughput(&mode, 1, &[1_500.0; 60]).unwrap());
    assert_eq!(usage.hours[0].billed_request_units_per_second, 1_000);
    assert_eq!(usage.throttled_hours, 1);
}

#[test]
fn a_manual_hour_over_its_provisioned_throughput_is_throttled() {
    let mut minutes = vec![300.0; 120];
    minutes[75] = 1_200.0;
    let mode = ThroughputMode::Manual {
        request_units_per_second: 1_000,
    };
    let usage = provisioned(bill_throughput(&mode, 1, &minutes).unwrap());
    let throttled: Vec<bool> = usage.hours.iter().map(|hour| hour.throttled).collect();
    assert_eq!(throttled, vec![false, true]);
    assert_eq!(usage.billed_request_unit_hours, 2_000);
}

#[test]
fn serverless_counts_request_units_and_flags_the_ceiling() {
    let mode = ThroughputMode::Serverless {
        ceiling_request_units_per_second: SERVERLESS_CEILING_REQUEST_UNITS_PER_SECOND,
    };
    let usage = bill_throughput(&mode, 1, &[10.0, 6_000.0, 0.0]).unwrap();
    let ThroughputUsage::Serverless(serverless) = usage else {
        panic!("expected serverless usage")
    };
    assert_eq!(serverless.request_units, 6_010.0 * 60.0);
    assert_eq!(serverless.minutes_over_ceiling, vec![1]);
    assert_eq!(
        bill_throughput(&mode, 2, &[1.0]),
        Err(CosmosError::ServerlessRegions(2))
    );
}

#[test]
fn minimum_throughput_rules() {
    let container = ThroughputFloor {
        storage_gb: 50.0,
        highest_request_units_per_second_ever: 60_000.0,
        shared_database_containers: None,
    };
    assert_eq!(minimum_manual(&container), 600);
    assert_eq!(minimum_autoscale_max(&container), 6_000);
    let shared = ThroughputFloor {
        storage_gb: 1.0,
        highest_request_units_per_second_ever: 0.0,
        shared_database_containers: Some(30),
    };
    assert_eq!(minimum_manual(&shared), 900);
    assert_eq!(minimum_autoscale_max(&shared), 6_000);
    let manual = ThroughputMode::Manual {
        request_units_per_second: 500,
    };
    assert!(matches!(
        validate_throughput(&manual, &container),
        Err(CosmosError::BelowMinimum { minimum: 600, .. })
    ));
    let ragged = ThroughputMode::Autoscale {
        max_request_units_per_second: 6_500,
    };
    assert!(matches!(
        validate_throughput(&ragged, &container),
        Err(CosmosError::Step { .. })
    ));
    let fine = ThroughputMode::Autoscale {
        max_request_units_per_second: 6_000,
    };
    assert_eq!(validate_throughput(&fine, &container), Ok(()));
    let serverless = ThroughputMode::Serverless {
        ceiling_request_units_per_second: 5_000.0,
    };
    assert_eq!(
        validate_throughput(&serverless, &shared),
        Err(CosmosError::ServerlessShared)
    );
}
