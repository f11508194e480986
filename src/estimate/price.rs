//! Pricing: every planned meter against the catalog, then totals per environment and category.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::book::PriceBook;
use super::commitment;
use super::{
    CapacityLine, Counts, EnvironmentTotal, Estimate, Line, PricedAlternative, PricingInfo,
    ScenarioInfo, Status, Totals, SCHEMA_VERSION,
};
use crate::catalog::snapshot::Manifest;
use crate::catalog::{LookupError, TermRule};
use crate::money::{Money, MonthLength, UNIT_PRICE_DECIMALS};
use crate::plan::{Plan, PlannedLine};
use crate::scenario::Scenario;
use crate::services::{Basis, Category, MeterSource, MeterUse};

/// Inputs to pricing that are not in the plan.
#[derive(Clone, Debug)]
pub struct PriceSettings {
    pub as_of: String,
    pub month: MonthLength,
    /// How to tell the term of a Reservation row without `reservationTerm`.
    pub reservation_terms: TermRule,
}

/// Prices a plan against a catalog.
pub fn price(
    scenario: &Scenario,
    plan: &Plan,
    book: &mut PriceBook,
    manifest: &Manifest,
    settings: &PriceSettings,
) -> Estimate {
    let lines: Vec<Line> = plan
        .lines
        .iter()
        .map(|planned| price_line(planned, book, settings))
        .collect();
    let capacity = capacity_lines(plan, &lines, book, settings);
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
    let saving = commitment::total_saving(lines.iter());
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
            saving,
        },
        counts,
        capacity,
        range: None,
    }
}

/// Each simulated resource's report with its monthly cost and its priced alternatives.
fn capacity_lines(
    plan: &Plan,
    lines: &[Line],
    book: &mut PriceBook,
    settings: &PriceSettings,
) -> Vec<CapacityLine> {
    plan.capacity
        .iter()
        .map(|report| {
            let own: Vec<&Line> = lines
                .iter()
                .filter(|line| {
                    line.environment == report.environment && line.resource == report.resource
                })
                .collect();
            let monthly = own.iter().map(|line| line.monthly).sum::<Option<Money>>();
            let alternatives = plan
                .alternatives
                .iter()
                .filter(|planned| {
                    planned.environment == report.environment && planned.resource == report.resource
                })
                .flat_map(|planned| planned.options.iter())
                .map(|option| PricedAlternative {
                    label: option.label.clone(),
                    monthly: price_meters(&option.meters, book, settings),
                    caveat: option.caveat.clone(),
                })
                .collect();
            CapacityLine {
                report: report.clone(),
                monthly,
                alternatives,
            }
        })
        .collect()
}

/// The monthly cost of a set of meters, or `None` when any of them cannot be priced.
pub fn price_meters(
    meters: &[MeterUse],
    book: &mut PriceBook,
    settings: &PriceSettings,
) -> Option<Money> {
    meters
        .iter()
        .map(|meter| cost_of(meter, book, settings).ok().map(|(cost, _, _)| cost))
        .sum()
}

/// The cost of one meter: (monthly cost rounded, marginal unit price, the price used).
fn cost_of(
    meter: &MeterUse,
    book: &mut PriceBook,
    settings: &PriceSettings,
) -> Result<(Money, Decimal, Option<crate::catalog::Price>), LookupError> {
    match &meter.source {
        MeterSource::Custom { unit_price, .. } => Ok((
            Money::new(meter.quantity * unit_price).rounded(),
            *unit_price,
            None,
        )),
        MeterSource::Catalog(query) => {
            let price = book.lookup(query)?;
            let blocks = price
                .unit
                .blocks(meter.quantity, meter.dimension, &settings.month)
                .map_err(|error| LookupError::Unit {
                    query: query.to_string(),
                    reason: error.to_string(),
                })?;
            Ok((
                Money::new(price.cost(blocks)).rounded(),
                price.marginal_price(blocks),
                Some(price),
            ))
        }
    }
}

fn price_line(planned: &PlannedLine, book: &mut PriceBook, settings: &PriceSettings) -> Line {
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
        pricing: None,
        pay_as_you_go: None,
        saving: None,
    };
    match (cost_of(meter, book, settings), &meter.source) {
        (Ok((cost, unit_price, _)), MeterSource::Custom { unit, source, .. }) => {
            // "1 GB" → "GB", "1/Month" → "Month": the quantity reads "100 GB", not "100 1 GB".
            line.quantity_unit = unit
                .strip_prefix("1 ")
                .or_else(|| unit.strip_prefix("1/"))
                .unwrap_or(unit)
                .to_string();
            line.price_unit = unit.clone();
            line.unit_price = Some(unit_price.round_dp(UNIT_PRICE_DECIMALS).normalize());
            line.monthly = Some(cost);
            line.price_source = format!("custom: {source}");
        }
        (Ok((cost, unit_price, Some(price))), _) => {
            line.price_unit = price.unit.text.clone();
            line.unit_price = Some(unit_price.normalize());
            line.monthly = Some(cost);
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
        (Ok((_, _, None)), _) => unreachable_priced(&mut line),
        (Err(error), _) => {
            line.status = Status::Unpriced;
            line.price_source = "unpriced".to_string();
            line.unpriced_reason = Some(error.to_string());
        }
    }
    super::commitment::apply(&mut line, planned, book, settings);
    line
}

/// A catalog meter always comes back with its price; should that ever break, the line says
/// so loudly rather than showing a cost without a source.
fn unreachable_priced(line: &mut Line) {
    line.status = Status::Unpriced;
    line.price_source = "unpriced".to_string();
    line.unpriced_reason = Some("internal: a catalog price came back without its row".to_string());
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
        saving: commitment::total_saving(lines.iter().filter(|line| line.environment == name)),
    }
}
