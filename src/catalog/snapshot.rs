//! The price snapshot: `pricing/prices.jsonl` plus `pricing/manifest.json`.
//!
//! The binary embeds the committed snapshot, so `azcost estimate` works offline from any
//! directory; `--pricing DIR` reads another one. The manifest records where the rows came from,
//! the date the prices reflect, the api-version and currency, the row count and the sha256 of
//! the rows file; a snapshot whose rows do not match its manifest is refused, so a hand edit or
//! a torn write never prices anything. Building a snapshot (from recorded API pages here, from
//! the live API in `prices fetch`) goes through [`build`], which sorts and de-duplicates rows so
//! the file diffs cleanly in git.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::row::PriceRow;
use super::store::{self, StoreError};
use super::Catalog;

/// The committed default snapshot, embedded at build time.
pub const EMBEDDED_PRICES: &[u8] = include_bytes!("../../pricing/prices.jsonl");
/// The committed default manifest, embedded at build time.
pub const EMBEDDED_MANIFEST: &str = include_str!("../../pricing/manifest.json");
/// File names inside a snapshot directory.
pub const PRICES_FILE: &str = "prices.jsonl";
pub const MANIFEST_FILE: &str = "manifest.json";

/// Where one input file of a snapshot came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManifestInput {
    pub file: String,
    pub rows: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a snapshot is: provenance, date, api-version, currency, size and checksum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub source: String,
    /// The date the prices reflect (`YYYY-MM-DD`); the default as-of date for estimates.
    pub prices_as_of: String,
    pub api_version: String,
    pub currency: String,
    #[serde(default)]
    pub filters: Vec<String>,
    pub row_count: usize,
    pub sha256: String,
    #[serde(default)]
    pub inputs: Vec<ManifestInput>,
}

#[derive(Debug, Error)]
pub enum SnapshotError {
    #[error("the price manifest is not valid JSON: {0}")]
    Manifest(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the price rows do not match their manifest: sha256 is {actual}, the manifest says {expected}; rebuild the snapshot with `azcost prices import` or restore it from git")]
    Checksum { expected: String, actual: String },
    #[error(
        "the price rows do not match their manifest: {actual} rows, the manifest says {expected}"
    )]
    RowCount { expected: usize, actual: usize },
    #[error("input {file}: {reason}")]
    Input { file: String, reason: String },
}

/// A loaded, verified snapshot.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub manifest: Manifest,
    pub catalog: Catalog,
}

impl Snapshot {
    /// The snapshot compiled into the binary.
    pub fn embedded() -> Result<Snapshot, SnapshotError> {
        Snapshot::from_parts(EMBEDDED_MANIFEST, EMBEDDED_PRICES)
    }

    /// Verifies `prices` against `manifest` and loads it.
    pub fn from_parts(manifest: &str, prices: &[u8]) -> Result<Snapshot, SnapshotError> {
        let manifest: Manifest = serde_json::from_str(manifest)
            .map_err(|error| SnapshotError::Manifest(error.to_string()))?;
        let actual = sha256_hex(prices);
        if actual != manifest.sha256 {
            return Err(SnapshotError::Checksum {
                expected: manifest.sha256.clone(),
                actual,
            });
        }
        let rows = store::parse_rows(prices)?;
        if rows.len() != manifest.row_count {
            return Err(SnapshotError::RowCount {
                expected: manifest.row_count,
                actual: rows.len(),
            });
        }
        Ok(Snapshot {
            manifest,
            catalog: Catalog::new(rows),
        })
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The rows in one recorded document: an API page (`{"Items": [...]}`, with or without an
/// extra `Url`), a bare array of rows, or recorded exchanges (`{"exchanges": [{"body": …}]}`).
/// Rows missing any GA field are rejected: a partial row cannot be looked up reliably.
pub fn rows_from_document(
    file: &str,
    document: &serde_json::Value,
) -> Result<Vec<PriceRow>, SnapshotError> {
    let invalid = |reason: String| SnapshotError::Input {
        file: file.to_string(),
        reason,
    };
    let mut items: Vec<&serde_json::Value> = Vec::new();
    if let Some(array) = document.as_array() {
        items.extend(array);
    } else if let Some(array) = document.get("Items").and_then(|items| items.as_array()) {
        items.extend(array);
    } else if let Some(exchanges) = document.get("exchanges").and_then(|value| value.as_array()) {
        for exchange in exchanges {
            if let Some(array) = exchange
                .pointer("/body/Items")
                .and_then(|value| value.as_array())
            {
                items.extend(array);
            }
        }
    } else {
        return Err(invalid(
            "not a Retail Prices API page, an array of rows, or recorded exchanges".to_string(),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            serde_json::from_value::<PriceRow>(item.clone())
                .map_err(|error| invalid(format!("item {}: {error}", index + 1)))
        })
        .collect()
}

/// Sorts and de-duplicates rows and renders them as JSON Lines with a manifest.
pub fn build(mut rows: Vec<PriceRow>, mut manifest: Manifest) -> (String, Manifest) {
    rows.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let mut seen = BTreeSet::new();
    rows.retain(|row| seen.insert((row.key(), row.effective_start_date.clone())));
    let mut text = String::new();
    for row in &rows {
        // A PriceRow always serialises: it holds only strings, finite numbers and booleans.
        if let Ok(line) = serde_json::to_string(row) {
            text.push_str(&line);
            text.push('\n');
        }
    }
    manifest.row_count = rows.len();
    manifest.sha256 = sha256_hex(text.as_bytes());
    (text, manifest)
}

fn sort_key(
    row: &PriceRow,
) -> (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
) {
    (
        row.service_name.clone(),
        row.arm_region_name.clone(),
        row.product_name.clone(),
        row.sku_name.clone(),
        row.meter_name.clone(),
        row.price_type.clone(),
        format!("{:020.6}", row.tier_minimum_units),
        row.effective_start_date.clone(),
    )
}
