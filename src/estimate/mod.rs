//! Plan × Catalog → Estimate: the one report model every format renders from.
//!
//! An [`Estimate`] is versioned and round-trips through JSON (money as decimal strings), so
//! `diff` and `budget` can read back what `estimate --format json` wrote. Pricing is a pure
//! function: the as-of date and month length come in as arguments. A meter the catalog cannot
//! price becomes an *unpriced* line carrying the failed query; it never counts as $0, and the
//! totals say they are incomplete.

mod book;
mod commitment;
mod price;
pub mod projection;
pub mod range;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::PricingMode;
use crate::money::Money;
use crate::services::{CapacityReport, Category};

pub use book::PriceBook;
pub use price::{price, price_meters, PriceSettings};
pub use range::{CostRange, Percentiles, RangeSettings};

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub schema_version: u32,
    pub scenario: ScenarioInfo,
    pub pricing: PricingInfo,
    pub lines: Vec<Line>,
    pub environments: Vec<EnvironmentTotal>,
    pub totals: Totals,
    pub counts: Counts,
    /// One line per simulated resource (environments with traffic only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity: Vec<CapacityLine>,
    /// P10/P50/P90 monthly cost from a Monte Carlo over traffic uncertainty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<CostRange>,
}

/// A simulated resource: its capacity report, what it costs as simulated, and what it would
/// cost run another way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapacityLine {
    #[serde(flatten)]
    pub report: CapacityReport,
    /// The resource's monthly cost as simulated (`None` if any of its lines is unpriced).
    pub monthly: Option<Money>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<PricedAlternative>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricedAlternative {
    pub label: String,
    pub monthly: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScenarioInfo {
    pub name: String,
    pub description: String,
    pub file: String,
    pub region: String,
    pub currency: String,
    pub month: String,
    pub hours_per_month: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricingInfo {
    pub as_of: String,
    pub snapshot_source: String,
    pub snapshot_prices_as_of: String,
    pub snapshot_sha256: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Fixed,
    Usage,
    Assumed,
    Unpriced,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fixed => "fixed",
            Status::Usage => "usage",
            Status::Assumed => "assumed",
            Status::Unpriced => "unpriced",
        }
    }
}

/// One priced meter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub environment: String,
    pub resource: String,
    pub kind: String,
    pub sku: String,
    pub meter: String,
    pub category: Category,
    pub status: Status,
    /// Quantity in `quantity_unit` (hours, operations, GB-months…).
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    pub quantity_unit: String,
    /// The unit the price is quoted per (the API's `unitOfMeasure`, or a custom unit).
    pub price_unit: String,
    /// Price per `price_unit` (the marginal tier's rate for graduated meters).
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub unit_price: Option<Decimal>,
    pub monthly: Option<Money>,
    /// Where the price comes from: `retail-api meterId … from YYYY-MM-DD`, or a custom source.
    pub price_source: String,
    /// For an unpriced line: the query that failed and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unpriced_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the line is bought, when its resource sets `pricing` (absent: pay-as-you-go, no
    /// commitment asked for). A meter the commitment does not cover says `payg` here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<PricingMode>,
    /// What the line would cost pay-as-you-go, for a line priced under a commitment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_as_you_go: Option<Money>,
    /// `pay_as_you_go − monthly`, for a line priced under a commitment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentTotal {
    pub name: String,
    pub monthly: Money,
    pub annual: Money,
    pub categories: BTreeMap<Category, Money>,
    pub unpriced_lines: usize,
    /// Monthly saving against pay-as-you-go of the lines priced under a commitment (absent
    /// when none is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub monthly: Money,
    pub annual: Money,
    /// False when any line is unpriced: the totals then leave something out.
    pub complete: bool,
    /// Monthly saving against pay-as-you-go of every line priced under a commitment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub fixed: usize,
    pub usage: usize,
    pub assumed: usize,
    pub unpriced: usize,
    pub custom: usize,
}
