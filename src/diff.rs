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

#[cfg(test)]
pub(crate) mod tests;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

use crate::estimate::{EnvironmentTotal, Estimate, Line, Status};
use crate::money::Money;

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
    pub total: Change,
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

/// When `azcost diff` exits 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Thresholds {
    /// The monthly total may rise by at most this amount (in the diff's currency).
    pub fail_above: Option<Money>,
    /// The monthly total may rise by at most this percentage of the base's total.
    pub fail_increase_percent: Option<Decimal>,
}

/// The thresholds the change crosses, one sentence each (empty: none). An increase equal to a
/// threshold does not cross it. A rise from a zero base crosses any percentage threshold.
pub fn crossed(diff: &Diff, thresholds: &Thresholds) -> Vec<String> {
    let total = &diff.total;
    let mut crossed = Vec::new();
    if let Some(limit) = thresholds.fail_above {
        if total.change > limit {
            crossed.push(format!(
                "the monthly total rises by {} {}, above --fail-above {}",
                diff.currency,
                total.change.grouped(),
                limit.grouped()
            ));
        }
    }
    if let Some(limit) = thresholds.fail_increase_percent {
        let rise = total.change.amount() > Decimal::ZERO;
        let over = match total.percent {
            Some(percent) => percent > limit,
            None => rise,
        };
        if rise && over {
            let percent = total
                .percent
                .map_or("from zero".to_string(), |percent| format!("{percent}%"));
            crossed.push(format!(
                "the monthly total rises by {percent}, above --fail-increase-percent {limit}"
            ));
        }
    }
    crossed
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

/// "storage (128 GB)" → "storage": the part of a meter that names it, not its size.
pub fn meter_key(meter: &str) -> &str {
    match meter.find(" (") {
        Some(index) if meter.ends_with(')') => &meter[..index],
        _ => meter,
    }
}

fn resource_diffs(before: &[Line], after: &[Line]) -> Vec<ResourceDiff> {
    let mut resources: BTreeMap<&str, (Vec<&Line>, Vec<&Line>)> = BTreeMap::new();
    for line in before {
        resources.entry(&line.resource).or_default().0.push(line);
    }
    for line in after {
        resources.entry(&line.resource).or_default().1.push(line);
    }
    resources
        .into_iter()
        .map(|(name, (before, after))| {
            let lines = match_lines(&before, &after);
            let sum = |lines: &[&Line]| lines.iter().filter_map(|line| line.monthly).sum();
            let change = match (before.is_empty(), after.is_empty()) {
                (true, _) => Kind::Added,
                (_, true) => Kind::Removed,
                _ if lines.iter().all(|line| line.change == Kind::Unchanged) => Kind::Unchanged,
                _ => Kind::Changed,
            };
            let kind = after.first().or(before.first()).map_or("", |l| &l.kind);
            ResourceDiff {
                resource: name.to_string(),
                kind: kind.to_string(),
                change,
                total: Change::new(sum(&before), sum(&after)),
                lines,
            }
        })
        .collect()
}

fn match_lines(before: &[&Line], after: &[&Line]) -> Vec<LineDiff> {
    let mut taken = vec![false; before.len()];
    let mut pairs: Vec<(Option<&Line>, Option<&Line>)> = Vec::new();
    let mut unmatched_after = Vec::new();
    for line in after {
        let found = (0..before.len()).find(|&index| {
            !taken[index] && meter_key(&before[index].meter) == meter_key(&line.meter)
        });
        match found {
            Some(index) => {
                taken[index] = true;
                pairs.push((Some(before[index]), Some(line)));
            }
            None => unmatched_after.push(*line),
        }
    }
    let unmatched_before: Vec<&Line> = (0..before.len())
        .filter(|&index| !taken[index])
        .map(|index| before[index])
        .collect();
    if unmatched_before.len() == unmatched_after.len() {
        pairs.extend(
            unmatched_before
                .into_iter()
                .map(Some)
                .zip(unmatched_after.into_iter().map(Some)),
        );
    } else {
        pairs.extend(unmatched_before.into_iter().map(|line| (Some(line), None)));
        pairs.extend(unmatched_after.into_iter().map(|line| (None, Some(line))));
    }
    pairs
        .into_iter()
        .map(|(before, after)| {
            let (before, after) = (before.map(LineSide::from), after.map(LineSide::from));
            let change = match (&before, &after) {
                (None, _) => Kind::Added,
                (_, None) => Kind::Removed,
                (Some(b), Some(a)) if b == a => Kind::Unchanged,
                _ => Kind::Changed,
            };
            LineDiff {
                change,
                before,
                after,
            }
        })
        .collect()
}
