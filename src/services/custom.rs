//! `custom`: a line whose price the scenario states itself, with the source it came from.
//!
//! # What it prices
//! Anything the price snapshot truly lacks (a meter priced under a global region, a
//! marketplace offer): `quantity × unit_price`. Every custom line shows its source on the
//! report, so a reader can tell a stated price from a Retail Prices API row.
//!
//! # Meters
//! None: the price is the scenario's.
//!
//! # Scenario fields
//! `description`, `unit_price` (≥ 0), `unit` (free text, e.g. `1/Month`), `quantity` (≥ 0,
//! default 1), `per_hour` (default false: when true the price is per hour and `quantity` is
//! multiplied by the hours in the month, so calendar months stay right), `source` (required:
//! where the price comes from), `category` (default `other`).
//!
//! # Assumptions
//! - The stated price is per `unit` and is in the scenario's currency.
//!
//! # Example
//! ```yaml
//! front_door:
//!   kind: custom
//!   description: Front Door Standard base fee
//!   unit_price: 35
//!   unit: 1/Month
//!   quantity: 1
//!   source: https://learn.microsoft.com/azure/frontdoor/understanding-pricing (base fee table)
//!   category: network
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterSource, MeterUse, Service};
use crate::catalog::Dimension;

/// A stated price with its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Custom {
    /// What the line is.
    pub description: String,
    /// Price per `unit`, in the scenario's currency.
    pub unit_price: f64,
    /// The unit the price is per, e.g. `1/Month` or `1 GB`.
    pub unit: String,
    /// How many units a month (default 1).
    #[serde(default = "crate::services::usage::one")]
    pub quantity: f64,
    /// The price is per hour: bill `quantity` × the hours in the month (default false).
    #[serde(default)]
    pub per_hour: bool,
    /// Where the price comes from: a URL, a document and section, a quote.
    pub source: String,
    /// Cost category (default `other`).
    #[serde(default = "other")]
    pub category: Category,
}

fn other() -> Category {
    Category::Other
}

impl Service for Custom {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "unit_price", Some(self.unit_price), 0.0, 1e9);
        check_range(&mut issues, "quantity", Some(self.quantity), 0.0, 1e15);
        if self.source.trim().is_empty() {
            issues.push(FieldIssue::new("source", "a custom price needs a source"));
        }
        issues
    }

    fn sku_label(&self) -> String {
        "custom".to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let (quantity, label) = if self.per_hour {
            (
                decimal(self.quantity) * context.hours(),
                format!(
                    "{} ({} × {} h)",
                    self.description,
                    self.quantity,
                    context.month.hours()
                ),
            )
        } else {
            (decimal(self.quantity), self.description.clone())
        };
        vec![MeterUse {
            label,
            source: MeterSource::Custom {
                unit_price: decimal(self.unit_price),
                unit: self.unit.clone(),
                source: self.source.clone(),
            },
            quantity,
            dimension: Dimension::Count,
            basis: super::Basis::Fixed,
            category: self.category,
            note: None,
            commitment: None,
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::MonthLength;
    use rust_decimal::Decimal;

    fn stated(per_hour: bool) -> Custom {
        Custom {
            description: "endpoint hours".into(),
            unit_price: 2.0,
            unit: "1 Hour".into(),
            quantity: 3.0,
            per_hour,
            source: "a cited document".into(),
            category: Category::Network,
        }
    }

    fn context(month: &str) -> Context {
        Context {
            region: "westus".into(),
            month: MonthLength::parse(month).unwrap(),
            environment: "prod".into(),
            simulated: None,
        }
    }

    #[test]
    fn an_hourly_price_follows_the_month_length() {
        let average = stated(true).meters(&context("average"));
        assert_eq!(average[0].quantity, Decimal::from(3 * 730));
        let february = stated(true).meters(&context("2026-02"));
        assert_eq!(february[0].quantity, Decimal::from(3 * 672));
        assert_eq!(
            stated(false).meters(&context("average"))[0].quantity,
            Decimal::from(3)
        );
    }

    #[test]
    fn the_source_travels_with_the_price() {
        let meters = stated(false).meters(&context("average"));
        match &meters[0].source {
            MeterSource::Custom { source, .. } => assert_eq!(source, "a cited document"),
            other => panic!("expected a custom price, got {other:?}"),
        }
    }

    #[test]
    fn a_negative_price_or_a_missing_source_is_rejected() {
        let mut bad = stated(false);
        bad.unit_price = -1.0;
        bad.source = " ".into();
        let issues = bad.validate();
        assert_eq!(issues.len(), 2);
        assert!(issues[0].message.contains("between 0 and"));
        assert!(issues[1].message.contains("needs a source"));
    }
}
