//! `pricing: reservation-1y | reservation-3y | savings-plan-1y | savings-plan-3y` on a
//! resource: compute hours priced from Reservation rows (amortised) or savings-plan rates,
//! beside their pay-as-you-go cost; other meters stay pay-as-you-go; a commitment the snapshot
//! cannot price is an unpriced line, never a silent pay-as-you-go one.

use azcost::catalog::snapshot::Snapshot;
use azcost::catalog::PricingMode;
use azcost::estimate::{Estimate, Line, Status};
use azcost::money::{decimal_from_f64, Money};
use rust_decimal::Decimal;

use crate::support::{estimate, estimate_json, fixture};

const HOURS_PER_YEAR: i64 = 8_760;

fn reserved() -> Estimate {
    estimate_json(&fixture("reserved.yaml"), &["--allow-unpriced"])
}

fn line<'a>(estimate: &'a Estimate, environment: &str, resource: &str, meter: &str) -> &'a Line {
    estimate
        .lines
        .iter()
        .find(|line| {
            line.environment == environment
                && line.resource == resource
                && line.meter.starts_with(meter)
        })
        .unwrap_or_else(|| panic!("no line {environment}/{resource} {meter}"))
}

/// The westus Reservation totals of one meter, and its pay-as-you-go hourly price.
fn reservation_rows(product: &str, sku: &str, arm_sku: Option<&str>) -> (Vec<Decimal>, Decimal) {
    let snapshot = Snapshot::embedded().unwrap();
    let matching = |row: &&azcost::catalog::PriceRow| {
        row.arm_region_name == "westus"
            && row.product_name == product
            && row.sku_name == sku
            && arm_sku.is_none_or(|arm_sku| row.arm_sku_name == arm_sku)
    };
    let rows: Vec<_> = snapshot.catalog.rows().iter().filter(matching).collect();
    let amount = |value: f64| decimal_from_f64(value).unwrap();
    let totals = rows
        .iter()
        .filter(|row| row.price_type == "Reservation")
        .map(|row| amount(row.retail_price))
        .collect();
    let payg = rows
        .iter()
        .find(|row| row.price_type == "Consumption")
        .map(|row| amount(row.retail_price))
        .unwrap();
    (totals, payg)
}

#[test]
fn reserved_lines_in_a_table_show_mode_payg_and_saving() {
    let (code, stdout, stderr) = estimate(&fixture("reserved.yaml"), &[]);
    assert_eq!(code, 1, "two lines are unpriced: {stderr}");
    assert!(
        stdout.contains("prod saving vs pay-as-you-go USD"),
        "{stdout}"
    );
    insta::assert_snapshot!("reserved-table", stdout);
}

#[test]
fn reserved_json_round_trips() {
    let (code, stdout, stderr) = estimate(
        &fixture("reserved.yaml"),
        &["--format", "json", "--allow-unpriced"],
    );
    assert_eq!(code, 0, "{stderr}");
    let parsed: Estimate = serde_json::from_str(&stdout).unwrap();
    assert!(parsed.totals.saving.is_some());
    insta::assert_snapshot!("reserved-json", stdout);
}

#[test]
fn a_one_year_reservation_is_the_term_total_spread_over_its_hours() {
    let estimate = reserved();
    let web = line(&estimate, "prod", "web", "P1v3 instance hours");
    assert_eq!(web.pricing, Some(PricingMode::Reservation1Year));
    let (totals, payg) =
        reservation_rows("Azure App Service Premium v3 Plan - Linux", "P1 v3", None);
    let year = Decimal::from(HOURS_PER_YEAR);
    // The one row that, read as a 1-year total, is cheaper per hour than pay-as-you-go.
    let one_year: Vec<Decimal> = totals
        .into_iter()
        .filter(|total| *total / year < payg)
        .collect();
    assert_eq!(one_year.len(), 1);
    assert_eq!(
        web.monthly,
        Some(Money::new(web.quantity * one_year[0] / year).rounded())
    );
    assert!(web.note.as_deref().unwrap().contains("term inferred"));
    // Pay-as-you-go is what the same resource costs in dev, where it is not reserved.
    let dev = line(&estimate, "dev", "web", "P1v3 instance hours");
    assert_eq!(dev.pricing, None, "`pricing: payg` is plain pay-as-you-go");
    assert_eq!(dev.saving, None);
    assert_eq!(web.pay_as_you_go, dev.monthly);
}

#[test]
fn postgresql_compute_is_reserved_per_vcore_and_storage_stays_payg() {
    let estimate = reserved();
    let compute = line(&estimate, "prod", "database", "D4ds_v5 compute");
    assert_eq!(compute.pricing, Some(PricingMode::Reservation3Years));
    let (totals, payg) = reservation_rows(
        "Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute",
        "vCore",
        Some("AzureDB_PostgreSQL_Flexible_Server_General_Purpose_Ddsv5Series_Compute_vCore"),
    );
    let three_years = Decimal::from(3 * HOURS_PER_YEAR);
    let year = Decimal::from(HOURS_PER_YEAR);
    // The 3-year row is the one that is not cheaper than pay-as-you-go read as 1-year.
    let three: Vec<Decimal> = totals
        .into_iter()
        .filter(|total| *total / year >= payg)
        .collect();
    assert_eq!(three.len(), 1);
    let vcores = Decimal::from(4);
    assert_eq!(
        compute.monthly,
        Some(Money::new(compute.quantity * vcores * three[0] / three_years).rounded())
    );
    let storage = line(&estimate, "prod", "database", "storage");
    assert_eq!(storage.pricing, Some(PricingMode::PayAsYouGo));
    assert_eq!(storage.pay_as_you_go, None);
    assert!(storage
        .note
        .as_deref()
        .unwrap()
        .contains("pay-as-you-go: reservation-3y"));
}

#[test]
fn savings_add_up_per_line_environment_and_total() {
    let estimate = reserved();
    for line in &estimate.lines {
        if let (Some(monthly), Some(payg)) = (line.monthly, line.pay_as_you_go) {
            assert_eq!(line.saving, Some(payg - monthly), "{}", line.resource);
            assert!(monthly < payg, "{} costs less reserved", line.resource);
        }
    }
    for environment in &estimate.environments {
        let sum: Money = estimate
            .lines
            .iter()
            .filter(|line| line.environment == environment.name)
            .filter_map(|line| line.saving)
            .sum();
        assert_eq!(environment.saving, Some(sum), "{}", environment.name);
    }
    let sum: Money = estimate.lines.iter().filter_map(|line| line.saving).sum();
    assert_eq!(estimate.totals.saving, Some(sum));
}

#[test]
fn a_commitment_without_a_price_is_unpriced_not_payg() {
    let estimate = reserved();
    let small = line(&estimate, "prod", "small", "B1 instance hours");
    assert_eq!(small.status, Status::Unpriced);
    assert_eq!(small.monthly, None);
    assert!(
        small
            .unpriced_reason
            .as_deref()
            .unwrap()
            .starts_with("reservation-1y: no Reservation row for "),
        "{small:?}"
    );
    assert!(
        small.pay_as_you_go.is_some(),
        "the PAYG cost is still shown"
    );
    let flexible = line(&estimate, "prod", "flexible", "P1v3 instance hours");
    assert_eq!(flexible.status, Status::Unpriced);
    assert!(flexible
        .unpriced_reason
        .as_deref()
        .unwrap()
        .contains("savings-plan rate"));
    assert!(!estimate.totals.complete);
}

#[test]
fn recorded_terms_only_leaves_unnamed_rows_unpriced() {
    let estimate = estimate_json(
        &fixture("reserved.yaml"),
        &["--allow-unpriced", "--reservation-terms", "recorded"],
    );
    let web = line(&estimate, "prod", "web", "P1v3 instance hours");
    assert_eq!(web.status, Status::Unpriced);
    assert!(web
        .unpriced_reason
        .as_deref()
        .unwrap()
        .contains("reservationTerm"));
}

#[test]
fn pay_as_you_go_estimates_carry_no_commitment_fields() {
    let (_, stdout, _) = estimate(&fixture("inheritance.yaml"), &["--format", "json"]);
    for field in ["\"pricing\": \"", "pay_as_you_go", "saving"] {
        assert!(!stdout.contains(field), "{field} in a PAYG estimate");
    }
}

#[test]
fn bad_pricing_is_located_with_a_suggestion() {
    let (code, stdout, stderr) = estimate(&fixture("bad-pricing.yaml"), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("bad-pricing.yaml:9:18: resource `web`: unknown value `reservation-2y`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(did you mean `reservation-1y`?)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("does not apply to kind `key_vault`"),
        "{stderr}"
    );
    assert!(stderr.contains("(did you mean `pricing`?)"), "{stderr}");
    insta::assert_snapshot!("bad-pricing", stderr);
}

#[test]
fn reserved_markdown_and_csv_show_the_same_commitment_columns() {
    for format in ["markdown", "csv"] {
        let (code, stdout, stderr) = estimate(
            &fixture("reserved.yaml"),
            &["--format", format, "--allow-unpriced"],
        );
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("reservation-3y"), "{stdout}");
        insta::assert_snapshot!(format!("reserved-{format}"), stdout);
    }
}
