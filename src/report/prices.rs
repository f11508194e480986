//! Price rows as text for `prices search`, `prices show` and `prices diff`: what a scenario
//! author reads to find the exact service, product, SKU and meter names to write.
//!
//! Prices are shown as the API sends them (a row's `retailPrice`, in its unit); nothing here
//! computes a cost.

use super::grid::Grid;
use crate::catalog::snapshot_diff::{Change, ChangeKind};
use crate::catalog::PriceRow;

/// `prices search`: one line per meter, at most `limit`, with how many matched in all.
pub fn search(rows: &[&PriceRow], limit: usize) -> String {
    let mut grid = Grid::new(
        &[
            "Service", "Region", "Product", "SKU", "Meter", "Unit", "Type", "Price",
        ],
        &[7],
    );
    for row in rows.iter().take(limit) {
        grid.push(vec![
            row.service_name.clone(),
            row.arm_region_name.clone(),
            row.product_name.clone(),
            row.sku_name.clone(),
            row.meter_name.clone(),
            row.unit_of_measure.clone(),
            price_type(row),
            format!("{}", row.retail_price),
        ]);
    }
    let mut text = grid.text("");
    if rows.len() > limit {
        text.push_str(&format!(
            "… {} more meters; add words, --service or --region, or raise --limit\n",
            rows.len() - limit
        ));
    }
    if let Some(first) = rows.first() {
        text.push_str(&format!(
            "{} meter{} found. All rows of one SKU: azcost prices show --service \"{}\" --sku \"{}\"\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            first.service_name,
            first.sku_name
        ));
    }
    text
}

/// `prices show`: every row of one SKU, with what a scenario or a look-up needs.
pub fn show(rows: &[&PriceRow]) -> String {
    let mut grid = Grid::new(
        &[
            "Region",
            "Product",
            "Meter",
            "armSkuName",
            "Unit",
            "Type",
            "From",
            "Price",
            "Effective",
            "meterId",
        ],
        &[6, 7],
    );
    for row in rows {
        grid.push(vec![
            row.arm_region_name.clone(),
            row.product_name.clone(),
            row.meter_name.clone(),
            row.arm_sku_name.clone(),
            row.unit_of_measure.clone(),
            price_type(row),
            format!("{}", row.tier_minimum_units),
            format!("{}", row.retail_price),
            row.start_day().to_string(),
            row.meter_id.clone(),
        ]);
    }
    grid.text("")
}

/// `prices diff`: each change with the scenarios it affects.
pub fn diff(changes: &[(Change, Vec<String>)]) -> String {
    if changes.is_empty() {
        return "No price changed, appeared or vanished.\n".to_string();
    }
    let mut grid = Grid::new(
        &[
            "Change", "Service", "Region", "Product", "SKU", "Meter", "Type", "Unit", "Old", "New",
            "Affects",
        ],
        &[8, 9],
    );
    for (change, scenarios) in changes {
        let row = change.row();
        let price = |row: &Option<PriceRow>| {
            row.as_ref()
                .map_or("—".to_string(), |row| format!("{}", row.retail_price))
        };
        grid.push(vec![
            change.kind.as_str().to_string(),
            row.service_name.clone(),
            row.arm_region_name.clone(),
            row.product_name.clone(),
            row.sku_name.clone(),
            row.meter_name.clone(),
            price_type(row),
            row.unit_of_measure.clone(),
            price(&change.old),
            price(&change.new),
            if scenarios.is_empty() {
                "—".to_string()
            } else {
                scenarios.join(", ")
            },
        ]);
    }
    let count = |kind: ChangeKind| {
        changes
            .iter()
            .filter(|(change, _)| change.kind == kind)
            .count()
    };
    let affecting = changes
        .iter()
        .filter(|(_, scenarios)| !scenarios.is_empty())
        .count();
    format!(
        "{}{} changed, {} appeared, {} vanished; {affecting} of them {} a scenario\n",
        grid.text(""),
        count(ChangeKind::Changed),
        count(ChangeKind::Appeared),
        count(ChangeKind::Vanished),
        if affecting == 1 { "affects" } else { "affect" }
    )
}

fn price_type(row: &PriceRow) -> String {
    match &row.reservation_term {
        Some(term) => format!("{} {term}", row.price_type),
        None => row.price_type.clone(),
    }
}
