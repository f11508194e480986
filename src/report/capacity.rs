//! The capacity and range sections shared by the table and markdown renderers.

use super::grid::Grid;
use crate::estimate::Estimate;

fn number(value: Option<f64>, decimals: usize) -> String {
    value
        .map(|value| super::group_decimal(&format!("{value:.decimals$}")))
        .unwrap_or_else(|| "—".to_string())
}

/// One row per simulated resource: what it needed and what it cost.
pub(crate) fn capacity_grid(estimate: &Estimate) -> Option<Grid> {
    if estimate.capacity.is_empty() {
        return None;
    }
    let mut grid = Grid::new(
        &[
            "Environment",
            "Resource",
            "Unit",
            "Peak",
            "Average",
            "Hours",
            "Utilisation %",
            "Hours at max",
            "p95 ms at peak",
            "Throttled h",
            "Monthly",
        ],
        &[3, 4, 5, 6, 7, 8, 9, 10],
    );
    for line in &estimate.capacity {
        let report = &line.report;
        grid.push(vec![
            report.environment.clone(),
            report.resource.clone(),
            report.unit.clone(),
            number(Some(report.peak), 1),
            number(Some(report.average), 2),
            number(report.hours, 1),
            number(report.utilisation_percent, 1),
            number(report.hours_at_maximum, 1),
            number(report.p95_latency_ms_at_peak, 0),
            number(report.throttled_hours, 0),
            line.monthly
                .map(|amount| amount.grouped())
                .unwrap_or_else(|| "UNPRICED".to_string()),
        ]);
    }
    Some(grid)
}

/// Notes and alternatives, one sentence each: "prod/documents: manual 4,000 RU/s would cost
/// 233.60 a month (−700.00)".
pub(crate) fn capacity_notes(estimate: &Estimate) -> Vec<String> {
    let currency = &estimate.scenario.currency;
    let mut notes = Vec::new();
    for line in &estimate.capacity {
        let place = format!("{}/{}", line.report.environment, line.report.resource);
        for note in &line.report.notes {
            notes.push(format!("{place}: {note}"));
        }
        let cheapest = line
            .alternatives
            .iter()
            .filter_map(|alternative| alternative.monthly.map(|amount| (amount, alternative)))
            .min_by_key(|(amount, _)| *amount);
        for alternative in &line.alternatives {
            let cost = match (alternative.monthly, line.monthly) {
                (Some(amount), Some(current)) => {
                    let delta = amount - current;
                    let sign = if delta.amount().is_sign_negative() {
                        ""
                    } else {
                        "+"
                    };
                    format!(
                        "{currency} {} a month ({sign}{} vs as simulated)",
                        amount.grouped(),
                        delta.grouped()
                    )
                }
                (Some(amount), None) => format!("{currency} {} a month", amount.grouped()),
                (None, _) => "cannot be priced".to_string(),
            };
            let caveat = alternative
                .caveat
                .as_ref()
                .map(|caveat| format!("; {caveat}"))
                .unwrap_or_default();
            notes.push(format!(
                "{place}: alternative {}: {cost}{caveat}",
                alternative.label
            ));
        }
        if let (Some((amount, alternative)), Some(current)) = (cheapest, line.monthly) {
            if amount < current {
                notes.push(format!(
                    "{place}: cheapest for this traffic: {} (saves {currency} {} a month)",
                    alternative.label,
                    (current - amount).grouped()
                ));
            } else {
                notes.push(format!(
                    "{place}: the configured mode is the cheapest for this traffic"
                ));
            }
        }
    }
    notes
}

/// P10/P50/P90 per resource and in total.
pub(crate) fn range_grid(estimate: &Estimate) -> Option<(String, Grid)> {
    let range = estimate.range.as_ref()?;
    let uncertainty: Vec<String> = range
        .uncertainty_percent
        .iter()
        .map(|(environment, percent)| format!("{environment} ±{percent}%"))
        .collect();
    let title = format!(
        "Monthly cost range ({} {}, Monte Carlo over traffic {}, {} runs, seed {}; resources whose cost does not vary are left out)",
        estimate.scenario.currency,
        "P10/P50/P90",
        uncertainty.join(", "),
        range.runs,
        range.seed
    );
    let mut grid = Grid::new(
        &["Environment", "Resource", "P10", "P50", "P90"],
        &[2, 3, 4],
    );
    // Resources whose cost does not move with traffic add nothing to a range.
    for resource in range
        .resources
        .iter()
        .filter(|resource| resource.percentiles.p10 != resource.percentiles.p90)
    {
        grid.push(vec![
            resource.environment.clone(),
            resource.resource.clone(),
            resource.percentiles.p10.grouped(),
            resource.percentiles.p50.grouped(),
            resource.percentiles.p90.grouped(),
        ]);
    }
    for environment in &range.environments {
        grid.push(vec![
            environment.environment.clone(),
            "(environment)".to_string(),
            environment.percentiles.p10.grouped(),
            environment.percentiles.p50.grouped(),
            environment.percentiles.p90.grouped(),
        ]);
    }
    grid.push(vec![
        "total".to_string(),
        String::new(),
        range.total.p10.grouped(),
        range.total.p50.grouped(),
        range.total.p90.grouped(),
    ]);
    Some((title, grid))
}
