//! `azcost diff` as a text table and as JSON, plus the wording shared with the pull-request
//! comment (`pull_request.rs`): the headline, signed amounts, and per-resource rows.

use super::grid::Grid;
use crate::diff::{Change, Diff, EnvironmentDiff, Kind};
use crate::money::Money;

/// "$1,234.50" for the currencies with a well-known symbol, "CHF 1,234.50" otherwise.
pub(crate) fn amount(currency: &str, money: Money) -> String {
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => return format!("{currency} {}", money.grouped()),
    };
    match money.grouped().strip_prefix('-') {
        Some(digits) => format!("-{symbol}{digits}"),
        None => format!("{symbol}{}", money.grouped()),
    }
}

/// "+97.60", "-12.00", "0.00".
pub(crate) fn signed(money: Money) -> String {
    if money.rounded().amount().is_sign_positive() && !money.rounded().amount().is_zero() {
        format!("+{}", money.grouped())
    } else {
        money.rounded().grouped().replace("-0.00", "0.00")
    }
}

/// "+97.60 (+5.4%)", "+12.00 (new)", "0.00".
pub(crate) fn change_cell(change: &Change) -> String {
    match change.percent {
        _ if change.change.rounded().amount().is_zero() => "0.00".to_string(),
        Some(percent) if percent.is_sign_negative() => {
            format!("{} ({percent}%)", signed(change.change))
        }
        Some(percent) => format!("{} (+{percent}%)", signed(change.change)),
        None => format!("{} (new)", signed(change.change)),
    }
}

/// "Monthly cost will increase by $97.60 (+5.4%)".
pub fn headline(diff: &Diff) -> String {
    let total = &diff.total;
    let by = amount(&diff.currency, Money::new(total.change.amount().abs()));
    let percent = match total.percent {
        Some(percent) if percent.is_sign_negative() => format!(" ({percent}%)"),
        Some(percent) => format!(" (+{percent}%)"),
        None if !diff.base.present => " (a new scenario)".to_string(),
        None => String::new(),
    };
    let rounded = total.change.rounded().amount();
    if rounded.is_zero() {
        "Monthly cost will not change".to_string()
    } else if rounded.is_sign_positive() {
        format!("Monthly cost will increase by {by}{percent}")
    } else {
        format!("Monthly cost will decrease by {by}{percent}")
    }
}

/// "The totals are incomplete: 1 line of the head and 0 of the base could not be priced …".
pub fn incomplete_note(diff: &Diff) -> Option<String> {
    diff.incomplete().then(|| {
        format!(
            "The totals are incomplete: {} line{} of the base and {} of the head could not be \
             priced and are left out of every figure",
            diff.base.unpriced,
            if diff.base.unpriced == 1 { "" } else { "s" },
            diff.head.unpriced
        )
    })
}

/// "base 12 lines (2 assumed, 0 unpriced); head 13 lines (2 assumed, 1 unpriced)".
pub fn counts(diff: &Diff) -> String {
    let side = |name: &str, side: &crate::diff::Side| {
        if side.present {
            format!(
                "{name} {} line{} ({} assumed, {} unpriced)",
                side.lines,
                if side.lines == 1 { "" } else { "s" },
                side.assumed,
                side.unpriced
            )
        } else {
            format!("{name} missing")
        }
    };
    format!("{}; {}", side("base", &diff.base), side("head", &diff.head))
}

/// "prices as of 2026-11-01" or "prices as of 2026-08-01 (base) and 2026-11-01 (head)".
pub fn prices_as_of(diff: &Diff) -> String {
    let (base, head) = (&diff.base.as_of, &diff.head.as_of);
    if base == head || base.is_empty() || head.is_empty() {
        let date = if head.is_empty() { base } else { head };
        format!("prices as of {date}")
    } else {
        format!(
            "prices as of {base} (base) and {head} (head): part of the change is price movement"
        )
    }
}

/// "2 changed, 1 added" for an environment's resources.
pub fn resource_counts(environment: &EnvironmentDiff) -> String {
    let mut parts = Vec::new();
    for kind in [Kind::Changed, Kind::Added, Kind::Removed, Kind::Unchanged] {
        let count = environment
            .resources
            .iter()
            .filter(|resource| resource.change == kind)
            .count();
        if count > 0 {
            parts.push(format!("{count} {}", kind.as_str()));
        }
    }
    if parts.is_empty() {
        "no resources".to_string()
    } else {
        format!("resources: {}", parts.join(", "))
    }
}

/// Before and after cells: "—" for the side an added or removed item does not exist on, and
/// "+ N unpriced" after a sum that leaves unpriced lines out.
fn sides(kind: Kind, change: &Change, unpriced: (usize, usize)) -> (String, String) {
    let cell = |amount: Money, unpriced: usize| match unpriced {
        0 => amount.grouped(),
        count => format!("{} + {count} UNPRICED", amount.grouped()),
    };
    let absent = "—".to_string();
    match kind {
        Kind::Added => (absent, cell(change.after, unpriced.1)),
        Kind::Removed => (cell(change.before, unpriced.0), absent),
        _ => (
            cell(change.before, unpriced.0),
            cell(change.after, unpriced.1),
        ),
    }
}

/// The environment summary: one row per environment and the total.
pub(crate) fn summary_grid(diff: &Diff, bold_total: bool) -> Grid {
    let mut grid = Grid::new(&["Environment", "Before", "After", "Change"], &[1, 2, 3]);
    for environment in &diff.environments {
        let name = match environment.kind {
            Kind::Added | Kind::Removed => {
                format!("{} ({})", environment.name, environment.kind.as_str())
            }
            _ => environment.name.clone(),
        };
        let unpriced = (environment.unpriced_before, environment.unpriced_after);
        let (before, after) = sides(environment.kind, &environment.total, unpriced);
        grid.push(vec![name, before, after, change_cell(&environment.total)]);
    }
    let strong = |text: String| {
        if bold_total {
            format!("**{text}**")
        } else {
            text
        }
    };
    grid.push(vec![
        strong("total".to_string()),
        strong(diff.total.before.grouped()),
        strong(diff.total.after.grouped()),
        strong(change_cell(&diff.total)),
    ]);
    grid
}

/// Rows for the resources that changed in an environment: the resource, then its changed
/// meters (for changed resources) indented under it.
pub(crate) fn resource_grid(environment: &EnvironmentDiff, code: bool) -> Grid {
    let mut grid = Grid::new(
        &["Resource", "Change", "Meter", "Before", "After", "Change"],
        &[3, 4, 5],
    );
    let price = |money: Option<Money>| money.map_or("UNPRICED".to_string(), Money::grouped);
    for resource in &environment.resources {
        if resource.change == Kind::Unchanged {
            continue;
        }
        let name = if code {
            format!("`{}`", resource.resource)
        } else {
            resource.resource.clone()
        };
        let unpriced = (resource.unpriced_before, resource.unpriced_after);
        let (before, after) = sides(resource.change, &resource.total, unpriced);
        grid.push(vec![
            name,
            resource.change.as_str().to_string(),
            resource.kind.clone(),
            before,
            after,
            change_cell(&resource.total),
        ]);
        if resource.change != Kind::Changed {
            continue;
        }
        for line in resource
            .lines
            .iter()
            .filter(|line| line.change != Kind::Unchanged)
        {
            let before = line.before.as_ref().map(|side| side.monthly);
            let after = line.after.as_ref().map(|side| side.monthly);
            let sku = match (&line.before, &line.after) {
                (Some(before), Some(after)) if before.sku != after.sku => {
                    format!(" [{} → {}]", before.sku, after.sku)
                }
                _ => String::new(),
            };
            let before_amount = before.flatten().unwrap_or(Money::ZERO);
            let after_amount = after.flatten().unwrap_or(Money::ZERO);
            grid.push(vec![
                String::new(),
                line.change.as_str().to_string(),
                format!("↳ {}{sku}", line.meter()),
                before.map_or("—".to_string(), price),
                after.map_or("—".to_string(), price),
                signed(after_amount - before_amount),
            ]);
        }
    }
    grid
}

pub fn render_table(diff: &Diff) -> String {
    let mut out = format!(
        "azcost diff: base {} → head {} ({} per month, {})\n\n{}\n\n",
        diff.base.label,
        diff.head.label,
        diff.currency,
        prices_as_of(diff),
        headline(diff)
    );
    if let Some(note) = incomplete_note(diff) {
        out.push_str(&format!("INCOMPLETE: {note}\n\n"));
    }
    out.push_str(&summary_grid(diff, false).text("  "));
    for environment in diff
        .environments
        .iter()
        .filter(|e| e.kind != Kind::Unchanged)
    {
        out.push_str(&format!(
            "\n{} ({})\n",
            environment.name,
            resource_counts(environment)
        ));
        out.push_str(&resource_grid(environment, false).text("  "));
    }
    out.push_str(&format!("\nLines: {}\n", counts(diff)));
    out
}

pub fn render_json(diff: &Diff) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string_pretty(diff)? + "\n")
}
