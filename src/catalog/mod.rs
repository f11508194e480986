//! The price catalog: where every unit price in an estimate comes from.
//!
//! A [`Catalog`] holds Retail Prices API rows (from the embedded snapshot or `--pricing DIR`)
//! and answers [`PriceQuery`]s: exact, whitespace-normalised matches on service, product, sku,
//! meter, armSkuName, region and price type, taking for each tier the row in force on the
//! as-of date. A miss is an error that carries the query and the nearest names the catalog does
//! have, so a report can show an *unpriced* line instead of a silent $0.
//!
//! Non-primary meter rows are kept on purpose: in eastus many prices azcost needs (Hot blob,
//! Cosmos RU/s, Windows App Service) exist only as non-primary rows.

pub mod commitment;
pub mod odata;
pub mod paging;
mod price;
pub mod retail_api;
pub mod row;
pub mod snapshot;
pub mod snapshot_diff;
pub mod store;
pub mod units;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use commitment::{Commitment, CommitmentError, CommittedPrice, PricingMode, Term, TermRule};
pub use price::{Price, Tier};
pub use row::{is_date, normalise_whitespace, PriceRow};
pub use units::{Dimension, UnitOfMeasure};

/// The kind of price a row carries (`type` in the API).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum PriceType {
    #[default]
    Consumption,
    Reservation,
    DevTestConsumption,
}

impl PriceType {
    pub fn as_str(self) -> &'static str {
        match self {
            PriceType::Consumption => "Consumption",
            PriceType::Reservation => "Reservation",
            PriceType::DevTestConsumption => "DevTestConsumption",
        }
    }
}

/// What a service asks the catalog for. Unset fields match anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PriceQuery {
    pub service: String,
    pub region: String,
    pub product: Option<String>,
    pub sku: Option<String>,
    pub meter: Option<String>,
    pub arm_sku: Option<String>,
    /// `unitOfMeasure`, for the few meters sold under one name in two units (Service Bus
    /// `Standard Base Unit` has a `1/Hour` and a `1/Month` row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub price_type: PriceType,
}

impl PriceQuery {
    pub fn new(service: &str, region: &str) -> Self {
        PriceQuery {
            service: service.to_string(),
            region: region.to_string(),
            ..PriceQuery::default()
        }
    }

    pub fn product(mut self, product: &str) -> Self {
        self.product = Some(product.to_string());
        self
    }

    pub fn sku(mut self, sku: &str) -> Self {
        self.sku = Some(sku.to_string());
        self
    }

    pub fn meter(mut self, meter: &str) -> Self {
        self.meter = Some(meter.to_string());
        self
    }

    pub fn arm_sku(mut self, arm_sku: &str) -> Self {
        self.arm_sku = Some(arm_sku.to_string());
        self
    }

    pub fn unit(mut self, unit: &str) -> Self {
        self.unit = Some(unit.to_string());
        self
    }

    /// Whether `row` answers this query (the look-up's own test, also used by `prices diff`).
    pub fn matches(&self, row: &PriceRow) -> bool {
        fn same(wanted: &Option<String>, actual: &str) -> bool {
            wanted
                .as_deref()
                .map(|wanted| normalise_whitespace(wanted) == normalise_whitespace(actual))
                .unwrap_or(true)
        }
        row.service_name == self.service
            && row.arm_region_name == self.region
            && row.price_type == self.price_type.as_str()
            && same(&self.product, &row.product_name)
            && same(&self.sku, &row.sku_name)
            && same(&self.meter, &row.meter_name)
            && same(&self.arm_sku, &row.arm_sku_name)
            && same(&self.unit, &row.unit_of_measure)
    }
}

/// The query as a Retail Prices API `$filter`, so a user can paste it into the live API.
impl fmt::Display for PriceQuery {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = vec![
            format!("serviceName eq '{}'", self.service),
            format!("armRegionName eq '{}'", self.region),
        ];
        let optional = [
            ("productName", &self.product),
            ("skuName", &self.sku),
            ("meterName", &self.meter),
            ("armSkuName", &self.arm_sku),
            ("unitOfMeasure", &self.unit),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                parts.push(format!("{field} eq '{value}'"));
            }
        }
        parts.push(format!("priceType eq '{}'", self.price_type.as_str()));
        write!(formatter, "{}", parts.join(" and "))
    }
}

#[derive(Debug, Error, Clone, PartialEq, Serialize, Deserialize)]
pub enum LookupError {
    #[error("no price for {query}{}", hint(suggestions))]
    NotFound {
        query: String,
        suggestions: Vec<String>,
    },
    #[error("{count} different meters match {query}: {}; narrow the query", candidates.join(", "))]
    Ambiguous {
        query: String,
        count: usize,
        candidates: Vec<String>,
    },
    #[error("the price for {query} has a unit azcost cannot use: {reason}")]
    Unit { query: String, reason: String },
}

fn hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (nearest in the catalog: {})", suggestions.join("; "))
    }
}

/// Reads one text field of a row (for suggestions).
type FieldReader = fn(&PriceRow) -> &str;

/// Every price row azcost knows, indexed by (service, region).
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    rows: Vec<PriceRow>,
    by_service_region: BTreeMap<(String, String), Vec<usize>>,
}

impl Catalog {
    pub fn new(rows: Vec<PriceRow>) -> Self {
        let mut by_service_region: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (index, row) in rows.iter().enumerate() {
            by_service_region
                .entry((row.service_name.clone(), row.arm_region_name.clone()))
                .or_default()
                .push(index);
        }
        Catalog {
            rows,
            by_service_region,
        }
    }

    /// Every region the catalog has prices for.
    pub fn regions(&self) -> std::collections::BTreeSet<String> {
        self.by_service_region
            .keys()
            .map(|(_, region)| region.clone())
            .collect()
    }

    pub fn rows(&self) -> &[PriceRow] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn service_rows<'a>(&'a self, query: &PriceQuery) -> impl Iterator<Item = &'a PriceRow> + 'a {
        self.by_service_region
            .get(&(query.service.clone(), query.region.clone()))
            .into_iter()
            .flatten()
            .map(|&index| &self.rows[index])
    }

    /// The price in force on `as_of` (`YYYY-MM-DD`) for `query`, with all its tiers.
    pub fn lookup(&self, query: &PriceQuery, as_of: &str) -> Result<Price, LookupError> {
        let matching: Vec<&PriceRow> = self
            .service_rows(query)
            .filter(|row| query.matches(row) && row.in_force_on(as_of))
            .collect();
        if matching.is_empty() {
            return Err(LookupError::NotFound {
                query: query.to_string(),
                suggestions: self.suggest(query),
            });
        }
        let mut meters: BTreeMap<(String, String), Vec<&PriceRow>> = BTreeMap::new();
        for row in matching {
            meters
                .entry((row.meter_id.clone(), row.sku_id.clone()))
                .or_default()
                .push(row);
        }
        if meters.len() > 1 {
            let candidates: Vec<String> = meters
                .values()
                .map(|rows| {
                    let row = rows[0];
                    format!(
                        "{} / {} / {} ({})",
                        row.product_name, row.sku_name, row.meter_name, row.unit_of_measure
                    )
                })
                .collect();
            return Err(LookupError::Ambiguous {
                query: query.to_string(),
                count: candidates.len(),
                candidates,
            });
        }
        let rows = meters.into_values().next().unwrap_or_default();
        Price::from_rows(&rows).map_err(|reason| LookupError::Unit {
            query: query.to_string(),
            reason,
        })
    }

    /// Names near the ones a failed query asked for, most specific field first.
    fn suggest(&self, query: &PriceQuery) -> Vec<String> {
        let fields: [(&str, &Option<String>, FieldReader); 4] = [
            ("meterName", &query.meter, |row| &row.meter_name),
            ("skuName", &query.sku, |row| &row.sku_name),
            ("armSkuName", &query.arm_sku, |row| &row.arm_sku_name),
            ("productName", &query.product, |row| &row.product_name),
        ];
        if self.service_rows(query).next().is_none() {
            return self.suggest_service(query);
        }
        for (field, wanted, read) in fields {
            let Some(wanted) = wanted else { continue };
            // Relax only this field: which values would have matched with everything else?
            let mut relaxed = query.clone();
            match field {
                "meterName" => relaxed.meter = None,
                "skuName" => relaxed.sku = None,
                "armSkuName" => relaxed.arm_sku = None,
                _ => relaxed.product = None,
            }
            let options: Vec<String> = self
                .service_rows(&relaxed)
                .filter(|row| relaxed.matches(row))
                .map(|row| read(row).to_string())
                .collect();
            if !options.is_empty() {
                let nearest = nearest_names(wanted, &options, 3);
                return nearest
                    .into_iter()
                    .map(|name| format!("{field} '{name}'"))
                    .collect();
            }
        }
        Vec::new()
    }

    fn suggest_service(&self, query: &PriceQuery) -> Vec<String> {
        let regions: Vec<String> = self
            .by_service_region
            .keys()
            .filter(|(service, _)| *service == query.service)
            .map(|(_, region)| region.clone())
            .collect();
        if !regions.is_empty() {
            return vec![format!(
                "the snapshot has {} only in: {}",
                query.service,
                regions.join(", ")
            )];
        }
        let services: Vec<String> = self
            .by_service_region
            .keys()
            .map(|(service, _)| service.clone())
            .collect();
        nearest_names(&query.service, &services, 3)
            .into_iter()
            .map(|name| format!("serviceName '{name}'"))
            .collect()
    }
}

/// The closest name to `wanted` if it is at least `minimum` similar (Jaro-Winkler, 0–1):
/// a suggestion that is not close is noise.
pub fn nearest_name(wanted: &str, options: &[String], minimum: f64) -> Option<String> {
    let wanted_lower = wanted.to_lowercase();
    nearest_names(wanted, options, 1)
        .into_iter()
        .find(|name| strsim::jaro_winkler(&wanted_lower, &name.to_lowercase()) >= minimum)
}

/// The `limit` names closest to `wanted` (case-insensitive Jaro-Winkler), without duplicates.
pub fn nearest_names(wanted: &str, options: &[String], limit: usize) -> Vec<String> {
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(f64, &String)> = options
        .iter()
        .map(|option| {
            let score = strsim::jaro_winkler(&wanted_lower, &option.to_lowercase());
            (score, option)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut names: Vec<String> = Vec::new();
    for (_, option) in scored {
        if !names.contains(option) {
            names.push(option.clone());
        }
        if names.len() == limit {
            break;
        }
    }
    names
}

#[cfg(test)]
mod tests;
