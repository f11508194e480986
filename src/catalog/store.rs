//! Reading the price snapshot (JSON Lines) into rows: the only module that uses polars.
//!
//! polars parses the whole file column by column, which keeps loading the embedded
//! 3,400-row snapshot to a few milliseconds; its DataFrame never leaves this module. Optional
//! API fields (`reservationTerm`, `effectiveEndDate`, `savingsPlan`) may be absent from a
//! snapshot altogether; every other field is required and a missing one is an error that
//! names the field.

use std::io::Cursor;

use polars::prelude::*;
use thiserror::Error;

use super::row::{PriceRow, SavingsPlanRate};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the price snapshot is not valid JSON Lines: {0}")]
    Parse(String),
    #[error("the price snapshot has no `{0}` field")]
    MissingField(&'static str),
    #[error("row {row} of the price snapshot has no `{field}`")]
    MissingValue { row: usize, field: &'static str },
    #[error("row {row} of the price snapshot has a malformed `savingsPlan`: {reason}")]
    SavingsPlan { row: usize, reason: String },
}

/// Parses a JSON Lines snapshot into price rows, in file order.
pub fn parse_rows(jsonl: &[u8]) -> Result<Vec<PriceRow>, StoreError> {
    if jsonl.iter().all(|byte| byte.is_ascii_whitespace()) {
        return Ok(Vec::new());
    }
    let frame = JsonReader::new(Cursor::new(jsonl))
        .with_json_format(JsonFormat::JsonLines)
        .infer_schema_len(None)
        .finish()
        .map_err(|error| StoreError::Parse(error.to_string()))?;
    let height = frame.height();
    let text = |field: &'static str| required_text(&frame, field);
    let number = |field: &'static str| required_number(&frame, field);

    let currency = text("currencyCode")?;
    let tier = number("tierMinimumUnits")?;
    let retail = number("retailPrice")?;
    let unit_price = number("unitPrice")?;
    let region = text("armRegionName")?;
    let location = text("location")?;
    let start = text("effectiveStartDate")?;
    let meter_id = text("meterId")?;
    let meter_name = text("meterName")?;
    let product_id = text("productId")?;
    let sku_id = text("skuId")?;
    let product_name = text("productName")?;
    let sku_name = text("skuName")?;
    let service_name = text("serviceName")?;
    let service_id = text("serviceId")?;
    let service_family = text("serviceFamily")?;
    let unit = text("unitOfMeasure")?;
    let price_type = text("type")?;
    let primary = required_flag(&frame, "isPrimaryMeterRegion")?;
    let arm_sku = text("armSkuName")?;
    let reservation_term = optional_text(&frame, "reservationTerm")?;
    let end = optional_text(&frame, "effectiveEndDate")?;
    let savings_plan = savings_plans(jsonl, height)?;

    let mut rows = Vec::with_capacity(height);
    for index in 0..height {
        let get = |column: &Vec<Option<String>>, field: &'static str| {
            column[index].clone().ok_or(StoreError::MissingValue {
                row: index + 1,
                field,
            })
        };
        let get_number = |column: &Vec<Option<f64>>, field: &'static str| {
            column[index].ok_or(StoreError::MissingValue {
                row: index + 1,
                field,
            })
        };
        let savings = savings_plan[index].clone();
        rows.push(PriceRow {
            currency_code: get(&currency, "currencyCode")?,
            tier_minimum_units: get_number(&tier, "tierMinimumUnits")?,
            reservation_term: reservation_term[index].clone(),
            retail_price: get_number(&retail, "retailPrice")?,
            unit_price: get_number(&unit_price, "unitPrice")?,
            // Empty strings are legal for region, location and armSkuName.
            arm_region_name: region[index].clone().unwrap_or_default(),
            location: location[index].clone().unwrap_or_default(),
            effective_start_date: get(&start, "effectiveStartDate")?,
            effective_end_date: end[index].clone(),
            meter_id: get(&meter_id, "meterId")?,
            meter_name: get(&meter_name, "meterName")?,
            product_id: get(&product_id, "productId")?,
            sku_id: get(&sku_id, "skuId")?,
            product_name: get(&product_name, "productName")?,
            sku_name: get(&sku_name, "skuName")?,
            service_name: get(&service_name, "serviceName")?,
            service_id: get(&service_id, "serviceId")?,
            service_family: get(&service_family, "serviceFamily")?,
            unit_of_measure: get(&unit, "unitOfMeasure")?,
            price_type: get(&price_type, "type")?,
            is_primary_meter_region: primary[index].unwrap_or(false),
            arm_sku_name: arm_sku[index].clone().unwrap_or_default(),
            savings_plan: savings,
        });
    }
    Ok(rows)
}

/// The nested `savingsPlan` arrays. polars reads them as lists of structs, which this build
/// does not compile support for (it would double polars' build time for a handful of rows), so
/// the few lines that carry one are decoded with serde instead.
fn savings_plans(
    jsonl: &[u8],
    height: usize,
) -> Result<Vec<Option<Vec<SavingsPlanRate>>>, StoreError> {
    #[derive(serde::Deserialize)]
    struct Carrier {
        #[serde(rename = "savingsPlan", default)]
        savings_plan: Option<Vec<SavingsPlanRate>>,
    }
    let text = String::from_utf8_lossy(jsonl);
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    if lines.len() != height {
        return Err(StoreError::Parse(format!(
            "{} lines but {height} rows; a row must be one line",
            lines.len()
        )));
    }
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            if !line.contains("\"savingsPlan\"") {
                return Ok(None);
            }
            serde_json::from_str::<Carrier>(line)
                .map(|carrier| carrier.savings_plan)
                .map_err(|error| StoreError::SavingsPlan {
                    row: index + 1,
                    reason: error.to_string(),
                })
        })
        .collect()
}

fn required_text(
    frame: &DataFrame,
    field: &'static str,
) -> Result<Vec<Option<String>>, StoreError> {
    if frame.column(field).is_err() {
        return Err(StoreError::MissingField(field));
    }
    optional_text(frame, field)
}

/// A text column, or all-missing when the snapshot has no such field. Nested values (the
/// `savingsPlan` array) come back as their JSON text.
fn optional_text(
    frame: &DataFrame,
    field: &'static str,
) -> Result<Vec<Option<String>>, StoreError> {
    let Ok(column) = frame.column(field) else {
        return Ok(vec![None; frame.height()]);
    };
    let series = column.as_materialized_series();
    if let Ok(strings) = series.str() {
        return Ok(strings
            .iter()
            .map(|value| value.map(str::to_string))
            .collect());
    }
    let cast = series
        .cast(&DataType::String)
        .map_err(|error| StoreError::Parse(format!("`{field}`: {error}")))?;
    let strings = cast
        .str()
        .map_err(|error| StoreError::Parse(format!("`{field}`: {error}")))?;
    Ok(strings
        .iter()
        .map(|value| value.map(str::to_string))
        .collect())
}

fn required_number(frame: &DataFrame, field: &'static str) -> Result<Vec<Option<f64>>, StoreError> {
    let column = frame
        .column(field)
        .map_err(|_| StoreError::MissingField(field))?;
    let cast = column
        .as_materialized_series()
        .cast(&DataType::Float64)
        .map_err(|error| StoreError::Parse(format!("`{field}`: {error}")))?;
    let numbers = cast
        .f64()
        .map_err(|error| StoreError::Parse(format!("`{field}`: {error}")))?;
    Ok(numbers.iter().collect())
}

fn required_flag(frame: &DataFrame, field: &'static str) -> Result<Vec<Option<bool>>, StoreError> {
    let column = frame
        .column(field)
        .map_err(|_| StoreError::MissingField(field))?;
    let flags = column
        .as_materialized_series()
        .bool()
        .map_err(|error| StoreError::Parse(format!("`{field}`: {error}")))?
        .iter()
        .collect();
    Ok(flags)
}
