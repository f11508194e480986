//! Estimate × Estimate → Diff: what a change to a scenario does to its monthly cost.
//!
//! Pure: `commands/diff.rs` reads the two sides (scenario files, saved JSON estimates, files at
//! a git revision) and the renderers in `report/` print the result. Lines are matched per
//! environment by (resource, meter), where a meter's trailing parenthesised detail —
//! "storage (128 GB)", "P1 node-hours (2 nodes × 730 h)" — is left out of the key, so a
//! changed size or count reads as a *changed* line rather than one removed and one added. Lines
//! of a resource still unmatched after that are paired in order when both sides have the same
//! number of them (a SKU rename: "P1v3 instance hours" → "P2v3 instance hours"). A side that is
//! missing (a scenario added or deleted by the change) counts as an estimate with no lines.
//! Environment and overall totals are the estimates' own; a resource's total is the sum of its
//! priced lines, as the estimate sums them. Unpriced lines count nothing and are counted.

mod matching;
#[cfg(test)]
pub(crate) mod tests;
mod thresholds;

use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

use crate::estimate::{EnvironmentTotal, Estimate, Line, Status};
use crate::money::Money;

pub use matching::meter_key;
use matching::resource_diffs;
pub use thresholds::{crossed, Thresholds};

/// Bumped whenever a field of the diff's JSON changes meaning or disappears.
pub const DIFF_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DiffError {
    #[error("both sides are missing: nothing to compare")]
    NothingToCompare,
    #[error(
        "the base is in {base} but the head is in {head}: price both sides with the same \
         currency (--pricing DIR) before comparing them"
    )]
    CurrencyMismatch { base: String, head: String },
}

/// One side as the command read it.
pub struct Input<'a> {
    /// What the user named: a file, or `REV:PATH`.
    pub label: String,
    /// `None` when the side does not exist (a scenario the change adds or deletes).
    pub estimate: Option<&'a Estimate>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub schema_version: u32,
    pub currency: String,
    pub base: Side,
    pub head: Side,
    pub total: Change,
    pub environments: Vec<EnvironmentDiff>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub label: String,
    /// False for a side that does not exist.
    pub present: bool,
    pub scenario: String,
    pub as_of: String,
    pub lines: usize,
    pub assumed: usize,
    pub unpriced: usize,
    /// False when some line could not be priced: the side's totals leave it out.
    pub complete: bool,
}

/// Before, after and the difference, in the diff's currency.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Change {
    pub before: Money,
    pub after: Money,
    pub change: Money,
    /// Change as a percentage of `before`, one decimal; `None` when `before` is zero.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub percent: Option<Decimal>,
}

impl Change {
    pub fn new(before: Money, after: Money) -> Change {
        let change = after - before;
        let percent = (!before.amount().is_zero()).then(|| {
            let mut percent =
                (change.amount() * Decimal::ONE_HUNDRED / before.amount()).round_dp(1);
            percent.rescale(1); // always one decimal: "100.0", not "100"
            percent
        });
        Change {
            before,
            after,
            change,
            percent,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Changed,
    Unchanged,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
            Kind::Unchanged => "unchanged",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EnvironmentDiff {
    pub name: String,
    pub kind: Kind,
    pub total: Change,
    pub unpriced_before: usize,
    pub unpriced_after: usize,
    pub resources: Vec<ResourceDiff>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceDiff {
    pub resource: String,
    pub kind: String,
    pub change: Kind,
    /// Sums of the priced lines; unpriced lines are counted below, not summed.
    pub total: Change,
    pub unpriced_before: usize,
    pub unpriced_after: usize,
    pub lines: Vec<LineDiff>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineDiff {
    pub change: Kind,
    pub before: Option<LineSide>,
    pub after: Option<LineSide>,
}

impl LineDiff {
    /// The meter as the head names it (the base's for a removed line).
    pub fn meter(&self) -> &str {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map_or("", |side| side.meter.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineSide {
    pub sku: String,
    pub meter: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    pub quantity_unit: String,
    pub monthly: Option<Money>,
    pub status: Status,
}

impl From<&Line> for LineSide {
    fn from(line: &Line) -> Self {
        LineSide {
            sku: line.sku.clone(),
            meter: line.meter.clone(),
            quantity: line.quantity,
            quantity_unit: line.quantity_unit.clone(),
            monthly: line.monthly,
            status: line.status,
        }
    }
}

impl Diff {
    /// True when either side leaves unpriced lines out of its totals.
    pub fn incomplete(&self) -> bool {
        !self.base.complete || !self.head.complete
    }
}

/// Compares two estimates (either may be missing, not both).
pub fn diff(base: Input<'_>, head: Input<'_>) -> Result<Diff, DiffError> {
    let currency = match (base.estimate, head.estimate) {
        (None, None) => return Err(DiffError::NothingToCompare),
        (Some(before), Some(after)) if before.scenario.currency != after.scenario.currency => {
            return Err(DiffError::CurrencyMismatch {
                base: before.scenario.currency.clone(),
                head: after.scenario.currency.clone(),
            })
        }
        (Some(estimate), _) | (None, Some(estimate)) => estimate.scenario.currency.clone(),
    };
    let total = Change::new(
        base.estimate.map_or(Money::ZERO, |e| e.totals.monthly),
        head.estimate.map_or(Money::ZERO, |e| e.totals.monthly),
    );
    let mut names: Vec<String> = Vec::new();
    for estimate in [base.estimate, head.estimate].into_iter().flatten() {
        for environment in &estimate.environments {
            if !names.contains(&environment.name) {
                names.push(environment.name.clone());
            }
        }
    }
    let environments = names
        .iter()
        .map(|name| environment_diff(name, base.estimate, head.estimate))
        .collect();
    Ok(Diff {
        schema_version: DIFF_SCHEMA_VERSION,
        currency,
        base: side(&base),
        head: side(&head),
        total,
        environments,
    })
}

fn side(input: &Input<'_>) -> Side {
    let estimate = input.estimate;
    Side {
        label: input.label.clone(),
        present: estimate.is_some(),
        scenario: estimate.map_or(String::new(), |e| e.scenario.name.clone()),
        as_of: estimate.map_or(String::new(), |e| e.pricing.as_of.clone()),
        lines: estimate.map_or(0, |e| e.lines.len()),
        assumed: estimate.map_or(0, |e| e.counts.assumed),
        unpriced: estimate.map_or(0, |e| e.counts.unpriced),
        complete: estimate.is_none_or(|e| e.totals.complete),
    }
}

fn environment_diff<'a>(
    name: &str,
    base: Option<&'a Estimate>,
    head: Option<&'a Estimate>,
) -> EnvironmentDiff {
    let find = |estimate: Option<&'a Estimate>| -> Option<&'a EnvironmentTotal> {
        estimate.and_then(|e| e.environments.iter().find(|total| total.name == name))
    };
    let (before, after) = (find(base), find(head));
    let lines = |estimate: Option<&Estimate>| -> Vec<Line> {
        estimate.map_or(Vec::new(), |e| {
            e.lines
                .iter()
                .filter(|line| line.environment == name)
                .cloned()
                .collect()
        })
    };
    let resources = resource_diffs(&lines(base), &lines(head));
    let kind = match (before, after) {
        (None, _) => Kind::Added,
        (_, None) => Kind::Removed,
        _ if resources.iter().all(|r| r.change == Kind::Unchanged) => Kind::Unchanged,
        _ => Kind::Changed,
    };
    EnvironmentDiff {
        name: name.to_string(),
        kind,
        total: Change::new(
            before.map_or(Money::ZERO, |t| t.monthly),
            after.map_or(Money::ZERO, |t| t.monthly),
        ),
        unpriced_before: before.map_or(0, |t| t.unpriced_lines),
        unpriced_after: after.map_or(0, |t| t.unpriced_lines),
        resources,
    }
}
