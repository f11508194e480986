//! Pairing the two sides' lines: per resource, by meter without its trailing size, then the
//! leftovers in order when both sides have as many (a SKU rename).

use std::collections::BTreeMap;

use super::{Change, Kind, LineDiff, LineSide, ResourceDiff};
use crate::estimate::Line;

/// "storage (128 GB)" → "storage": the part of a meter that names it, not its size.
pub fn meter_key(meter: &str) -> &str {
    match meter.find(" (") {
        Some(index) if meter.ends_with(')') => &meter[..index],
        _ => meter,
    }
}

pub(super) fn resource_diffs(before: &[Line], after: &[Line]) -> Vec<ResourceDiff> {
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
            let unpriced =
                |lines: &[&Line]| lines.iter().filter(|line| line.monthly.is_none()).count();
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
                unpriced_before: unpriced(&before),
                unpriced_after: unpriced(&after),
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
