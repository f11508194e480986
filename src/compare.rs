//! Vec<Estimate> → Comparison: options for the same application side by side.
//!
//! Pure: `commands/compare.rs` prices each option alike (same as-of date, month and snapshot)
//! and the renderers in `report/compare.rs` print the result. Rows are environment × category,
//! then each environment's total and the overall total; in every row the lowest amount is the
//! *cheapest* and every other option's *delta* is how much more it costs than that lowest (ties
//! are all cheapest). An environment an option does not have is `None` ("—"), never zero. An
//! amount with unpriced lines in it is only a lower bound: it says so, and is never cheapest.
//! When the estimates carry capacity reports (their environments have traffic), each option
//! gets *capacity verdicts*: a resource throttled or pinned at its maximum is a shortfall, and
//! a cheapest option with a shortfall is flagged, because its price does not buy the capacity
//! the traffic needs.

#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::estimate::Estimate;
use crate::money::Money;
use crate::services::Category;

/// Bumped whenever a field of the comparison's JSON changes meaning or disappears.
pub const COMPARISON_SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub schema_version: u32,
    pub currency: String,
    pub options: Vec<Candidate>,
    /// Environment × category rows, each environment's total, and the overall total last.
    pub rows: Vec<Row>,
    /// False when the options do not all have the same environments: their overall totals
    /// then add up different things.
    pub same_environments: bool,
}

/// One option: a scenario as priced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub name: String,
    pub file: String,
    pub as_of: String,
    pub monthly: Money,
    pub complete: bool,
    pub assumed: usize,
    pub unpriced: usize,
    /// Median monthly cost of the Monte Carlo range, when the estimate has one.
    pub p50: Option<Money>,
    pub p90: Option<Money>,
    pub verdicts: Vec<Verdict>,
}

impl Candidate {
    /// Verdicts with a shortfall, in one environment or (`None`) in all.
    pub fn shortfalls(&self, environment: Option<&str>) -> Vec<&Verdict> {
        self.verdicts
            .iter()
            .filter(|verdict| !verdict.shortfalls.is_empty())
            .filter(|verdict| environment.is_none_or(|name| verdict.environment == name))
            .collect()
    }
}

/// What the capacity simulation says about one resource of an option.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub environment: String,
    pub resource: String,
    pub kind: String,
    /// "instances at peak: 3, p95 200 ms at peak".
    pub summary: String,
    /// "pinned at its maximum for 12.5 h", "throttled 4 h": empty when capacity is enough.
    pub shortfalls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// `None` for the overall total.
    pub environment: Option<String>,
    /// `None` for a total row.
    pub category: Option<Category>,
    /// One per option, in option order; `None` when the option lacks the environment.
    pub amounts: Vec<Option<Money>>,
    /// Per option, the unpriced lines inside its amount (which is then only a lower bound).
    pub unpriced: Vec<usize>,
    /// Indices of the options with the lowest complete amount (empty when fewer than two have
    /// one): an amount with unpriced lines in it is never the cheapest.
    pub cheapest: Vec<usize>,
    /// Each complete amount minus the lowest complete one.
    pub deltas: Vec<Option<Money>>,
}

impl Row {
    pub fn is_total(&self) -> bool {
        self.category.is_none()
    }
}

pub fn compare(estimates: &[Estimate]) -> Comparison {
    let mut environments: Vec<String> = Vec::new();
    for estimate in estimates {
        for environment in &estimate.environments {
            if !environments.contains(&environment.name) {
                environments.push(environment.name.clone());
            }
        }
    }
    let same_environments = estimates
        .iter()
        .all(|estimate| estimate.environments.len() == environments.len());
    let mut rows = Vec::new();
    for name in &environments {
        let totals: Vec<_> = estimates
            .iter()
            .map(|estimate| estimate.environments.iter().find(|e| &e.name == name))
            .collect();
        for category in Category::ALL {
            let used = estimates.iter().any(|estimate| {
                estimate
                    .lines
                    .iter()
                    .any(|line| &line.environment == name && line.category == category)
            });
            if used {
                let amounts = totals
                    .iter()
                    .map(|total| {
                        total.map(|t| t.categories.get(&category).copied().unwrap_or(Money::ZERO))
                    })
                    .collect();
                let unpriced = unpriced_lines(estimates, Some(name), Some(category));
                rows.push(row(Some(name), Some(category), amounts, unpriced));
            }
        }
        let amounts = totals
            .iter()
            .map(|total| total.map(|t| t.monthly))
            .collect();
        rows.push(row(
            Some(name),
            None,
            amounts,
            unpriced_lines(estimates, Some(name), None),
        ));
    }
    let amounts = estimates.iter().map(|e| Some(e.totals.monthly)).collect();
    rows.push(row(
        None,
        None,
        amounts,
        unpriced_lines(estimates, None, None),
    ));
    Comparison {
        schema_version: COMPARISON_SCHEMA_VERSION,
        currency: estimates
            .first()
            .map_or(String::new(), |e| e.scenario.currency.clone()),
        options: estimates.iter().map(option).collect(),
        rows,
        same_environments,
    }
}

/// Each option's unpriced lines in one environment (or all) and one category (or all).
fn unpriced_lines(
    estimates: &[Estimate],
    environment: Option<&String>,
    category: Option<Category>,
) -> Vec<usize> {
    estimates
        .iter()
        .map(|estimate| {
            estimate
                .lines
                .iter()
                .filter(|line| line.monthly.is_none())
                .filter(|line| environment.is_none_or(|name| &line.environment == name))
                .filter(|line| category.is_none_or(|category| line.category == category))
                .count()
        })
        .collect()
}

fn row(
    environment: Option<&String>,
    category: Option<Category>,
    amounts: Vec<Option<Money>>,
    unpriced: Vec<usize>,
) -> Row {
    let complete = |index: usize| amounts[index].filter(|_| unpriced[index] == 0);
    let lowest = (0..amounts.len()).filter_map(complete).min();
    let priced = (0..amounts.len()).filter_map(complete).count();
    let cheapest = match lowest {
        Some(lowest) if priced > 1 => (0..amounts.len())
            .filter(|&index| complete(index) == Some(lowest))
            .collect(),
        _ => Vec::new(),
    };
    let deltas = (0..amounts.len())
        .map(|index| {
            complete(index)
                .zip(lowest)
                .map(|(amount, lowest)| amount - lowest)
        })
        .collect();
    Row {
        environment: environment.cloned(),
        category,
        amounts,
        unpriced,
        cheapest,
        deltas,
    }
}

fn option(estimate: &Estimate) -> Candidate {
    let verdicts = estimate
        .capacity
        .iter()
        .map(|line| {
            let report = &line.report;
            let mut shortfalls = Vec::new();
            if let Some(hours) = report.hours_at_maximum.filter(|hours| *hours > 0.0) {
                shortfalls.push(format!(
                    "pinned at its maximum {} for {hours:.1} h",
                    report.unit
                ));
            }
            if let Some(hours) = report.throttled_hours.filter(|hours| *hours > 0.0) {
                shortfalls.push(format!("throttled {hours:.0} h"));
            }
            let peak = if report.peak.fract() == 0.0 {
                format!("{:.0}", report.peak)
            } else {
                format!("{:.1}", report.peak)
            };
            let mut summary = format!("{} at peak: {peak}", report.unit);
            if let Some(latency) = report.p95_latency_ms_at_peak {
                summary.push_str(&format!(", p95 {latency:.0} ms at peak"));
            }
            Verdict {
                environment: report.environment.clone(),
                resource: report.resource.clone(),
                kind: report.kind.clone(),
                summary,
                shortfalls,
            }
        })
        .collect();
    Candidate {
        name: estimate.scenario.name.clone(),
        file: estimate.scenario.file.clone(),
        as_of: estimate.pricing.as_of.clone(),
        monthly: estimate.totals.monthly,
        complete: estimate.totals.complete,
        assumed: estimate.counts.assumed,
        unpriced: estimate.counts.unpriced,
        p50: estimate.range.as_ref().map(|range| range.total.p50),
        p90: estimate.range.as_ref().map(|range| range.total.p90),
        verdicts,
    }
}
