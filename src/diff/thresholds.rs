//! When `azcost diff` exits 1: the monthly total rising by more than an amount or a percentage.

use rust_decimal::Decimal;

use super::Diff;
use crate::money::Money;

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
