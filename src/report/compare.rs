//! `azcost compare` as a text table, markdown and JSON.
//!
//! One column per option; in each row the lowest amount is marked (◀ in text, ✓ in markdown)
//! and every other amount carries how much more it costs than that lowest, `(+N)`. A cheapest
//! amount whose option falls short of its traffic in that environment (a resource throttled or
//! pinned at its maximum) is marked ⚠ and explained under the table: cheap because it does not
//! serve the demand is not cheap.

use super::grid::Grid;
use crate::compare::{Comparison, Row};

pub fn render_table(comparison: &Comparison) -> String {
    let mut out = format!(
        "azcost compare: {} options, {} per month, {}\n",
        comparison.options.len(),
        comparison.currency,
        as_of(comparison)
    );
    for line in option_lines(comparison) {
        out.push_str(&format!("  {line}\n"));
    }
    out.push('\n');
    out.push_str(&grid(comparison, "◀", false).text("  "));
    out.push_str("\n◀ the lowest in its row; (+N) how much more than that lowest");
    out.push_str("; ⚠ cheapest while throttled or pinned at its maximum there (see Capacity)\n");
    for note in notes(comparison) {
        out.push_str(&format!("{note}\n"));
    }
    let capacity = capacity_lines(comparison);
    if !capacity.is_empty() {
        out.push_str("\nCapacity (simulated from each option's traffic)\n");
        for line in capacity {
            out.push_str(&format!("  - {line}\n"));
        }
    }
    out
}

pub fn render_markdown(comparison: &Comparison) -> String {
    let mut out = format!(
        "## Comparison of {} options\n\n{} per month, {}.\n\n",
        comparison.options.len(),
        comparison.currency,
        as_of(comparison)
    );
    for line in option_lines(comparison) {
        out.push_str(&format!("- {line}\n"));
    }
    out.push('\n');
    out.push_str(&grid(comparison, "✓", true).markdown());
    out.push_str("\n✓ the lowest in its row; (+N) how much more than that lowest");
    out.push_str("; ⚠ cheapest while throttled or pinned at its maximum there (see Capacity).\n");
    for note in notes(comparison) {
        out.push_str(&format!("\n{note}\n"));
    }
    let capacity = capacity_lines(comparison);
    if !capacity.is_empty() {
        out.push_str("\n### Capacity (simulated from each option's traffic)\n\n");
        for line in capacity {
            out.push_str(&format!("- {line}\n"));
        }
    }
    out
}

pub fn render_json(comparison: &Comparison) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string_pretty(comparison)? + "\n")
}

fn as_of(comparison: &Comparison) -> String {
    let mut dates: Vec<&str> = comparison
        .options
        .iter()
        .map(|option| option.as_of.as_str())
        .collect();
    dates.dedup();
    format!("prices as of {}", dates.join(", "))
}

/// "[1] name (file): lines 7 fixed … ; range P50 …".
fn option_lines(comparison: &Comparison) -> Vec<String> {
    comparison
        .options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            let mut line = format!(
                "[{}] {}: {} ({} assumed, {} unpriced lines)",
                index + 1,
                option.name,
                option.file,
                option.assumed,
                option.unpriced
            );
            if let (Some(p50), Some(p90)) = (option.p50, option.p90) {
                line.push_str(&format!(
                    "; Monte Carlo P50 {}, P90 {}",
                    p50.grouped(),
                    p90.grouped()
                ));
            }
            line
        })
        .collect()
}

fn grid(comparison: &Comparison, mark: &str, markdown: bool) -> Grid {
    let mut headers = vec!["Environment".to_string(), "Category".to_string()];
    headers.extend(
        comparison
            .options
            .iter()
            .enumerate()
            .map(|(index, option)| format!("[{}] {}", index + 1, option.name)),
    );
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let right: Vec<usize> = (2..headers.len()).collect();
    let mut grid = Grid::new(&header_refs, &right);
    for row in &comparison.rows {
        let strong = |text: String| {
            if markdown && row.is_total() {
                format!("**{text}**")
            } else {
                text
            }
        };
        let mut cells = vec![
            strong(
                row.environment
                    .clone()
                    .unwrap_or_else(|| "total".to_string()),
            ),
            strong(row.category.map_or("total", |c| c.as_str()).to_string()),
        ];
        if row.environment.is_none() {
            cells[1] = String::new();
        }
        for index in 0..row.amounts.len() {
            cells.push(cell(comparison, row, index, mark));
        }
        grid.push(cells);
    }
    grid
}

fn cell(comparison: &Comparison, row: &Row, index: usize, mark: &str) -> String {
    let Some(amount) = row.amounts[index] else {
        return "—".to_string();
    };
    if row.unpriced[index] > 0 {
        return format!("{} + {} UNPRICED", amount.grouped(), row.unpriced[index]);
    }
    if row.cheapest.contains(&index) {
        let short = row.is_total()
            && !comparison.options[index]
                .shortfalls(row.environment.as_deref())
                .is_empty();
        format!(
            "{} {mark}{}",
            amount.grouped(),
            if short { " ⚠" } else { "" }
        )
    } else {
        match row.deltas[index] {
            Some(delta) if !row.cheapest.is_empty() => {
                format!("{} (+{})", amount.grouped(), delta.grouped())
            }
            _ => amount.grouped(),
        }
    }
}

/// The overall verdict, caveats on it, and incomplete or unequal options.
fn notes(comparison: &Comparison) -> Vec<String> {
    let mut notes = Vec::new();
    let options = &comparison.options;
    if let Some(total) = comparison.rows.last() {
        if let [cheapest] = total.cheapest[..] {
            let option = &options[cheapest];
            let next = (0..options.len())
                .filter(|&index| index != cheapest)
                .filter_map(|index| total.deltas[index].map(|delta| (delta, index)))
                .min();
            if let Some((delta, next)) = next {
                notes.push(format!(
                    "Cheapest overall: [{}] {}, {} {} a month less than the next, [{}] {}.",
                    cheapest + 1,
                    option.name,
                    comparison.currency,
                    delta.grouped(),
                    next + 1,
                    options[next].name
                ));
            }
        }
    }
    let mut flagged = Vec::new();
    for row in comparison.rows.iter().filter(|row| row.is_total()) {
        for &index in &row.cheapest {
            let shortfalls = options[index].shortfalls(row.environment.as_deref());
            // The overall row repeats an environment's caveat only for an option not yet flagged.
            if shortfalls.is_empty() || (row.environment.is_none() && flagged.contains(&index)) {
                continue;
            }
            flagged.push(index);
            let place = row
                .environment
                .as_ref()
                .map_or("overall".to_string(), |name| format!("for {name}"));
            let reasons: Vec<String> = shortfalls
                .iter()
                .map(|verdict| {
                    format!(
                        "{}/{} {}",
                        verdict.environment,
                        verdict.resource,
                        verdict.shortfalls.join(", ")
                    )
                })
                .collect();
            notes.push(format!(
                "⚠ [{}] {} is cheapest {place} only by running at its limits: {}. Throttled \
                 requests fail and a resource pinned at its maximum has no headroom left: size \
                 it up before calling it the cheapest.",
                index + 1,
                options[index].name,
                reasons.join("; ")
            ));
        }
    }
    if !comparison.same_environments {
        notes.push(
            "The options do not have the same environments (— marks one an option lacks): \
             their overall totals add up different things; compare environment by environment."
                .to_string(),
        );
    }
    for (index, option) in options.iter().enumerate().filter(|(_, o)| !o.complete) {
        notes.push(format!(
            "INCOMPLETE: [{}] {} has {} unpriced line{} left out of its totals: its amounts are \
             lower than its real cost.",
            index + 1,
            option.name,
            option.unpriced,
            if option.unpriced == 1 { "" } else { "s" }
        ));
    }
    notes
}

/// One line per simulated resource: "[2] container-apps-cosmos prod/documents: peak 400 RU/s —
/// throttled 4 h".
fn capacity_lines(comparison: &Comparison) -> Vec<String> {
    let mut lines = Vec::new();
    for (index, option) in comparison.options.iter().enumerate() {
        for verdict in &option.verdicts {
            let outcome = if verdict.shortfalls.is_empty() {
                "enough for its traffic".to_string()
            } else {
                format!("⚠ {}", verdict.shortfalls.join(", "))
            };
            lines.push(format!(
                "[{}] {} {}/{} ({}): {} — {outcome}",
                index + 1,
                option.name,
                verdict.environment,
                verdict.resource,
                verdict.kind,
                verdict.summary
            ));
        }
    }
    lines
}
