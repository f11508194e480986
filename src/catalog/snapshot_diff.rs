//! Comparing and merging snapshots row by row, by the API's natural key.
//!
//! A row's natural key is (meterId, skuId, type, tierMinimumUnits, reservationTerm)
//! ([`PriceRow::key`]); when a snapshot holds several rows for one key (a price and its later
//! revision), the latest `effectiveStartDate` is the one compared. `prices diff` lists keys
//! whose price or unit changed, keys that appeared and keys that vanished; `prices fetch`
//! merges fetched rows into an existing snapshot by the same key, so refreshing one region
//! replaces that region's meters and leaves every other row as it was.

use std::collections::{BTreeMap, BTreeSet};

use super::row::PriceRow;

type Key = (String, String, String, String, String);

/// What happened to one natural key between two snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Changed,
    Appeared,
    Vanished,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Changed => "changed",
            ChangeKind::Appeared => "appeared",
            ChangeKind::Vanished => "vanished",
        }
    }
}

/// One changed key: the row before and/or after.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub old: Option<PriceRow>,
    pub new: Option<PriceRow>,
}

impl Change {
    /// The row that describes the meter (the new one when there is one).
    pub fn row(&self) -> &PriceRow {
        match (&self.new, &self.old) {
            (Some(row), _) | (None, Some(row)) => row,
            (None, None) => unreachable!("a change has at least one row"),
        }
    }
}

/// The latest row per natural key.
fn current(rows: &[PriceRow]) -> BTreeMap<Key, &PriceRow> {
    let mut latest: BTreeMap<Key, &PriceRow> = BTreeMap::new();
    for row in rows {
        let entry = latest.entry(row.key()).or_insert(row);
        if row.effective_start_date > entry.effective_start_date {
            *entry = row;
        }
    }
    latest
}

/// Keys whose price or unit changed, appeared or vanished between `old` and `new`, ordered by
/// kind, then service, region, product, sku and meter.
pub fn diff(old: &[PriceRow], new: &[PriceRow]) -> Vec<Change> {
    let before = current(old);
    let after = current(new);
    let mut changes = Vec::new();
    for (key, old_row) in &before {
        match after.get(key) {
            None => changes.push(Change {
                kind: ChangeKind::Vanished,
                old: Some((*old_row).clone()),
                new: None,
            }),
            Some(new_row) => {
                let differs = old_row.retail_price != new_row.retail_price
                    || old_row.unit_price != new_row.unit_price
                    || old_row.unit_of_measure != new_row.unit_of_measure;
                if differs {
                    changes.push(Change {
                        kind: ChangeKind::Changed,
                        old: Some((*old_row).clone()),
                        new: Some((*new_row).clone()),
                    });
                }
            }
        }
    }
    for (key, new_row) in &after {
        if !before.contains_key(key) {
            changes.push(Change {
                kind: ChangeKind::Appeared,
                old: None,
                new: Some((*new_row).clone()),
            });
        }
    }
    changes.sort_by_key(|change| {
        let row = change.row();
        (
            change.kind,
            row.service_name.clone(),
            row.arm_region_name.clone(),
            row.product_name.clone(),
            row.sku_name.clone(),
            row.meter_name.clone(),
            row.key(),
        )
    });
    changes
}

/// `fetched` plus every `existing` row whose natural key was not fetched again.
pub fn merge(existing: Vec<PriceRow>, fetched: Vec<PriceRow>) -> Vec<PriceRow> {
    let refreshed: BTreeSet<Key> = fetched.iter().map(PriceRow::key).collect();
    let mut rows = fetched;
    rows.extend(
        existing
            .into_iter()
            .filter(|row| !refreshed.contains(&row.key())),
    );
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;

    fn rows() -> Vec<PriceRow> {
        let snapshot = Snapshot::embedded().expect("the embedded snapshot loads");
        snapshot.catalog.rows()[..40].to_vec()
    }

    #[test]
    fn identical_snapshots_have_no_changes() {
        assert!(diff(&rows(), &rows()).is_empty());
    }

    #[test]
    fn a_price_change_an_addition_and_a_removal_are_each_found() {
        let old = rows();
        let mut new = old.clone();
        new[3].retail_price *= 2.0;
        new[3].unit_price *= 2.0;
        let vanished = new.remove(10);
        let mut appeared = old[0].clone();
        appeared.meter_id = "a-new-meter".to_string();
        new.push(appeared.clone());
        let changes = diff(&old, &new);
        let kinds: Vec<ChangeKind> = changes.iter().map(|change| change.kind).collect();
        assert_eq!(
            kinds,
            [
                ChangeKind::Changed,
                ChangeKind::Appeared,
                ChangeKind::Vanished
            ]
        );
        assert_eq!(changes[0].old.as_ref(), Some(&old[3]));
        assert_eq!(changes[0].new.as_ref(), Some(&new[3]));
        assert_eq!(changes[1].row(), &appeared);
        assert_eq!(changes[2].row(), &vanished);
    }

    #[test]
    fn the_latest_revision_of_a_key_is_compared() {
        let old = rows();
        let mut revised = old[5].clone();
        revised.effective_start_date = "2099-01-01T00:00:00Z".to_string();
        revised.retail_price += 1.0;
        let mut new = old.clone();
        new.push(revised.clone());
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].new.as_ref(), Some(&revised));
    }

    #[test]
    fn merging_replaces_refetched_keys_and_keeps_the_rest() {
        let existing = rows();
        let mut refreshed = existing[2].clone();
        refreshed.retail_price += 1.0;
        refreshed.effective_start_date = "2099-01-01T00:00:00Z".to_string();
        let merged = merge(existing.clone(), vec![refreshed.clone()]);
        assert_eq!(merged.len(), existing.len());
        assert!(merged.contains(&refreshed));
        assert!(!merged.contains(&existing[2]));
        assert!(existing[3..].iter().all(|row| merged.contains(row)));
    }
}
