//! CSV for spreadsheets: one row per priced meter, plain decimals, no totals rows (a pivot
//! table computes them), a header row, and the scenario on every row so several files can
//! share one sheet.

use crate::estimate::Estimate;

const HEADERS: [&str; 17] = [
    "scenario",
    "environment",
    "resource",
    "kind",
    "sku",
    "meter",
    "category",
    "status",
    "quantity",
    "quantity_unit",
    "unit_price",
    "price_unit",
    "monthly",
    "annual",
    "currency",
    "price_source",
    "note",
];

pub fn render(estimates: &[Estimate]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADERS)?;
    for estimate in estimates {
        for line in &estimate.lines {
            let monthly = line
                .monthly
                .map(|amount| amount.to_string())
                .unwrap_or_default();
            let annual = line
                .monthly
                .map(|amount| (amount * rust_decimal::Decimal::from(12)).to_string())
                .unwrap_or_default();
            let source = match &line.unpriced_reason {
                Some(reason) => format!("unpriced: {reason}"),
                None => line.price_source.clone(),
            };
            writer.write_record([
                estimate.scenario.name.as_str(),
                &line.environment,
                &line.resource,
                &line.kind,
                &line.sku,
                &line.meter,
                line.category.as_str(),
                line.status.as_str(),
                &line.quantity.to_string(),
                &line.quantity_unit,
                &line
                    .unit_price
                    .map(|price| price.to_string())
                    .unwrap_or_default(),
                &line.price_unit,
                &monthly,
                &annual,
                &estimate.scenario.currency,
                &source,
                line.note.as_deref().unwrap_or_default(),
            ])?;
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
