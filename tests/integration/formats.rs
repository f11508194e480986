//! Every format renders the same Estimate; JSON reads back; expected costs come from the
//! snapshot's rows.

use azcost::catalog::snapshot::Snapshot;
use azcost::estimate::Estimate;
use azcost::money::{decimal_from_f64, Money, HOURS_PER_MONTH};
use rust_decimal::Decimal;

use crate::support::{azcost, estimate, estimate_json, fixture};

/// The westus Linux price row of an App Service plan SKU, as the API spells it.
fn linux_plan_price(sku: &str, product: &str) -> Decimal {
    let snapshot = Snapshot::embedded().unwrap();
    let row = snapshot
        .catalog
        .rows()
        .iter()
        .find(|row| {
            row.arm_region_name == "westus" && row.product_name == product && row.sku_name == sku
        })
        .expect("the snapshot prices the SKU");
    decimal_from_f64(row.retail_price).unwrap()
}

#[test]
fn inherited_overrides_are_priced_from_the_rows() {
    let estimate = estimate_json(&fixture("inheritance.yaml"), &[]);
    let names: Vec<&str> = estimate
        .environments
        .iter()
        .map(|environment| environment.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["dev", "prod"],
        "abstract environments are not priced; file order kept"
    );
    let p2v3 = linux_plan_price("P2 v3", "Azure App Service Premium v3 Plan - Linux");
    let hours = Decimal::from(HOURS_PER_MONTH);
    let backend = estimate
        .lines
        .iter()
        .find(|line| line.environment == "prod" && line.resource == "backend")
        .unwrap();
    assert_eq!(
        backend.monthly,
        Some(Money::new(p2v3 * Decimal::from(2) * hours).rounded())
    );
    assert!(
        !estimate
            .lines
            .iter()
            .any(|line| line.environment == "dev" && line.resource == "worker"),
        "dev removed the worker"
    );
    let sum: Money = estimate.lines.iter().filter_map(|line| line.monthly).sum();
    assert_eq!(estimate.totals.monthly, sum);
    assert_eq!(estimate.totals.annual, sum * Decimal::from(12));
}

#[test]
fn a_calendar_month_changes_the_hours() {
    let february = estimate_json(
        &fixture("inheritance.yaml"),
        &["--month", "2026-02", "--env", "dev"],
    );
    assert_eq!(february.scenario.hours_per_month, 672);
    let b1 = linux_plan_price("B1", "Azure App Service Basic Plan - Linux");
    assert_eq!(
        february.totals.monthly,
        Money::new(b1 * Decimal::from(672)).rounded()
    );
}

#[test]
fn json_round_trips() {
    let (_, stdout, _) = estimate(&fixture("inheritance.yaml"), &["--format", "json"]);
    let parsed: Estimate = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&parsed).unwrap() + "\n",
        stdout
    );
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert!(
        value["totals"]["monthly"].is_string(),
        "money is a decimal string"
    );
}

#[test]
fn csv_opens_cleanly() {
    let (_, stdout, _) = estimate(&fixture("inheritance.yaml"), &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "scenario");
    let monthly = headers
        .iter()
        .position(|header| header == "monthly")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.len(), headers.len());
        row[monthly]
            .parse::<Decimal>()
            .expect("monthly is a plain decimal");
    }
}

#[test]
fn several_files_and_an_output_file() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("nested/report.json");
    let status = azcost()
        .args([
            "estimate",
            &fixture("inheritance.yaml"),
            &fixture("inheritance.yaml"),
        ])
        .args(["--as-of", "2026-11-01", "--format", "json", "--output"])
        .arg(&path)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let estimates: Vec<Estimate> =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(estimates.len(), 2);
}

#[test]
fn every_format_of_the_fixture() {
    for format in ["table", "markdown", "json", "csv"] {
        let (code, stdout, _) = estimate(&fixture("inheritance.yaml"), &["--format", format]);
        assert_eq!(code, 0);
        insta::assert_snapshot!(format!("inheritance-{format}"), stdout);
    }
}

#[test]
fn the_schema_describes_scenarios() {
    let output = azcost().arg("schema").output().unwrap();
    assert!(output.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = schema.to_string();
    for word in [
        "environments",
        "extends",
        "app_service_plan",
        "custom",
        "region",
    ] {
        assert!(text.contains(word), "the schema mentions {word}");
    }
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let output = azcost().arg("schema").output().unwrap();
    let committed =
        std::fs::read_to_string(crate::support::root().join("scenarios/scenario.schema.json"))
            .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        committed,
        "regenerate with `cargo run -- schema -o scenarios/scenario.schema.json`"
    );
}
