//! Synthetic estimates (round amounts, not Azure prices: the arithmetic is what is tested).

use rust_decimal::Decimal;

use super::*;
use crate::diff::tests::synthetic;
use crate::estimate::CapacityLine;
use crate::simulate::CapacityReport;

fn money(amount: i64) -> Money {
    Money::new(Decimal::from(amount))
}

#[test]
fn the_lowest_amount_in_each_row_is_cheapest_and_deltas_are_from_it() {
    let first = synthetic("USD", &[("prod", "api", "hours", Some(300))]);
    let second = synthetic("USD", &[("prod", "api", "hours", Some(200))]);
    let comparison = compare(&[first, second]);
    let total = comparison.rows.last().unwrap();
    assert!(total.is_total() && total.environment.is_none());
    assert_eq!(total.cheapest, [1]);
    assert_eq!(total.deltas, [Some(money(100)), Some(Money::ZERO)]);
    // compute row, prod total, overall total
    assert_eq!(comparison.rows.len(), 3);
    assert!(comparison.same_environments);
}

#[test]
fn ties_are_all_cheapest() {
    let first = synthetic("USD", &[("prod", "api", "hours", Some(5))]);
    let second = first.clone();
    let comparison = compare(&[first, second]);
    assert_eq!(comparison.rows.last().unwrap().cheapest, [0, 1]);
}

#[test]
fn an_environment_only_some_options_have_is_absent_not_zero() {
    let first = synthetic(
        "USD",
        &[
            ("dev", "api", "hours", Some(1)),
            ("prod", "api", "hours", Some(9)),
        ],
    );
    let second = synthetic("USD", &[("prod", "api", "hours", Some(8))]);
    let comparison = compare(&[first, second]);
    assert!(!comparison.same_environments);
    let dev_total = comparison
        .rows
        .iter()
        .find(|row| row.environment.as_deref() == Some("dev") && row.is_total())
        .unwrap();
    assert_eq!(dev_total.amounts, [Some(money(1)), None]);
    assert!(dev_total.cheapest.is_empty(), "one amount is no comparison");
}

#[test]
fn throttled_or_pinned_resources_are_shortfalls() {
    let mut option = synthetic("USD", &[("prod", "documents", "ru", Some(10))]);
    let report = |resource: &str, at_maximum: Option<f64>, throttled: Option<f64>| CapacityLine {
        report: CapacityReport {
            environment: "prod".to_string(),
            resource: resource.to_string(),
            kind: "cosmos_db".to_string(),
            unit: "RU/s".to_string(),
            peak: 400.0,
            hours_at_maximum: at_maximum,
            throttled_hours: throttled,
            ..CapacityReport::default()
        },
        monthly: None,
        alternatives: Vec::new(),
    };
    option.capacity = vec![
        report("documents", None, Some(4.0)),
        report("api", Some(2.5), None),
        report("web", Some(0.0), Some(0.0)),
    ];
    let comparison = compare(&[option]);
    let candidate = &comparison.options[0];
    assert_eq!(candidate.shortfalls(Some("prod")).len(), 2);
    assert!(candidate.shortfalls(Some("dev")).is_empty());
    assert_eq!(candidate.verdicts[0].shortfalls, ["throttled 4 h"]);
    assert_eq!(
        candidate.verdicts[1].shortfalls,
        ["pinned at its maximum RU/s for 2.5 h"]
    );
    assert_eq!(candidate.verdicts[2].summary, "RU/s at peak: 400");
}
