//! `azcost simulate` output: the capacity report and range alone, or a projection.

use super::capacity::{capacity_grid, capacity_notes, range_grid};
use super::grid::Grid;
use crate::estimate::projection::Projection;
use crate::estimate::Estimate;

pub fn capacity_table(estimate: &Estimate) -> String {
    let scenario = &estimate.scenario;
    let mut out = format!(
        "{} — capacity for {} h of traffic, prices as of {}\n",
        scenario.name, scenario.hours_per_month, estimate.pricing.as_of
    );
    if let Some(grid) = capacity_grid(estimate) {
        out.push('\n');
        out.push_str(&grid.text("  "));
        for note in capacity_notes(estimate) {
            out.push_str(&format!("  - {note}\n"));
        }
    } else {
        out.push_str(
            "\nNo resource in the simulated environments has a capacity model and inputs.\n",
        );
    }
    if let Some((title, grid)) = range_grid(estimate) {
        out.push_str(&format!("\n{title}\n"));
        out.push_str(&grid.text("  "));
    }
    out.push_str(&format!(
        "\nTotal as simulated: {} {} per month\n",
        scenario.currency,
        estimate.totals.monthly.grouped()
    ));
    out
}

pub fn capacity_markdown(estimate: &Estimate) -> String {
    let scenario = &estimate.scenario;
    let mut out = format!("## {} — capacity\n\n", scenario.name);
    if let Some(grid) = capacity_grid(estimate) {
        out.push_str(&grid.markdown());
        out.push('\n');
        for note in capacity_notes(estimate) {
            out.push_str(&format!("- {note}\n"));
        }
    }
    if let Some((title, grid)) = range_grid(estimate) {
        out.push_str(&format!("\n### {title}\n\n"));
        out.push_str(&grid.markdown());
    }
    out
}

fn projection_grid(projection: &Projection) -> Grid {
    let names = projection.environment_names();
    let mut headers: Vec<&str> = vec!["Month"];
    headers.extend(names.iter().map(String::as_str));
    headers.push("Total");
    let right: Vec<usize> = (1..headers.len()).collect();
    let mut grid = Grid::new(&headers, &right);
    for month in &projection.months {
        let mut row = vec![month.month.to_string()];
        row.extend(
            month
                .environments
                .iter()
                .map(|(_, amount)| amount.grouped()),
        );
        let mark = if month.complete { "" } else { " (incomplete)" };
        row.push(format!("{}{mark}", month.total.grouped()));
        grid.push(row);
    }
    grid
}

pub fn projection_table(projection: &Projection) -> String {
    format!(
        "{} — {}-month projection ({} per month, {} h months, traffic growth compounding)\n\n{}\n  Total over {} months: {} {}\n",
        projection.scenario,
        projection.months.len(),
        projection.currency,
        projection.hours_per_month,
        projection_grid(projection).text("  "),
        projection.months.len(),
        projection.currency,
        projection.total.grouped()
    )
}

pub fn projection_markdown(projection: &Projection) -> String {
    format!(
        "## {} — {}-month projection ({})\n\n{}\n**Total over {} months: {} {}**\n",
        projection.scenario,
        projection.months.len(),
        projection.currency,
        projection_grid(projection).markdown(),
        projection.months.len(),
        projection.currency,
        projection.total.grouped()
    )
}
