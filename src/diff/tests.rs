//! Synthetic estimates (round amounts, not Azure prices: the arithmetic is what is tested).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::*;
use crate::estimate::{Counts, EnvironmentTotal, PricingInfo, ScenarioInfo, Totals};
use crate::services::Category;

fn money(amount: i64) -> Money {
    Money::new(Decimal::from(amount))
}

/// (environment, resource, meter, monthly; `None` = unpriced)
pub(crate) fn synthetic(currency: &str, lines: &[(&str, &str, &str, Option<i64>)]) -> Estimate {
    let lines: Vec<Line> = lines
        .iter()
        .map(|(environment, resource, meter, amount)| Line {
            environment: environment.to_string(),
            resource: resource.to_string(),
            kind: "custom".to_string(),
            sku: "custom".to_string(),
            meter: meter.to_string(),
            category: Category::Compute,
            status: if amount.is_some() {
                Status::Fixed
            } else {
                Status::Unpriced
            },
            quantity: Decimal::ONE,
            quantity_unit: "units".to_string(),
            price_unit: "1".to_string(),
            unit_price: amount.map(Decimal::from),
            monthly: amount.map(money),
            pricing: None,
            pay_as_you_go: None,
            saving: None,
            price_source: "synthetic".to_string(),
            unpriced_reason: None,
            note: None,
        })
        .collect();
    let mut environments: Vec<EnvironmentTotal> = Vec::new();
    for line in &lines {
        if !environments.iter().any(|e| e.name == line.environment) {
            let mine: Vec<&Line> = lines
                .iter()
                .filter(|other| other.environment == line.environment)
                .collect();
            let monthly: Money = mine.iter().filter_map(|line| line.monthly).sum();
            environments.push(EnvironmentTotal {
                name: line.environment.clone(),
                monthly,
                annual: monthly * Decimal::from(12),
                categories: BTreeMap::from([(Category::Compute, monthly)]),
                unpriced_lines: mine.iter().filter(|line| line.monthly.is_none()).count(),
                saving: None,
            });
        }
    }
    let monthly: Money = lines.iter().filter_map(|line| line.monthly).sum();
    let unpriced = lines.iter().filter(|line| line.monthly.is_none()).count();
    Estimate {
        schema_version: crate::estimate::SCHEMA_VERSION,
        scenario: ScenarioInfo {
            name: "synthetic".to_string(),
            description: String::new(),
            file: "synthetic.yaml".to_string(),
            region: "westus".to_string(),
            currency: currency.to_string(),
            month: "average".to_string(),
            hours_per_month: 730,
        },
        pricing: PricingInfo {
            as_of: "2026-11-01".to_string(),
            snapshot_source: String::new(),
            snapshot_prices_as_of: String::new(),
            snapshot_sha256: String::new(),
        },
        counts: Counts {
            fixed: lines.len() - unpriced,
            unpriced,
            ..Counts::default()
        },
        lines,
        environments,
        totals: Totals {
            monthly,
            annual: monthly * Decimal::from(12),
            complete: unpriced == 0,
            saving: None,
        },
        capacity: Vec::new(),
        range: None,
    }
}

fn input<'a>(label: &str, estimate: &'a Estimate) -> Input<'a> {
    Input {
        label: label.to_string(),
        estimate: Some(estimate),
    }
}

#[test]
fn lines_match_by_resource_and_meter_without_their_size() {
    let base = synthetic("USD", &[("prod", "db", "storage (128 GB)", Some(10))]);
    let head = synthetic("USD", &[("prod", "db", "storage (256 GB)", Some(20))]);
    let diff = diff(input("a", &base), input("b", &head)).unwrap();
    let resource = &diff.environments[0].resources[0];
    assert_eq!(resource.change, Kind::Changed);
    assert_eq!(
        resource.lines.len(),
        1,
        "one changed line, not removed + added"
    );
    assert_eq!(resource.lines[0].change, Kind::Changed);
    assert_eq!(resource.total.change, money(10));
    assert_eq!(
        diff.total.percent.map(|p| p.to_string()),
        Some("100.0".to_string())
    );
}

#[test]
fn added_removed_and_unchanged_resources() {
    let base = synthetic(
        "USD",
        &[
            ("prod", "api", "hours", Some(50)),
            ("prod", "old", "hours", Some(5)),
        ],
    );
    let head = synthetic(
        "USD",
        &[
            ("prod", "api", "hours", Some(50)),
            ("prod", "new", "hours", Some(7)),
        ],
    );
    let diff = diff(input("a", &base), input("b", &head)).unwrap();
    let kinds: Vec<(&str, Kind)> = diff.environments[0]
        .resources
        .iter()
        .map(|r| (r.resource.as_str(), r.change))
        .collect();
    assert_eq!(
        kinds,
        [
            ("api", Kind::Unchanged),
            ("new", Kind::Added),
            ("old", Kind::Removed)
        ]
    );
    assert_eq!(diff.total.change, money(2));
}

#[test]
fn a_renamed_meter_pairs_in_order_when_counts_agree() {
    let base = synthetic("USD", &[("prod", "api", "P1v3 instance hours", Some(10))]);
    let head = synthetic("USD", &[("prod", "api", "P2v3 instance hours", Some(20))]);
    let diff = diff(input("a", &base), input("b", &head)).unwrap();
    let lines = &diff.environments[0].resources[0].lines;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].meter(), "P2v3 instance hours");
}

#[test]
fn environments_only_on_one_side_and_a_missing_side() {
    let head = synthetic(
        "USD",
        &[
            ("dev", "api", "hours", Some(3)),
            ("prod", "api", "hours", Some(9)),
        ],
    );
    let missing = Input {
        label: "new.yaml".to_string(),
        estimate: None,
    };
    let diff = diff(missing, input("b", &head)).unwrap();
    assert!(!diff.base.present);
    assert!(diff.environments.iter().all(|e| e.kind == Kind::Added));
    assert_eq!(diff.total.percent, None, "no percentage of zero");
    assert_eq!(diff.total.change, money(12));
}

#[test]
fn unpriced_lines_make_the_diff_incomplete() {
    let base = synthetic("USD", &[("prod", "api", "hours", Some(3))]);
    let head = synthetic(
        "USD",
        &[
            ("prod", "api", "hours", Some(3)),
            ("prod", "ai", "tokens", None),
        ],
    );
    let diff = diff(input("a", &base), input("b", &head)).unwrap();
    assert!(diff.incomplete());
    assert_eq!(diff.environments[0].unpriced_after, 1);
    assert_eq!(diff.total.change, Money::ZERO);
}

#[test]
fn currencies_must_agree() {
    let base = synthetic("USD", &[("prod", "api", "hours", Some(3))]);
    let head = synthetic("EUR", &[("prod", "api", "hours", Some(3))]);
    assert!(matches!(
        diff(input("a", &base), input("b", &head)),
        Err(DiffError::CurrencyMismatch { .. })
    ));
    let nothing = |label: &str| Input {
        label: label.to_string(),
        estimate: None,
    };
    assert_eq!(
        diff(nothing("a"), nothing("b")),
        Err(DiffError::NothingToCompare)
    );
}

#[test]
fn thresholds_are_crossed_only_above_their_value() {
    let base = synthetic("USD", &[("prod", "api", "hours", Some(200))]);
    let head = synthetic("USD", &[("prod", "api", "hours", Some(220))]);
    let diff = diff(input("a", &base), input("b", &head)).unwrap();
    let check = |above: Option<i64>, percent: Option<i64>| {
        crossed(
            &diff,
            &Thresholds {
                fail_above: above.map(money),
                fail_increase_percent: percent.map(Decimal::from),
            },
        )
        .len()
    };
    assert_eq!(check(None, None), 0);
    assert_eq!(check(Some(20), None), 0, "equal is not above");
    assert_eq!(check(Some(19), None), 1);
    assert_eq!(check(None, Some(10)), 0, "+10.0% is not above 10");
    assert_eq!(check(None, Some(9)), 1);
    assert_eq!(check(Some(1), Some(1)), 2);
}

#[test]
fn a_decrease_never_crosses_a_threshold() {
    let base = synthetic("USD", &[("prod", "api", "hours", Some(200))]);
    let head = synthetic("USD", &[("prod", "api", "hours", Some(100))]);
    let diff = diff(input("a", &base), input("b", &head)).unwrap();
    let thresholds = Thresholds {
        fail_above: Some(Money::ZERO),
        fail_increase_percent: Some(Decimal::ZERO),
    };
    assert!(crossed(&diff, &thresholds).is_empty());
    assert_eq!(
        diff.total.percent.map(|p| p.to_string()),
        Some("-50.0".to_string())
    );
}

#[test]
fn meter_keys_drop_only_a_trailing_detail() {
    assert_eq!(meter_key("storage (128 GB)"), "storage");
    assert_eq!(
        meter_key("P1 node-hours (2 nodes × 730 h)"),
        "P1 node-hours"
    );
    assert_eq!(meter_key("operations"), "operations");
    assert_eq!(meter_key("a (b) c"), "a (b) c");
}
