//! Plan × Catalog → Estimate: the one report model every format renders from.
//!
//! An [`Estimate`] is versioned and round-trips through JSON (money as decimal strings), so
//! `diff` and `budget` can read back what `estimate --format json` wrote. Pricing is a pure
//! function: the as-of date and month length come in as arguments. A meter the catalog cannot
//! price becomes an *unpriced* line carrying the failed query; it never counts as $0, and the
//! totals say they are incomplete.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::snapshot::Manifest;
use crate::catalog::Catalog;
use crate::money::{Money, MonthLength, UNIT_PRICE_DECIMALS};
use crate::plan::{Plan, PlannedLine};
use crate::scenario::Scenario;
use crate::services::{Basis, Category, MeterSource};

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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentTotal {
    pub name: String,
    pub monthly: Money,
    pub annual: Money,
    pub categories: BTreeMap<Category, Money>,
    pub unpriced_lines: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub monthly: Money,
    pub annual: Money,
    /// False when any line is unpriced: the totals then leave something out.
    pub complete: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    pub fixed: usize,
    pub usage: usize,
    pub assumed: usize,
    pub unpriced: usize,
    pub custom: usize,
}

/// Inputs to pricing that are not in the plan.
#[derive(Clone, Debug)]
pub struct PriceSettings {
    pub as_of: String,
    pub month: MonthLength,
}

/// Prices a plan against a catalog.
pub fn price(
    scenario: &Scenario,
    plan: &Plan,
    catalog: &Catalog,
    manifest: &Manifest,
    settings: &PriceSettings,
) -> Estimate {
    let lines: Vec<Line> = plan
        .lines
        .iter()
        .map(|planned| price_line(planned, catalog, settings))
        .collect();
    let mut counts = Counts::default();
    for line in &lines {
        match line.status {
            Status::Fixed => counts.fixed += 1,
            Status::Usage => counts.usage += 1,
            Status::Assumed => counts.assumed += 1,
            Status::Unpriced => counts.unpriced += 1,
        }
        if line.price_source.starts_with("custom") {
            counts.custom += 1;
        }
    }
    let environments: Vec<EnvironmentTotal> = plan
        .environments
        .iter()
        .map(|name| environment_total(name, &lines))
        .collect();
    let monthly: Money = environments
        .iter()
        .map(|environment| environment.monthly)
        .sum();
    Estimate {
        schema_version: SCHEMA_VERSION,
        scenario: ScenarioInfo {
            name: scenario.name.clone(),
            description: scenario.description.clone(),
            file: scenario.file.clone(),
            region: scenario.region.clone(),
            currency: scenario.currency.clone(),
            month: settings.month.label().to_string(),
            hours_per_month: settings.month.hours(),
        },
        pricing: PricingInfo {
            as_of: settings.as_of.clone(),
            snapshot_source: manifest.source.clone(),
            snapshot_prices_as_of: manifest.prices_as_of.clone(),
            snapshot_sha256: manifest.sha256.clone(),
        },
        lines,
        environments,
        totals: Totals {
            monthly,
            annual: monthly * Decimal::from(12),
            complete: counts.unpriced == 0,
        },
        counts,
    }
}

fn price_line(planned: &PlannedLine, catalog: &Catalog, settings: &PriceSettings) -> Line {
    let meter = &planned.meter;
    let status = match meter.basis {
        Basis::Fixed => Status::Fixed,
        Basis::Usage => Status::Usage,
        Basis::Assumed => Status::Assumed,
    };
    let mut line = Line {
        environment: planned.environment.clone(),
        resource: planned.resource.clone(),
        kind: planned.kind.clone(),
        sku: planned.sku.clone(),
        meter: meter.label.clone(),
        category: meter.category,
        status,
        quantity: meter.quantity.normalize(),
        quantity_unit: meter.dimension.label().to_string(),
        price_unit: String::new(),
        unit_price: None,
        monthly: None,
        price_source: String::new(),
        unpriced_reason: None,
        note: meter.note.clone(),
    };
    match &meter.source {
        MeterSource::Custom {
            unit_price,
            unit,
            source,
        } => {
            // "1 GB" → "GB", "1/Month" → "Month": the quantity reads "100 GB", not "100 1 GB".
            line.quantity_unit = unit
                .strip_prefix("1 ")
                .or_else(|| unit.strip_prefix("1/"))
                .unwrap_or(unit)
                .to_string();
            line.price_unit = unit.clone();
            line.unit_price = Some(unit_price.round_dp(UNIT_PRICE_DECIMALS).normalize());
            line.monthly = Some(Money::new(meter.quantity * unit_price).rounded());
            line.price_source = format!("custom: {source}");
        }
        MeterSource::Catalog(query) => {
            let priced = catalog.lookup(query, &settings.as_of).and_then(|price| {
                price
                    .unit
                    .blocks(meter.quantity, meter.dimension, &settings.month)
                    .map(|blocks| (blocks, price.clone()))
                    .map_err(|error| crate::catalog::LookupError::Unit {
                        query: query.to_string(),
                        reason: error.to_string(),
                    })
            });
            match priced {
                Ok((blocks, price)) => {
                    line.price_unit = price.unit.text.clone();
                    line.unit_price = Some(price.marginal_price(blocks).normalize());
                    line.monthly = Some(Money::new(price.cost(blocks)).rounded());
                    line.price_source = format!(
                        "retail-api meterId {} ({} / {} / {}) from {}",
                        price.meter_id,
                        price.product_name,
                        price.sku_name,
                        price.meter_name,
                        &price.effective_start_date[..price.effective_start_date.len().min(10)]
                    );
                    if price.is_tiered() {
                        line.note = Some(match line.note.take() {
                            Some(note) => format!("{note}; tiers: {}", price.tier_summary()),
                            None => format!("tiers: {}", price.tier_summary()),
                        });
                    }
                }
                Err(error) => {
                    line.status = Status::Unpriced;
                    line.price_source = "unpriced".to_string();
                    line.unpriced_reason = Some(error.to_string());
                }
            }
        }
    }
    line
}

fn environment_total(name: &str, lines: &[Line]) -> EnvironmentTotal {
    let mut categories: BTreeMap<Category, Money> = BTreeMap::new();
    let mut monthly = Money::ZERO;
    let mut unpriced_lines = 0;
    for line in lines.iter().filter(|line| line.environment == name) {
        match line.monthly {
            Some(amount) => {
                *categories.entry(line.category).or_default() += amount;
                monthly += amount;
            }
            None => unpriced_lines += 1,
        }
    }
    EnvironmentTotal {
        name: name.to_string(),
        monthly,
        annual: monthly * Decimal::from(12),
        categories,
        unpriced_lines,
    }
}
