//! One Retail Prices API item, with the API's own field names and order.
//!
//! The snapshot stores these rows verbatim (JSON Lines) so a price change reads as a git diff
//! and a row can be checked against the live API by eye. Prices stay `f64` here because that
//! is what the API sends; [`crate::catalog::Price`] turns them into decimals exactly once.

use serde::{Deserialize, Serialize};

/// A savings-plan rate carried by preview-API consumption rows (hourly, in the row's unit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavingsPlanRate {
    pub unit_price: f64,
    pub retail_price: f64,
    pub term: String,
}

/// One price row exactly as the Azure Retail Prices API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceRow {
    pub currency_code: String,
    pub tier_minimum_units: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation_term: Option<String>,
    pub retail_price: f64,
    pub unit_price: f64,
    pub arm_region_name: String,
    pub location: String,
    pub effective_start_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_end_date: Option<String>,
    pub meter_id: String,
    pub meter_name: String,
    pub product_id: String,
    pub sku_id: String,
    pub product_name: String,
    pub sku_name: String,
    pub service_name: String,
    pub service_id: String,
    pub service_family: String,
    pub unit_of_measure: String,
    #[serde(rename = "type")]
    pub price_type: String,
    pub is_primary_meter_region: bool,
    pub arm_sku_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub savings_plan: Option<Vec<SavingsPlanRate>>,
}

impl PriceRow {
    /// The natural key of a row: two rows with the same key are the same price.
    pub fn key(&self) -> (String, String, String, String, String) {
        (
            self.meter_id.clone(),
            self.sku_id.clone(),
            self.price_type.clone(),
            format!("{}", self.tier_minimum_units),
            self.reservation_term.clone().unwrap_or_default(),
        )
    }

    /// `YYYY-MM-DD` of `effectiveStartDate`.
    pub fn start_day(&self) -> &str {
        day_of(&self.effective_start_date)
    }

    /// Whether the row is in force on `as_of` (`YYYY-MM-DD`).
    pub fn in_force_on(&self, as_of: &str) -> bool {
        let started = self.start_day() <= as_of;
        let not_ended = self
            .effective_end_date
            .as_deref()
            .map(|end| day_of(end) > as_of)
            .unwrap_or(true);
        started && not_ended
    }
}

/// Whether `text` is a `YYYY-MM-DD` date.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| {
            if index == 4 || index == 7 {
                *byte == b'-'
            } else {
                byte.is_ascii_digit()
            }
        })
}

fn day_of(timestamp: &str) -> &str {
    timestamp.get(..10).unwrap_or(timestamp)
}

/// Collapses any run of Unicode white space (the API sometimes sends U+00A0 in productName)
/// into one ASCII space and trims the ends.
pub fn normalise_whitespace(text: &str) -> String {
    text.split(|character: char| character.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_breaking_spaces_are_normalised() {
        assert_eq!(
            normalise_whitespace("Azure\u{a0}Database for  PostgreSQL "),
            "Azure Database for PostgreSQL"
        );
    }

    #[test]
    fn day_comparison_uses_the_date_part() {
        assert_eq!(day_of("2024-11-01T00:00:00Z"), "2024-11-01");
        assert_eq!(day_of("2024"), "2024");
    }
}
