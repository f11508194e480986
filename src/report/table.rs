//! The text table people read in a terminal.

use super::capacity::{capacity_grid, capacity_notes, range_grid};
use super::commitment::{commitment_cells, has_pricing, line_headers, saving_sentence};
use super::grid::Grid;
use super::{
    category_total, cells, counts_sentence, incomplete_warning, unpriced_lines, used_categories,
};
use crate::estimate::Estimate;

/// Renders estimates one after another.
pub fn render(estimates: &[Estimate]) -> String {
    estimates
        .iter()
        .map(render_one)
        .collect::<Vec<_>>()
        .join("\n")
}

fn render_one(estimate: &Estimate) -> String {
    let scenario = &estimate.scenario;
    let currency = &scenario.currency;
    let mut out = format!(
        "{} — {}, {}, {} h/month ({}), prices as of {}\n",
        scenario.name,
        scenario.region,
        currency,
        scenario.hours_per_month,
        scenario.month,
        estimate.pricing.as_of
    );
    out.push_str(&format!("scenario: {}\n", scenario.file));
    for environment in &estimate.environments {
        out.push_str(&format!("\n{}\n", environment.name));
        let committed = has_pricing(estimate);
        let (headers, right) = line_headers(committed);
        let mut grid = Grid::new(&headers, &right);
        for line in estimate
            .lines
            .iter()
            .filter(|line| line.environment == environment.name)
        {
            let cells = cells(line);
            let mut row = vec![
                line.resource.clone(),
                line.kind.clone(),
                line.sku.clone(),
                line.meter.clone(),
                cells.quantity,
                cells.unit_price,
                cells.monthly,
            ];
            if committed {
                row.extend(commitment_cells(line));
            }
            row.push(line.status.as_str().to_string());
            grid.push(row);
        }
        out.push_str(&grid.text("  "));
        out.push_str(&format!(
            "  {} monthly {} {}, annual {} {}\n",
            environment.name,
            currency,
            environment.monthly.grouped(),
            currency,
            environment.annual.grouped()
        ));
        if let Some(saving) = environment.saving {
            out.push_str(&format!(
                "  {} {}\n",
                environment.name,
                saving_sentence(saving, currency)
            ));
        }
    }
    out.push_str(&format!("\nBy category ({currency} per month)\n"));
    let mut headers: Vec<&str> = vec!["Category"];
    headers.extend(
        estimate
            .environments
            .iter()
            .map(|environment| environment.name.as_str()),
    );
    let right: Vec<usize> = (1..headers.len()).collect();
    let mut grid = Grid::new(&headers, &right);
    for category in used_categories(estimate) {
        let mut row = vec![category.as_str().to_string()];
        for environment in &estimate.environments {
            row.push(category_total(estimate, &environment.name, category).grouped());
        }
        grid.push(row);
    }
    let mut total_row = vec!["total".to_string()];
    total_row.extend(
        estimate
            .environments
            .iter()
            .map(|environment| environment.monthly.grouped()),
    );
    grid.push(total_row);
    out.push_str(&grid.text("  "));
    out.push_str(&format!(
        "\nTotal: {currency} {} per month, {currency} {} per year\n",
        estimate.totals.monthly.grouped(),
        estimate.totals.annual.grouped()
    ));
    if let Some(saving) = estimate.totals.saving {
        out.push_str(&format!("Total {}\n", saving_sentence(saving, currency)));
    }
    out.push_str(&format!("Lines: {}\n", counts_sentence(estimate)));
    if let Some(grid) = capacity_grid(estimate) {
        out.push_str(&format!(
            "\nCapacity (simulated from traffic, {} h)\n",
            scenario.hours_per_month
        ));
        out.push_str(&grid.text("  "));
        for note in capacity_notes(estimate) {
            out.push_str(&format!("  - {note}\n"));
        }
    }
    if let Some((title, grid)) = range_grid(estimate) {
        out.push_str(&format!("\n{title}\n"));
        out.push_str(&grid.text("  "));
    }
    if let Some(warning) = incomplete_warning(estimate) {
        out.push_str(&format!("\n{warning}\n"));
        for line in unpriced_lines(estimate) {
            out.push_str(&format!(
                "  - {}/{} {}: {}\n",
                line.environment,
                line.resource,
                line.meter,
                line.unpriced_reason.as_deref().unwrap_or("no price")
            ));
        }
    }
    let notes: Vec<String> = estimate
        .lines
        .iter()
        .filter_map(|line| {
            line.note.as_ref().map(|note| {
                format!(
                    "  - {}/{} {}: {}",
                    line.environment, line.resource, line.meter, note
                )
            })
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("\nNotes\n");
        out.push_str(&notes.join("\n"));
        out.push('\n');
    }
    out
}
