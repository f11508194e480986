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
//! default 1), `source` (required: where the price comes from), `category` (default `other`).
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
    #[serde(default = "one")]
    pub quantity: f64,
    /// Where the price comes from: a URL, a document and section, a quote.
    pub source: String,
    /// Cost category (default `other`).
    #[serde(default = "other")]
    pub category: Category,
}

fn one() -> f64 {
    1.0
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

    fn meters(&self, _context: &Context) -> Vec<MeterUse> {
        vec![MeterUse {
            label: self.description.clone(),
            source: MeterSource::Custom {
                unit_price: decimal(self.unit_price),
                unit: self.unit.clone(),
                source: self.source.clone(),
            },
            quantity: decimal(self.quantity),
            dimension: Dimension::Count,
            basis: super::Basis::Fixed,
            category: self.category,
            note: None,
        }]
    }
}
