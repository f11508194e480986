//! Markdown for pull-request comments and documents.

use super::capacity::{capacity_grid, capacity_notes, range_grid};
use super::commitment::{commitment_cells, has_pricing, line_headers, saving_sentence};
use super::grid::Grid;
use super::{
    category_total, cells, counts_sentence, incomplete_warning, unpriced_lines, used_categories,
};
use crate::estimate::Estimate;

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
    let mut out = format!("## {}\n\n", scenario.name);
    out.push_str(&format!(
        "Region `{}` · {} · {} hours/month ({}) · prices as of {} · `{}`\n\n",
        scenario.region,
        currency,
        scenario.hours_per_month,
        scenario.month,
        estimate.pricing.as_of,
        scenario.file
    ));
    if let Some(warning) = incomplete_warning(estimate) {
        out.push_str(&format!("> **{warning}**\n"));
        for line in unpriced_lines(estimate) {
            out.push_str(&format!(
                "> - `{}/{}` {}: {}\n",
                line.environment,
                line.resource,
                line.meter,
                line.unpriced_reason.as_deref().unwrap_or("no price")
            ));
        }
        out.push('\n');
    }
    let mut headers: Vec<&str> = vec!["Category"];
    headers.extend(
        estimate
            .environments
            .iter()
            .map(|environment| environment.name.as_str()),
    );
    let right: Vec<usize> = (1..headers.len()).collect();
    let mut summary = Grid::new(&headers, &right);
    for category in used_categories(estimate) {
        let mut row = vec![category.as_str().to_string()];
        for environment in &estimate.environments {
            row.push(category_total(estimate, &environment.name, category).grouped());
        }
        summary.push(row);
    }
    let mut monthly = vec!["**monthly**".to_string()];
    monthly.extend(
        estimate
            .environments
            .iter()
            .map(|environment| format!("**{}**", environment.monthly.grouped())),
    );
    summary.push(monthly);
    let mut annual = vec!["annual".to_string()];
    annual.extend(
        estimate
            .environments
            .iter()
            .map(|environment| environment.annual.grouped()),
    );
    summary.push(annual);
    if estimate
        .environments
        .iter()
        .any(|environment| environment.saving.is_some())
    {
        let mut saving = vec!["saving vs pay-as-you-go (monthly)".to_string()];
        saving.extend(estimate.environments.iter().map(|environment| {
            environment
                .saving
                .map(|amount| amount.grouped())
                .unwrap_or_else(|| "—".to_string())
        }));
        summary.push(saving);
    }
    out.push_str(&summary.markdown());
    out.push_str(&format!(
        "\n**Total: {currency} {} per month, {currency} {} per year** · lines: {}\n",
        estimate.totals.monthly.grouped(),
        estimate.totals.annual.grouped(),
        counts_sentence(estimate)
    ));
    if let Some(saving) = estimate.totals.saving {
        out.push_str(&format!(
            "\n**Total {}**\n",
            saving_sentence(saving, currency)
        ));
    }
    if let Some(grid) = capacity_grid(estimate) {
        out.push_str(&format!(
            "\n### Capacity (simulated from traffic, {} h)\n\n",
            scenario.hours_per_month
        ));
        out.push_str(&grid.markdown());
        let notes = capacity_notes(estimate);
        if !notes.is_empty() {
            out.push('\n');
        }
        for note in notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    if let Some((title, grid)) = range_grid(estimate) {
        out.push_str(&format!("\n### {title}\n\n"));
        out.push_str(&grid.markdown());
    }
    for environment in &estimate.environments {
        out.push_str(&format!("\n### {}\n\n", environment.name));
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
                format!("`{}`", line.resource),
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
        out.push_str(&grid.markdown());
        let notes: Vec<String> = estimate
            .lines
            .iter()
            .filter(|line| line.environment == environment.name && line.pricing.is_some())
            .filter_map(|line| {
                let note = line.note.as_ref()?;
                Some(format!("- `{}` {}: {note}\n", line.resource, line.meter))
            })
            .collect();
        if !notes.is_empty() {
            out.push('\n');
            out.push_str(&notes.concat());
        }
    }
    out
}
