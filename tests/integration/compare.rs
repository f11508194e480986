//! `azcost compare`: the bundled comparison (scenarios/compare/), its table and markdown, and
//! its figures against each option's own estimate.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{estimate_json, fixture, root, run, AS_OF};

/// The bundled comparison, in the order its README runs it.
const OPTIONS: [&str; 3] = [
    "scenarios/compare/app-service-postgres.yaml",
    "scenarios/compare/container-apps-cosmos.yaml",
    "scenarios/compare/container-apps-cosmos-minimal.yaml",
];

fn compare(files: &[&str], extra: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["compare"];
    arguments.extend_from_slice(files);
    arguments.extend_from_slice(&["--as-of", AS_OF, "--runs", "0"]);
    arguments.extend_from_slice(extra);
    run(&arguments)
}

#[test]
fn bundled_comparison_table_and_markdown() {
    for format in ["table", "markdown"] {
        let (code, stdout, stderr) = compare(&OPTIONS, &["--format", format]);
        assert_eq!(code, 0, "{stderr}");
        insta::assert_snapshot!(format!("compare-{format}"), stdout);
    }
}

#[test]
fn bundled_comparison_agrees_with_each_estimate() {
    let (code, stdout, stderr) = compare(&OPTIONS, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let totals: Vec<Decimal> = OPTIONS
        .iter()
        .map(|file| {
            estimate_json(file, &["--runs", "0"])
                .totals
                .monthly
                .amount()
        })
        .collect();
    for (index, total) in totals.iter().enumerate() {
        let monthly: Decimal = json["options"][index]["monthly"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(&monthly, total, "{}", OPTIONS[index]);
    }
    let lowest = totals.iter().min().unwrap();
    let expected: Vec<usize> = (0..totals.len())
        .filter(|&i| &totals[i] == lowest)
        .collect();
    let overall = json["rows"].as_array().unwrap().last().unwrap();
    let cheapest: Vec<usize> = overall["cheapest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|index| index.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(cheapest, expected);
    // The minimal option is capped at one replica: its verdict says so.
    let minimal = &json["options"][2]["verdicts"];
    assert!(minimal
        .as_array()
        .unwrap()
        .iter()
        .any(|verdict| !verdict["shortfalls"].as_array().unwrap().is_empty()));
}

#[test]
fn bundled_options_share_their_traffic_cite_their_seeds_and_price_every_line() {
    let traffic = |file: &str| -> serde_norway::Value {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        let value: serde_norway::Value = serde_norway::from_str(&text).unwrap();
        value["environments"]["prod"]["traffic"].clone()
    };
    for file in OPTIONS {
        assert_eq!(traffic(file), traffic(OPTIONS[0]), "{file}: same traffic");
        let estimate = estimate_json(file, &["--runs", "0"]);
        assert!(estimate.totals.complete, "{file}");
        assert!(
            estimate.scenario.description.contains("shared/seeds/"),
            "{file}"
        );
        assert!(!estimate.capacity.is_empty(), "{file} is simulated");
    }
}

#[test]
fn environments_only_some_options_have_are_dashes() {
    let (code, stdout, stderr) = compare(
        &[&fixture("inheritance.yaml"), &fixture("diff-head.yaml")],
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    let staging = stdout
        .lines()
        .find(|line| line.trim_start().starts_with("staging") && line.contains("total"))
        .expect("a staging total row");
    assert!(staging.contains('—'), "{staging}");
    assert!(
        stdout.contains("do not have the same environments"),
        "{stdout}"
    );
}

#[test]
fn compare_needs_two_options() {
    let (code, _, stderr) = compare(&[OPTIONS[0]], &[]);
    assert_eq!(code, 2, "{stderr}");
}

/// Regression: an option whose compute could not be priced showed `0.00 ◀` and was called the
/// cheapest. An amount with unpriced lines is a lower bound: marked, never cheapest.
#[test]
fn an_unpriced_amount_is_marked_and_never_the_cheapest() {
    let files = [fixture("unpriced.yaml"), fixture("inheritance.yaml")];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = compare(&files, &["--format", "json"]);
    assert_eq!(code, 1, "unpriced lines are findings: {stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let overall = rows.last().unwrap();
    assert_eq!(overall["unpriced"][0], 1, "{overall}");
    let cheapest: Vec<u64> = overall["cheapest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|index| index.as_u64().unwrap())
        .collect();
    assert!(!cheapest.contains(&0), "{overall}");
    for row in rows {
        if row["unpriced"][0].as_u64().unwrap() > 0 {
            assert!(row["deltas"][0].is_null(), "{row}");
            assert!(
                !row["cheapest"].as_array().unwrap().contains(&0.into()),
                "{row}"
            );
        }
    }
    let (_, table, _) = compare(&files, &[]);
    assert!(table.contains("+ 1 UNPRICED"), "{table}");
    assert!(!table.contains("Cheapest overall: [1]"), "{table}");
}
