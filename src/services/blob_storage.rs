//! Blob Storage (general-purpose v2 block blobs, one access tier and redundancy).
//!
//! # What it prices
//! Capacity (GB-months, time-weighted), write and read operations per 10,000, and data
//! retrieval per GB for the cool, cold and archive tiers (billing-rules §5.9). Hot capacity
//! has volume tiers at 51,200 and 512,000 GB: the catalog walks them from the rows.
//!
//! # Meters
//! serviceName `Storage`, productName `General Block Blob v2`, skuName `<Tier> <RED>`
//! (`Hot LRS`, `Cool RA-GRS`…). Meter names differ per tier, as the API spells them:
//! - capacity `<Tier> <RED> Data Stored` (`1 GB/Month`);
//! - writes `<Tier> <LRS|ZRS|GRS> Write Operations` (RA-GRS shares the GRS meter), except
//!   cold, which has `Cold <RED> Write Operations` (`10K`);
//! - reads `<Tier> Read Operations` for hot, cool and archive, `Cold <RED> Read Operations`
//!   for cold, `<Tier> ZRS Read Operations` for ZRS (`10K`);
//! - retrieval `Cool Data Retrieval`, `Archive Data Retrieval`, `Cold <RED> Data Retrieval`,
//!   `Cool ZRS Data Retrieval` (`1 GB`).
//!
//! westus has no availability zones, so it has no ZRS rows: `zrs` prices only in zonal
//! regions (its meter names follow the GZRS rows' pattern and are unverified).
//!
//! # Scenario fields
//! `tier` (`hot` default, `cool`, `cold`, `archive`), `redundancy` (`lrs` default, `zrs`,
//! `grs`, `ra_grs`), `storage_gb` (average GB stored over the month, default
//! [`DEFAULT_STORAGE_GB`]), `write_operations` and `read_operations` per month (defaults
//! [`DEFAULT_WRITE_OPERATIONS`], [`DEFAULT_READ_OPERATIONS`]), `data_retrieval_gb` per month
//! (cool, cold and archive only; no line when omitted).
//!
//! # Assumptions
//! - Defaults when usage is omitted: 100 GB stored, 100,000 writes and 1,000,000 reads a
//!   month (a small application's assets), labelled *assumed*.
//! - "Write" covers put block/put blob/commit/copy/set tier; "read" covers get blob. List and
//!   create-container and "all other" operations, index tags, early deletion penalties,
//!   geo-replication data transfer and the cool GRS "Data Write" meter are not priced.
//! - GZRS/RA-GZRS are not offered: the snapshot has no capacity rows for them.
//! - Archive supports only LRS, GRS and RA-GRS; Hot has no retrieval charge.
//!
//! # Example
//! ```yaml
//! uploads:
//!   kind: blob_storage
//!   tier: hot
//!   redundancy: lrs
//!   storage_gb: 500
//!   write_operations: 200000
//!   read_operations: 5000000
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::{Dimension, PriceQuery};

/// GB stored when the scenario does not say.
pub const DEFAULT_STORAGE_GB: f64 = 100.0;
/// Write operations a month when the scenario does not say.
pub const DEFAULT_WRITE_OPERATIONS: f64 = 100_000.0;
/// Read operations a month when the scenario does not say.
pub const DEFAULT_READ_OPERATIONS: f64 = 1_000_000.0;

const PRODUCT: &str = "General Block Blob v2";

/// Access tier of the stored blobs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessTier {
    #[default]
    Hot,
    Cool,
    Cold,
    Archive,
}

impl AccessTier {
    fn name(self) -> &'static str {
        match self {
            AccessTier::Hot => "Hot",
            AccessTier::Cool => "Cool",
            AccessTier::Cold => "Cold",
            AccessTier::Archive => "Archive",
        }
    }
}

/// How many copies are kept and where.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Redundancy {
    #[default]
    Lrs,
    Zrs,
    Grs,
    RaGrs,
}

impl Redundancy {
    fn name(self) -> &'static str {
        match self {
            Redundancy::Lrs => "LRS",
            Redundancy::Zrs => "ZRS",
            Redundancy::Grs => "GRS",
            Redundancy::RaGrs => "RA-GRS",
        }
    }

    /// Write meters are shared between GRS and RA-GRS (except in the cold tier).
    fn write_name(self) -> &'static str {
        match self {
            Redundancy::RaGrs => "GRS",
            other => other.name(),
        }
    }
}

/// A storage account's block blobs in one access tier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlobStorage {
    /// Access tier: `hot` (default), `cool`, `cold` or `archive`.
    #[serde(default)]
    pub tier: AccessTier,
    /// Redundancy: `lrs` (default), `zrs`, `grs` or `ra_grs`.
    #[serde(default)]
    pub redundancy: Redundancy,
    /// Average GB stored over the month (GB-months); default 100.
    #[serde(default)]
    pub storage_gb: Option<f64>,
    /// Write operations a month (put blob/block, commit, copy, set tier); default 100,000.
    #[serde(default)]
    pub write_operations: Option<f64>,
    /// Read operations a month (get blob); default 1,000,000.
    #[serde(default)]
    pub read_operations: Option<f64>,
    /// GB read back a month from cool, cold or archive (no line when omitted).
    #[serde(default)]
    pub data_retrieval_gb: Option<f64>,
}

impl BlobStorage {
    fn sku(&self) -> String {
        format!("{} {}", self.tier.name(), self.redundancy.name())
    }

    fn query(&self, context: &Context, meter: &str) -> PriceQuery {
        context
            .query("Storage")
            .product(PRODUCT)
            .sku(&self.sku())
            .meter(meter)
    }

    fn write_meter(&self) -> String {
        let redundancy = match self.tier {
            AccessTier::Cold => self.redundancy.name(),
            _ => self.redundancy.write_name(),
        };
        format!("{} {redundancy} Write Operations", self.tier.name())
    }

    fn read_meter(&self) -> String {
        match (self.tier, self.redundancy) {
            (AccessTier::Cold, redundancy) => format!("Cold {} Read Operations", redundancy.name()),
            (tier, Redundancy::Zrs) => format!("{} ZRS Read Operations", tier.name()),
            (tier, _) => format!("{} Read Operations", tier.name()),
        }
    }

    fn retrieval_meter(&self) -> Option<String> {
        match (self.tier, self.redundancy) {
            (AccessTier::Hot, _) => None,
            (AccessTier::Cold, redundancy) => {
                Some(format!("Cold {} Data Retrieval", redundancy.name()))
            }
            (tier, Redundancy::Zrs) => Some(format!("{} ZRS Data Retrieval", tier.name())),
            (tier, _) => Some(format!("{} Data Retrieval", tier.name())),
        }
    }
}

impl Service for BlobStorage {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "storage_gb", self.storage_gb, 0.0, 1e9);
        check_range(
            &mut issues,
            "write_operations",
            self.write_operations,
            0.0,
            1e15,
        );
        check_range(
            &mut issues,
            "read_operations",
            self.read_operations,
            0.0,
            1e15,
        );
        check_range(
            &mut issues,
            "data_retrieval_gb",
            self.data_retrieval_gb,
            0.0,
            1e9,
        );
        if self.tier == AccessTier::Archive && self.redundancy == Redundancy::Zrs {
            issues.push(FieldIssue::new(
                "redundancy",
                "the archive tier supports lrs, grs and ra_grs, not zrs",
            ));
        }
        if self.tier == AccessTier::Hot && self.data_retrieval_gb.is_some() {
            issues.push(FieldIssue::new(
                "data_retrieval_gb",
                "the hot tier has no data retrieval charge; data_retrieval_gb applies to cool, cold and archive",
            ));
        }
        issues
    }

    fn sku_label(&self) -> String {
        self.sku()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let storage = Usage::or(self.storage_gb, DEFAULT_STORAGE_GB);
        let writes = Usage::or(self.write_operations, DEFAULT_WRITE_OPERATIONS);
        let reads = Usage::or(self.read_operations, DEFAULT_READ_OPERATIONS);
        let stored_meter = format!("{} Data Stored", self.sku());
        let mut meters = vec![
            MeterUse::new(
                format!("{} capacity ({} GB-months)", self.sku(), storage.value),
                self.query(context, &stored_meter),
                decimal(storage.value),
                Dimension::GigabyteMonths,
            )
            .usage(&storage)
            .category(Category::Data),
            MeterUse::new(
                format!("write operations ({})", writes.value),
                self.query(context, &self.write_meter()),
                decimal(writes.value),
                Dimension::Count,
            )
            .usage(&writes)
            .category(Category::Data),
            MeterUse::new(
                format!("read operations ({})", reads.value),
                self.query(context, &self.read_meter()),
                decimal(reads.value),
                Dimension::Count,
            )
            .usage(&reads)
            .category(Category::Data),
        ];
        if let (Some(gigabytes), Some(meter)) = (self.data_retrieval_gb, self.retrieval_meter()) {
            let retrieval = Usage::or(Some(gigabytes), 0.0);
            meters.push(
                MeterUse::new(
                    format!("data retrieval ({gigabytes} GB)"),
                    self.query(context, &meter),
                    decimal(gigabytes),
                    Dimension::Gigabytes,
                )
                .usage(&retrieval)
                .category(Category::Data),
            );
        }
        meters
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::catalog::LookupError;
    use crate::services::{Basis, MeterSource};
    use rust_decimal::Decimal;

    fn context() -> Context {
        crate::services::test_context()
    }

    fn blob(tier: AccessTier, redundancy: Redundancy) -> BlobStorage {
        BlobStorage {
            tier,
            redundancy,
            storage_gb: None,
            write_operations: None,
            read_operations: None,
            data_retrieval_gb: None,
        }
    }

    fn query(meter: &MeterUse) -> &PriceQuery {
        match &meter.source {
            MeterSource::Catalog(query) => query,
            MeterSource::Custom { .. } => panic!("blob storage meters come from the catalog"),
        }
    }

    #[test]
    fn quantities_follow_the_scenario_or_the_defaults() {
        let mut account = blob(AccessTier::Cool, Redundancy::Lrs);
        account.storage_gb = Some(2_048.0);
        account.data_retrieval_gb = Some(10.0);
        let meters = account.meters(&context());
        assert_eq!(meters.len(), 4);
        assert_eq!(meters[0].quantity, Decimal::from(2_048));
        assert_eq!(meters[0].basis, Basis::Usage);
        assert_eq!(meters[1].quantity, Decimal::from(100_000));
        assert_eq!(meters[1].basis, Basis::Assumed);
        assert_eq!(meters[2].dimension, Dimension::Count);
        assert_eq!(meters[3].quantity, Decimal::from(10));
        assert_eq!(
            query(&meters[3]).meter.as_deref(),
            Some("Cool Data Retrieval")
        );
    }

    #[test]
    fn validation_rejects_bad_numbers_and_combinations() {
        let mut account = blob(AccessTier::Archive, Redundancy::Zrs);
        account.storage_gb = Some(-1.0);
        let issues = account.validate();
        assert!(issues
            .iter()
            .any(|issue| issue.message == "storage_gb must be between 0 and 1000000000 (got -1)"));
        assert!(issues.iter().any(|issue| issue.path == "redundancy"));
        let mut hot = blob(AccessTier::Hot, Redundancy::Lrs);
        hot.data_retrieval_gb = Some(1.0);
        assert_eq!(hot.validate()[0].path, "data_retrieval_gb");
    }

    #[test]
    fn every_tier_and_redundancy_prices_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        let tiers = [
            AccessTier::Hot,
            AccessTier::Cool,
            AccessTier::Cold,
            AccessTier::Archive,
        ];
        for tier in tiers {
            for redundancy in [Redundancy::Lrs, Redundancy::Grs, Redundancy::RaGrs] {
                let mut account = blob(tier, redundancy);
                if tier != AccessTier::Hot {
                    account.data_retrieval_gb = Some(1.0);
                }
                for meter in account.meters(&context()) {
                    let price = snapshot.catalog.lookup(query(&meter), "2026-11-01");
                    assert!(
                        price.is_ok(),
                        "{tier:?} {redundancy:?} {}: {price:?}",
                        meter.label
                    );
                }
            }
        }
    }

    #[test]
    fn hot_capacity_walks_the_volume_tiers() {
        let snapshot = Snapshot::embedded().unwrap();
        let meters = blob(AccessTier::Hot, Redundancy::Lrs).meters(&context());
        let price = snapshot
            .catalog
            .lookup(query(&meters[0]), "2026-11-01")
            .unwrap();
        let starts: Vec<Decimal> = price.tiers.iter().map(|tier| tier.from_blocks).collect();
        assert_eq!(
            starts,
            vec![Decimal::ZERO, Decimal::from(51_200), Decimal::from(512_000)]
        );
    }

    #[test]
    fn zrs_is_not_priced_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        let meters = blob(AccessTier::Hot, Redundancy::Zrs).meters(&context());
        let result = snapshot.catalog.lookup(query(&meters[0]), "2026-11-01");
        assert!(
            matches!(result, Err(LookupError::NotFound { .. })),
            "{result:?}"
        );
    }
}
