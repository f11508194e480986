//! Catalog behaviour on real snapshot rows: every expected price is read from a row, never
//! typed.

use rust_decimal::Decimal;

use super::snapshot::{build, rows_from_document, Manifest, Snapshot, SnapshotError};
use super::{Catalog, LookupError, PriceQuery, PriceRow};
use crate::money::decimal_from_f64;

const AS_OF: &str = "2026-11-01";

/// Loaded once for the whole test binary: parsing 3,400 rows in a debug build is not free.
fn snapshot() -> Snapshot {
    static LOADED: std::sync::OnceLock<Snapshot> = std::sync::OnceLock::new();
    LOADED
        .get_or_init(|| Snapshot::embedded().expect("the embedded snapshot loads"))
        .clone()
}

fn find(catalog: &Catalog, test: impl Fn(&PriceRow) -> bool) -> &PriceRow {
    catalog
        .rows()
        .iter()
        .find(|row| test(row))
        .expect("the snapshot has the row")
}

fn price_of(row: &PriceRow) -> Decimal {
    decimal_from_f64(row.retail_price).unwrap()
}

#[test]
fn the_embedded_snapshot_matches_its_manifest() {
    let snapshot = snapshot();
    assert_eq!(snapshot.catalog.len(), snapshot.manifest.row_count);
    assert!(snapshot.catalog.regions().contains("westus"));
}

#[test]
fn non_primary_meter_rows_are_kept_and_priced() {
    let catalog = snapshot().catalog;
    let row = find(&catalog, |row| {
        row.arm_region_name == "eastus"
            && row.product_name == "Azure App Service Basic Plan"
            && row.sku_name == "B1"
    });
    assert!(
        !row.is_primary_meter_region,
        "eastus Windows B1 is a non-primary row"
    );
    let query = PriceQuery::new("Azure App Service", "eastus")
        .product("Azure App Service Basic Plan")
        .sku("B1");
    let price = catalog.lookup(&query, AS_OF).unwrap();
    assert_eq!(price.tiers[0].unit_price, price_of(row));
}

#[test]
fn linux_and_windows_plans_are_priced_apart() {
    let catalog = snapshot().catalog;
    let query = |product: &str| {
        PriceQuery::new("Azure App Service", "westus")
            .product(product)
            .sku("P1 v3")
    };
    let linux = catalog
        .lookup(&query("Azure App Service Premium v3 Plan - Linux"), AS_OF)
        .unwrap();
    let windows = catalog
        .lookup(&query("Azure App Service Premium v3 Plan"), AS_OF)
        .unwrap();
    assert_ne!(linux.meter_id, windows.meter_id);
    assert_ne!(linux.tiers[0].unit_price, windows.tiers[0].unit_price);
}

#[test]
fn product_names_match_across_non_breaking_spaces() {
    let catalog = snapshot().catalog;
    let mut row = find(&catalog, |row| {
        row.product_name == "Azure Redis Cache Basic" && row.sku_name == "C1"
    })
    .clone();
    row.product_name = "Azure\u{a0}Redis Cache\u{a0}Basic".to_string();
    let lonely = Catalog::new(vec![row.clone()]);
    let query = PriceQuery::new(&row.service_name, &row.arm_region_name)
        .product("Azure Redis Cache Basic")
        .sku("C1");
    assert_eq!(
        lonely.lookup(&query, AS_OF).unwrap().tiers[0].unit_price,
        price_of(&row)
    );
}

#[test]
fn the_row_in_force_on_the_as_of_date_wins() {
    let catalog = snapshot().catalog;
    let old = find(&catalog, |row| {
        row.product_name == "Azure Redis Cache Basic" && row.sku_name == "C1"
    })
    .clone();
    let mut new = old.clone();
    new.retail_price = old.retail_price * 2.0;
    new.effective_start_date = "2027-01-01T00:00:00Z".to_string();
    let history = Catalog::new(vec![old.clone(), new.clone()]);
    let query = PriceQuery::new(&old.service_name, &old.arm_region_name)
        .product(&old.product_name)
        .sku("C1");
    assert_eq!(
        history.lookup(&query, "2026-12-31").unwrap().tiers[0].unit_price,
        price_of(&old)
    );
    assert_eq!(
        history.lookup(&query, "2027-01-01").unwrap().tiers[0].unit_price,
        price_of(&new)
    );
    let mut closed = old.clone();
    closed.effective_end_date = Some("2026-06-01T00:00:00Z".to_string());
    let ended = Catalog::new(vec![closed]);
    assert!(matches!(
        ended.lookup(&query, AS_OF),
        Err(LookupError::NotFound { .. })
    ));
    assert!(matches!(
        history.lookup(&query, "2010-01-01"),
        Err(LookupError::NotFound { .. })
    ));
}

#[test]
fn graduated_tiers_from_real_rows() {
    let catalog = snapshot().catalog;
    let query = PriceQuery::new("Service Bus", "westus")
        .product("Service Bus")
        .sku("Standard")
        .meter("Standard Messaging Operations");
    let price = catalog.lookup(&query, AS_OF).unwrap();
    let mut rows: Vec<&PriceRow> = catalog
        .rows()
        .iter()
        .filter(|row| {
            row.arm_region_name == "westus" && row.meter_name == "Standard Messaging Operations"
        })
        .collect();
    rows.sort_by(|a, b| a.tier_minimum_units.total_cmp(&b.tier_minimum_units));
    assert!(rows.len() >= 3, "the meter has graduated tiers");
    assert_eq!(price.tiers.len(), rows.len());
    // A quantity inside the second band: the first band at its rate, the rest at the second's.
    let first = decimal_from_f64(rows[1].tier_minimum_units).unwrap();
    let second = decimal_from_f64(rows[2].tier_minimum_units).unwrap();
    let quantity = (first + second) / Decimal::from(2);
    let expected = first * price_of(rows[0]) + (quantity - first) * price_of(rows[1]);
    assert_eq!(price.cost(quantity), expected);
    // Beyond the last band.
    let last = decimal_from_f64(rows[rows.len() - 1].tier_minimum_units).unwrap();
    let beyond = last + Decimal::from(10);
    let mut walked = Decimal::ZERO;
    for window in rows.windows(2) {
        let lower = decimal_from_f64(window[0].tier_minimum_units).unwrap();
        let upper = decimal_from_f64(window[1].tier_minimum_units).unwrap();
        walked += (upper - lower) * price_of(window[0]);
    }
    walked += Decimal::from(10) * price_of(rows[rows.len() - 1]);
    assert_eq!(price.cost(beyond), walked);
}

#[test]
fn a_misspelt_sku_suggests_the_real_one() {
    let catalog = snapshot().catalog;
    let query = PriceQuery::new("Azure App Service", "westus")
        .product("Azure App Service Premium v3 Plan - Linux")
        .sku("P2v3");
    match catalog.lookup(&query, AS_OF) {
        Err(LookupError::NotFound { query, suggestions }) => {
            assert!(query.contains("skuName eq 'P2v3'"));
            assert_eq!(suggestions[0], "skuName 'P2 v3'");
        }
        other => panic!("expected a miss, got {other:?}"),
    }
}

#[test]
fn a_service_missing_from_a_region_names_the_regions_it_has() {
    let catalog = snapshot().catalog;
    let query = PriceQuery::new("Azure Container Apps", "eastus");
    let error = catalog.lookup(&query, AS_OF).unwrap_err();
    assert!(error.to_string().contains("only in: westus"), "{error}");
    let unknown = PriceQuery::new("Azure Cosmos", "westus");
    assert!(unknown
        .to_string()
        .contains("serviceName eq 'Azure Cosmos'"));
    assert!(catalog
        .lookup(&unknown, AS_OF)
        .unwrap_err()
        .to_string()
        .contains("Azure Cosmos DB"));
}

#[test]
fn a_query_matching_several_meters_is_ambiguous() {
    let catalog = snapshot().catalog;
    let query = PriceQuery::new("Key Vault", "westus")
        .product("Key Vault")
        .sku("Standard");
    assert!(matches!(
        catalog.lookup(&query, AS_OF),
        Err(LookupError::Ambiguous { .. })
    ));
}

#[test]
fn a_snapshot_that_does_not_match_its_manifest_is_refused() {
    let manifest = super::snapshot::EMBEDDED_MANIFEST;
    let mut prices = super::snapshot::EMBEDDED_PRICES.to_vec();
    let position = prices.iter().position(|byte| *byte == b'7').unwrap();
    prices[position] = b'8';
    assert!(matches!(
        Snapshot::from_parts(manifest, &prices),
        Err(SnapshotError::Checksum { .. })
    ));
}

#[test]
fn building_a_snapshot_sorts_dedupes_and_checksums() {
    let catalog = snapshot().catalog;
    let rows: Vec<PriceRow> = catalog.rows().iter().take(5).cloned().collect();
    let mut doubled = rows.clone();
    doubled.extend(rows.iter().rev().cloned());
    let manifest = Manifest {
        source: "test".into(),
        prices_as_of: AS_OF.into(),
        api_version: "test".into(),
        currency: "USD".into(),
        filters: Vec::new(),
        row_count: 0,
        sha256: String::new(),
        inputs: Vec::new(),
    };
    let (text, manifest) = build(doubled, manifest);
    assert_eq!(manifest.row_count, 5);
    let reloaded =
        Snapshot::from_parts(&serde_json::to_string(&manifest).unwrap(), text.as_bytes()).unwrap();
    assert_eq!(reloaded.catalog.len(), 5);
}

#[test]
fn partial_rows_are_rejected_on_import() {
    let document = serde_json::json!({"Items": [{"skuName": "Dedicated", "retailPrice": 1.0}]});
    let error = rows_from_document("partial.json", &document).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("partial.json: item 1: missing field"),
        "{error}"
    );
    let page = serde_json::json!({"Items": [], "NextPageLink": null, "Count": 0});
    assert!(rows_from_document("empty.json", &page).unwrap().is_empty());
}

#[test]
fn savings_plan_rates_survive_loading() {
    let catalog = snapshot().catalog;
    let row = find(&catalog, |row| row.savings_plan.is_some());
    let rates = row.savings_plan.as_ref().unwrap();
    assert!(rates.iter().any(|rate| rate.term == "1 Year"));
    assert!(rates
        .iter()
        .all(|rate| rate.retail_price < row.retail_price));
}
