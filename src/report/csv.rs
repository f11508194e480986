//! CSV for spreadsheets: one row per priced meter, plain decimals, no totals rows (a pivot
//! table computes them), a header row, and the scenario on every row so several files can
//! share one sheet. When any line was asked to be priced under a reservation or savings plan,
//! three columns follow the others: `pricing`, `pay_as_you_go` (monthly) and `saving`.

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

const COMMITMENT_HEADERS: [&str; 3] = ["pricing", "pay_as_you_go", "saving"];

pub fn render(estimates: &[Estimate]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let committed = estimates
        .iter()
        .flat_map(|estimate| &estimate.lines)
        .any(|line| line.pricing.is_some());
    let mut headers = HEADERS.to_vec();
    if committed {
        headers.extend(COMMITMENT_HEADERS);
    }
    writer.write_record(&headers)?;
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
            let mut record: Vec<String> = [
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
            ]
            .map(str::to_string)
            .to_vec();
            if committed {
                let money = |amount: Option<crate::money::Money>| {
                    amount.map(|amount| amount.to_string()).unwrap_or_default()
                };
                record.extend([
                    line.pricing
                        .map(|pricing| pricing.as_str())
                        .unwrap_or("payg")
                        .to_string(),
                    money(line.pay_as_you_go),
                    money(line.saving),
                ]);
            }
            writer.write_record(&record)?;
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
