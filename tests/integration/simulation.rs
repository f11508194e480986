//! Traffic drives capacity, capacity drives cost: the simulation seen through the CLI.

use azcost::catalog::snapshot::Snapshot;
use azcost::estimate::Status;
use azcost::money::{decimal_from_f64, Money};
use rust_decimal::Decimal;

use crate::support::{estimate, estimate_json, fixture, simulate};

#[test]
fn simulated_instance_hours_are_what_the_estimate_prices() {
    let estimate = estimate_json(&fixture("simulate-app-service.yaml"), &["--runs", "0"]);
    let capacity = estimate
        .capacity
        .iter()
        .find(|line| line.report.resource == "backend")
        .expect("the autoscaled plan is simulated");
    let hours = capacity.report.hours.expect("instance-hours");
    let hours_in_month = f64::from(estimate.scenario.hours_per_month);
    assert!(
        hours >= 2.0 * hours_in_month && hours <= 6.0 * hours_in_month,
        "{hours}"
    );
    let line = estimate
        .lines
        .iter()
        .find(|line| line.resource == "backend")
        .unwrap();
    assert_eq!(
        line.status,
        Status::Usage,
        "simulated quantities are usage, not fixed counts"
    );
    // The line's cost is the simulated hours at the snapshot's P1v3 Linux row.
    let snapshot = Snapshot::embedded().unwrap();
    let row = snapshot
        .catalog
        .rows()
        .iter()
        .find(|row| {
            row.arm_region_name == "westus"
                && row.product_name == "Azure App Service Premium v3 Plan - Linux"
                && row.sku_name == "P1 v3"
        })
        .unwrap();
    let expected =
        Money::new(line.quantity * decimal_from_f64(row.retail_price).unwrap()).rounded();
    assert_eq!(line.monthly, Some(expected));
    let simulated_hours = decimal_from_f64(hours).unwrap();
    assert!(
        (line.quantity - simulated_hours).abs() < Decimal::new(1, 2),
        "{} vs {hours}",
        line.quantity
    );
    assert_eq!(capacity.monthly, line.monthly);
}

#[test]
fn a_scenario_without_traffic_keeps_its_fixed_counts() {
    let estimate = estimate_json(&fixture("inheritance.yaml"), &[]);
    assert!(estimate.capacity.is_empty());
    assert!(estimate.range.is_none());
    assert!(estimate
        .lines
        .iter()
        .all(|line| line.status == Status::Fixed));
}

#[test]
fn the_monte_carlo_range_is_ordered_and_reproducible() {
    let first = estimate_json(&fixture("growth.yaml"), &["--runs", "200", "--seed", "7"]);
    let again = estimate_json(&fixture("growth.yaml"), &["--runs", "200", "--seed", "7"]);
    let other = estimate_json(&fixture("growth.yaml"), &["--runs", "200", "--seed", "8"]);
    let range = first.range.clone().expect("uncertainty gives a range");
    assert_eq!(
        Some(&range),
        again.range.as_ref(),
        "the same seed gives the same range"
    );
    assert_ne!(
        Some(&range),
        other.range.as_ref(),
        "another seed draws other months"
    );
    assert_eq!(range.runs, 200);
    assert!(range.total.p10 <= range.total.p50 && range.total.p50 <= range.total.p90);
    assert!(
        range.total.p10 < range.total.p90,
        "±20 % traffic moves an autoscaled plan"
    );
    for resource in &range.resources {
        let p = &resource.percentiles;
        assert!(p.p10 <= p.p50 && p.p50 <= p.p90, "{resource:?}");
    }
}

#[test]
fn a_twelve_month_projection_compounds_growth() {
    let (code, stdout, stderr) = simulate(
        &fixture("growth.yaml"),
        &["--months", "12", "--format", "json"],
    );
    assert_eq!(code, 0, "{stderr}");
    let projection: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let totals: Vec<Decimal> = projection["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|month| month["total"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(totals.len(), 12);
    assert!(
        totals.windows(2).all(|pair| pair[0] <= pair[1]),
        "{totals:?}"
    );
    assert!(totals[11] > totals[0]);
    let sum: Decimal = totals.iter().sum();
    assert_eq!(
        projection["total"]
            .as_str()
            .unwrap()
            .parse::<Decimal>()
            .unwrap(),
        sum
    );
}

#[test]
fn a_measured_series_drives_replicas() {
    let (code, stdout, stderr) = simulate(&fixture("measured-traffic.yaml"), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("prod         api       replicas"),
        "{stdout}"
    );
    assert!(stdout.contains("scaled to zero"), "{stdout}");
}

#[test]
fn traffic_mistakes_are_located() {
    let (code, _, stderr) = estimate(&fixture("bad-traffic.yaml"), &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("bad-traffic.yaml:6:31: traffic: peak_requests_per_second must be"),
        "{stderr}"
    );
}

#[test]
fn simulate_needs_traffic() {
    let (code, _, stderr) = simulate(&fixture("inheritance.yaml"), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no environment has `traffic`"), "{stderr}");
}

#[test]
fn capacity_reports_people_read() {
    for name in [
        "simulate-app-service",
        "simulate-container-app",
        "simulate-cosmos",
    ] {
        let (code, stdout, stderr) =
            simulate(&fixture(&format!("{name}.yaml")), &["--runs", "100"]);
        assert_eq!(code, 0, "{name}: {stderr}");
        insta::assert_snapshot!(format!("{name}-capacity"), stdout);
    }
}

#[test]
fn cosmos_alternatives_name_the_cheapest_mode() {
    let estimate = estimate_json(&fixture("simulate-cosmos.yaml"), &["--runs", "0"]);
    let documents = estimate
        .capacity
        .iter()
        .find(|line| line.report.resource == "documents")
        .unwrap();
    assert!(documents.alternatives.len() >= 2, "{documents:?}");
    assert!(documents
        .alternatives
        .iter()
        .all(|alternative| alternative.monthly.is_some()));
    assert!(documents.report.throttled_hours.is_some());
}
