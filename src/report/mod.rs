//! Renderers: Estimate → text. One file per format; none recomputes a cost.
//!
//! Every figure printed comes from the [`Estimate`](crate::estimate::Estimate) as priced, and
//! every format is deterministic (lines sorted by the plan, fixed decimals), so snapshot tests
//! change only when behaviour does.

pub mod budget_arm;
pub mod budget_bicep;
pub mod budget_notifications;
pub mod budget_summary;
mod capacity;
pub mod chart;
mod commitment;
pub mod compare;
pub mod csv;
pub mod diff;
mod grid;
pub mod html;
pub mod json;
pub mod markdown;
pub mod prices;
pub mod pull_request;
pub mod simulation;
pub mod table;

use crate::estimate::{Estimate, Line, Status};
use crate::money::Money;
use crate::services::Category;

/// "1,460 hours", "0.35 / 1 Hour", "UNPRICED": the cells shared by table and markdown.
pub(crate) struct Cells {
    pub quantity: String,
    pub unit_price: String,
    pub monthly: String,
}

pub(crate) fn cells(line: &Line) -> Cells {
    Cells {
        quantity: format!(
            "{} {}",
            group_decimal(&line.quantity.round_dp(4).normalize().to_string()),
            line.quantity_unit
        ),
        unit_price: match line.unit_price {
            Some(price) => format!("{} / {}", price.normalize(), line.price_unit),
            None => "—".to_string(),
        },
        monthly: match line.monthly {
            Some(amount) => amount.grouped(),
            None => "UNPRICED".to_string(),
        },
    }
}

/// Thousands separators for a plain decimal string ("1460.5" → "1,460.5").
pub(crate) fn group_decimal(text: &str) -> String {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let (sign, digits) = match whole.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", whole),
    };
    let mut grouped = String::new();
    for (index, character) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(character);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The categories that have any cost in an estimate, in their fixed order.
pub(crate) fn used_categories(estimate: &Estimate) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|category| estimate.lines.iter().any(|line| line.category == *category))
        .collect()
}

pub(crate) fn category_total(estimate: &Estimate, environment: &str, category: Category) -> Money {
    estimate
        .environments
        .iter()
        .find(|total| total.name == environment)
        .and_then(|total| total.categories.get(&category).copied())
        .unwrap_or(Money::ZERO)
}

/// "12 fixed, 3 usage, 2 assumed, 1 unpriced (1 custom price)".
pub(crate) fn counts_sentence(estimate: &Estimate) -> String {
    let counts = &estimate.counts;
    let mut text = format!(
        "{} fixed, {} usage, {} assumed, {} unpriced",
        counts.fixed, counts.usage, counts.assumed, counts.unpriced
    );
    if counts.custom > 0 {
        text.push_str(&format!(
            " ({} custom price{})",
            counts.custom,
            if counts.custom == 1 { "" } else { "s" }
        ));
    }
    text
}

pub(crate) fn incomplete_warning(estimate: &Estimate) -> Option<String> {
    if estimate.totals.complete {
        return None;
    }
    Some(format!(
        "INCOMPLETE: {} line{} could not be priced and {} left out of every total",
        estimate.counts.unpriced,
        if estimate.counts.unpriced == 1 {
            ""
        } else {
            "s"
        },
        if estimate.counts.unpriced == 1 {
            "is"
        } else {
            "are"
        },
    ))
}

pub(crate) fn unpriced_lines(estimate: &Estimate) -> impl Iterator<Item = &Line> {
    estimate
        .lines
        .iter()
        .filter(|line| line.status == Status::Unpriced)
}
