//! Azure Cosmos DB (NoSQL and the other RU-based APIs): one account's throughput, storage and
//! backup.
//!
//! # What it prices
//! Provisioned, autoscale or serverless throughput, transactional storage and continuous
//! backup storage, following billing-rules §1: throughput is billed per hour in 100 RU/s units
//! in *every* region of the account (§1.2, §1.4); storage per GB per region (§1.6); continuous
//! 30-day backup per GB per region (§1.7).
//!
//! # Meters
//! serviceName `Azure Cosmos DB`:
//! - provisioned: productName `Azure Cosmos DB`, skuName `RUs` meter `100 RU/s`, or with
//!   multi-region writes skuName `mRUs` meter `100 Multi-master RU/s` (`1/Hour`);
//! - autoscale, single write region: productName `Azure Cosmos DB autoscale`, skuName `AP1`,
//!   meter `AP1 100 RUs` (`1/Hour`; the 1.5× autoscale rate is in the price). AP2–AP4 carry
//!   the same per-100 RU/s price; their `Entry Price` rows equal 0.1 × 20K/50K/100K RU/s at the
//!   standard rate, i.e. the legacy autopilot tiers, which custom-maximum autoscale does not
//!   use. Autoscale with multi-region writes bills the `100 Multi-master RU/s` meter at the same
//!   quantity as manual throughput (autoscale FAQ, "How does autoscale show up on my bill?");
//! - serverless: productName `Azure Cosmos DB serverless`, skuName `RUs`, meter `1M RUs`;
//! - storage: productName `Azure Cosmos DB`, skuName `RUs`/`mRUs`, meter `Data Stored`;
//! - backup: productName `Azure Cosmos DB - PITR`, meters `Cont 30D Bckp Continuous Backup`
//!   (skuName `Backup`) and `Cont 7D Bkup Continuous Backup` (skuName `Cont 7D Bkup`, $0).
//!
//! # Scenario fields
//! `mode` (`provisioned` default, `autoscale`, `serverless`), `throughput` (RU/s: provisioned
//! ≥ 400 in steps of 100; autoscale maximum ≥ 1000 in steps of 1000; up to 1,000,000),
//! `average_utilisation` (autoscale: average hourly peak as a fraction of the maximum,
//! 0.1–1, default 1, assumed) or `average_ru_per_second` (the same as RU/s), `request_units_per_month`
//! (serverless, default 10,000,000, assumed), `regions` (1–10, default 1),
//! `multi_region_writes` (default false), `zone_redundant` (default false),
//! `zone_redundancy_factor` (default 1.25), `storage_gb` (per region, default 10, assumed),
//! `backup` (`periodic` default, `continuous_7_day`, `continuous_30_day`), `free_tier`.
//!
//! # Assumptions
//! - Throughput is the account's total (all databases and containers with their own RU/s).
//! - Zone redundancy multiplies single-write-region throughput (and serverless RUs) by
//!   `zone_redundancy_factor`, 1.25 per the pricing page as infracost applies it (§1.2; not
//!   confirmed in a Learn article, hence a setting). Multi-region-write accounts pay nothing
//!   extra for zones. The factor is applied to every region of the account.
//! - Autoscale bills each hour's highest RU/s, between 0.1 × and 1 × the maximum. The default
//!   utilisation of 1 is an upper bound; the real bill is lower when traffic is spiky.
//! - Free tier takes 1000 RU/s (before the autoscale rate and the zone factor) and 25 GB off
//!   the account's total across regions (§1.8, understand-your-bill); not for serverless.
//! - Storage is billed at least 1 GB per region when non-empty. Periodic backup with its two
//!   free copies costs nothing; extra periodic copies are not modelled.
//! - PITR meters are sold per `1 GB`; azcost reads that as per GB stored in the month (§1.7).
//!   Restores (billed per restore) are not modelled.
//!
//! # Example
//! ```yaml
//! documents:
//!   kind: cosmos_db
//!   mode: autoscale
//!   throughput: 4000
//!   average_utilisation: 0.3
//!   regions: 2
//!   storage_gb: 50
//!   backup: continuous_7_day
//! ```

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::Dimension;

pub const DEFAULT_AUTOSCALE_UTILISATION: f64 = 1.0;
pub const DEFAULT_SERVERLESS_REQUEST_UNITS: f64 = 10_000_000.0;
pub const DEFAULT_STORAGE_GB: f64 = 10.0;
pub const DEFAULT_ZONE_REDUNDANCY_FACTOR: f64 = 1.25;
const FREE_TIER_RU_PER_SECOND: i64 = 1_000;
const FREE_TIER_STORAGE_GB: i64 = 25;
const MAX_RU_PER_SECOND: f64 = 1_000_000.0;

/// How throughput is bought.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThroughputMode {
    #[default]
    Provisioned,
    Autoscale,
    Serverless,
}

/// Backup policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Backup {
    #[default]
    Periodic,
    #[serde(rename = "continuous_7_day")]
    Continuous7Day,
    #[serde(rename = "continuous_30_day")]
    Continuous30Day,
}

/// A Cosmos DB account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CosmosDb {
    /// `provisioned` (default), `autoscale` or `serverless`.
    #[serde(default)]
    pub mode: ThroughputMode,
    /// RU/s: provisioned throughput, or the autoscale maximum. Not for serverless.
    #[serde(default)]
    pub throughput: Option<f64>,
    /// Autoscale: average of each hour's peak as a fraction of the maximum (0.1–1, default 1).
    #[serde(default)]
    pub average_utilisation: Option<f64>,
    /// Autoscale: average of each hour's peak RU/s (instead of `average_utilisation`).
    #[serde(default)]
    pub average_ru_per_second: Option<f64>,
    /// Serverless: request units consumed a month (default 10,000,000, assumed).
    #[serde(default)]
    pub request_units_per_month: Option<f64>,
    /// Regions of the account (1–10, default 1); throughput and storage are billed in each.
    #[serde(default = "one")]
    pub regions: f64,
    /// Every region accepts writes (multi-master meter).
    #[serde(default)]
    pub multi_region_writes: bool,
    /// Availability zones in the account's regions.
    #[serde(default)]
    pub zone_redundant: bool,
    /// Throughput multiplier for zone redundancy in single-write accounts (default 1.25).
    #[serde(default = "zone_factor")]
    pub zone_redundancy_factor: f64,
    /// Data and index stored per region in GB (default 10, assumed).
    #[serde(default)]
    pub storage_gb: Option<f64>,
    /// `periodic` (default), `continuous_7_day` or `continuous_30_day`.
    #[serde(default)]
    pub backup: Backup,
    /// The subscription's free-tier account: 1000 RU/s and 25 GB free.
    #[serde(default)]
    pub free_tier: bool,
}

fn one() -> f64 {
    1.0
}

fn zone_factor() -> f64 {
    DEFAULT_ZONE_REDUNDANCY_FACTOR
}

impl CosmosDb {
    /// The RU/s billed in an average hour, per region (autoscale: the hourly peak).
    pub fn billed_ru_per_second(&self) -> Usage<f64> {
        let maximum = self.throughput.unwrap_or(0.0);
        match (self.mode, self.average_ru_per_second) {
            (ThroughputMode::Provisioned, _) => Usage {
                value: maximum,
                assumed: false,
            },
            (ThroughputMode::Autoscale, Some(peak)) => Usage {
                value: peak.clamp(maximum * 0.1, maximum),
                assumed: false,
            },
            (ThroughputMode::Autoscale, None) => {
                let usage = Usage::or(self.average_utilisation, DEFAULT_AUTOSCALE_UTILISATION);
                Usage {
                    value: maximum * usage.value.clamp(0.1, 1.0),
                    assumed: usage.assumed,
                }
            }
            (ThroughputMode::Serverless, _) => Usage {
                value: 0.0,
                assumed: false,
            },
        }
    }

    fn zone_factor(&self) -> Decimal {
        if self.zone_redundant && !self.multi_region_writes {
            decimal(self.zone_redundancy_factor)
        } else {
            Decimal::ONE
        }
    }

    fn write_sku(&self) -> &'static str {
        if self.multi_region_writes {
            "mRUs"
        } else {
            "RUs"
        }
    }

    fn throughput_meter(&self, context: &Context) -> MeterUse {
        let usage = self.billed_ru_per_second();
        let free = if self.free_tier {
            Decimal::from(FREE_TIER_RU_PER_SECOND)
        } else {
            Decimal::ZERO
        };
        let account_ru = (decimal(usage.value) * decimal(self.regions) - free).max(Decimal::ZERO);
        let hundreds = account_ru / Decimal::from(100) * self.zone_factor();
        let query = match (self.mode, self.multi_region_writes) {
            (_, true) => context
                .query("Azure Cosmos DB")
                .product("Azure Cosmos DB")
                .sku("mRUs")
                .meter("100 Multi-master RU/s"),
            (ThroughputMode::Autoscale, false) => context
                .query("Azure Cosmos DB")
                .product("Azure Cosmos DB autoscale")
                .sku("AP1")
                .meter("AP1 100 RUs"),
            _ => context
                .query("Azure Cosmos DB")
                .product("Azure Cosmos DB")
                .sku("RUs")
                .meter("100 RU/s"),
        };
        let label = format!(
            "{} RU/s × {} region(s), 100 RU/s-hours",
            usage.value, self.regions
        );
        let mut meter = MeterUse::new(label, query, hundreds * context.hours(), Dimension::Hours)
            .category(Category::Data);
        if self.mode == ThroughputMode::Autoscale {
            meter = meter
                .usage(&usage)
                .note("autoscale: each hour's peak, 0.1–1 × the maximum");
        }
        if self.zone_factor() != Decimal::ONE {
            meter = meter.note(format!("zone redundancy × {}", self.zone_redundancy_factor));
        }
        if self.free_tier {
            meter = meter.note("free tier: 1000 RU/s off the account total");
        }
        meter
    }

    fn serverless_meter(&self, context: &Context) -> MeterUse {
        let units = Usage::or(
            self.request_units_per_month,
            DEFAULT_SERVERLESS_REQUEST_UNITS,
        );
        let query = context
            .query("Azure Cosmos DB")
            .product("Azure Cosmos DB serverless")
            .sku("RUs")
            .meter("1M RUs");
        let mut meter = MeterUse::new(
            "request units consumed",
            query,
            decimal(units.value) * self.zone_factor(),
            Dimension::Count,
        )
        .usage(&units)
        .category(Category::Data);
        if self.zone_factor() != Decimal::ONE {
            meter = meter.note(format!("zone redundancy × {}", self.zone_redundancy_factor));
        }
        meter
    }

    /// Billed storage: at least 1 GB per region when non-empty, less the free tier's 25 GB.
    fn stored_gb(&self, storage: f64) -> Decimal {
        let per_region = if storage > 0.0 {
            decimal(storage.max(1.0))
        } else {
            Decimal::ZERO
        };
        let free = if self.free_tier {
            Decimal::from(FREE_TIER_STORAGE_GB)
        } else {
            Decimal::ZERO
        };
        (per_region * decimal(self.regions) - free).max(Decimal::ZERO)
    }
}

impl Service for CosmosDb {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        let serverless = self.mode == ThroughputMode::Serverless;
        let (minimum, step) = match self.mode {
            ThroughputMode::Autoscale => (1_000.0, 1_000.0),
            _ => (400.0, 100.0),
        };
        match (serverless, self.throughput) {
            (false, None) => issues.push(FieldIssue::new(
                "throughput",
                "throughput (RU/s) is required unless mode is serverless",
            )),
            (false, Some(throughput)) => {
                check_range(
                    &mut issues,
                    "throughput",
                    Some(throughput),
                    minimum,
                    MAX_RU_PER_SECOND,
                );
                if (throughput / step).fract() != 0.0 {
                    issues.push(FieldIssue::new(
                        "throughput",
                        format!("throughput must be a multiple of {step} RU/s (got {throughput})"),
                    ));
                }
            }
            (true, Some(_)) => issues.push(FieldIssue::new(
                "throughput",
                "serverless accounts have no provisioned throughput",
            )),
            (true, None) => {}
        }
        let autoscale_only = [
            ("average_utilisation", self.average_utilisation),
            ("average_ru_per_second", self.average_ru_per_second),
        ];
        for (field, value) in autoscale_only {
            if value.is_some() && self.mode != ThroughputMode::Autoscale {
                issues.push(FieldIssue::new(
                    field,
                    format!("{field} applies to autoscale only"),
                ));
            }
        }
        if self.average_utilisation.is_some() && self.average_ru_per_second.is_some() {
            issues.push(FieldIssue::new(
                "average_ru_per_second",
                "give average_utilisation or average_ru_per_second, not both",
            ));
        }
        check_range(
            &mut issues,
            "average_utilisation",
            self.average_utilisation,
            0.1,
            1.0,
        );
        check_range(
            &mut issues,
            "average_ru_per_second",
            self.average_ru_per_second,
            0.0,
            MAX_RU_PER_SECOND,
        );
        if self.request_units_per_month.is_some() && !serverless {
            issues.push(FieldIssue::new(
                "request_units_per_month",
                "request_units_per_month applies to serverless only",
            ));
        }
        check_range(
            &mut issues,
            "request_units_per_month",
            self.request_units_per_month,
            0.0,
            1e15,
        );
        check_range(&mut issues, "regions", Some(self.regions), 1.0, 10.0);
        if self.regions.fract() != 0.0 {
            issues.push(FieldIssue::new(
                "regions",
                format!("regions must be a whole number (got {})", self.regions),
            ));
        }
        if serverless && (self.regions > 1.0 || self.multi_region_writes) {
            issues.push(FieldIssue::new(
                "regions",
                "serverless accounts have a single region",
            ));
        }
        if serverless && self.free_tier {
            issues.push(FieldIssue::new(
                "free_tier",
                "free tier is not available for serverless accounts",
            ));
        }
        check_range(
            &mut issues,
            "zone_redundancy_factor",
            Some(self.zone_redundancy_factor),
            1.0,
            2.0,
        );
        check_range(&mut issues, "storage_gb", self.storage_gb, 0.0, 1e7);
        issues
    }

    fn sku_label(&self) -> String {
        match self.mode {
            ThroughputMode::Provisioned => format!("{} RU/s", self.throughput.unwrap_or(0.0)),
            ThroughputMode::Autoscale => {
                format!("autoscale ≤ {} RU/s", self.throughput.unwrap_or(0.0))
            }
            ThroughputMode::Serverless => "serverless".to_string(),
        }
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let mut meters = vec![match self.mode {
            ThroughputMode::Serverless => self.serverless_meter(context),
            _ => self.throughput_meter(context),
        }];
        let storage = Usage::or(self.storage_gb, DEFAULT_STORAGE_GB);
        let stored = self.stored_gb(storage.value);
        let storage_query = context
            .query("Azure Cosmos DB")
            .product("Azure Cosmos DB")
            .sku(self.write_sku())
            .meter("Data Stored");
        let mut storage_line = MeterUse::new(
            format!(
                "transactional storage ({} GB × {} region(s))",
                storage.value, self.regions
            ),
            storage_query,
            stored,
            Dimension::GigabyteMonths,
        )
        .usage(&storage)
        .category(Category::Data);
        if self.free_tier {
            storage_line = storage_line.note("free tier: 25 GB off the account total");
        }
        meters.push(storage_line);
        let backup = match self.backup {
            Backup::Periodic => None,
            Backup::Continuous7Day => {
                Some(("Cont 7D Bkup", "Cont 7D Bkup Continuous Backup", "7-day"))
            }
            Backup::Continuous30Day => {
                Some(("Backup", "Cont 30D Bckp Continuous Backup", "30-day"))
            }
        };
        if let Some((sku, meter, days)) = backup {
            let backed_up = decimal(storage.value) * decimal(self.regions);
            let query = context
                .query("Azure Cosmos DB")
                .product("Azure Cosmos DB - PITR")
                .sku(sku)
                .meter(meter);
            meters.push(
                MeterUse::new(
                    format!("continuous {days} backup storage"),
                    query,
                    backed_up,
                    Dimension::Gigabytes,
                )
                .usage(&storage)
                .category(Category::Data)
                .note("per GB stored in each region, per month"),
            );
        }
        meters
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::money::MonthLength;
    use crate::services::MeterSource;

    fn context() -> Context {
        Context {
            region: "westus".into(),
            month: MonthLength::average(),
            environment: "test".into(),
            simulated: None,
        }
    }

    fn account(yaml: &str) -> CosmosDb {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn provisioned_throughput_is_billed_in_every_region() {
        let meters = account("throughput: 1000\nregions: 2\nstorage_gb: 0.2").meters(&context());
        // 1000 RU/s = 10 units × 2 regions × 730 h.
        assert_eq!(meters[0].quantity, Decimal::from(14_600));
        // 0.2 GB rounds up to the 1 GB minimum, in each of 2 regions.
        assert_eq!(meters[1].quantity, Decimal::from(2));
    }

    #[test]
    fn zone_redundancy_and_free_tier() {
        let meters =
            account("throughput: 2000\nzone_redundant: true\nfree_tier: true\nstorage_gb: 30")
                .meters(&context());
        // (2000 − 1000) / 100 × 1.25 × 730 = 9,125.
        assert_eq!(meters[0].quantity, Decimal::from(9_125));
        assert_eq!(meters[1].quantity, Decimal::from(5));
        let multi = account(
            "throughput: 2000\nregions: 2\nmulti_region_writes: true\nzone_redundant: true",
        )
        .meters(&context());
        assert_eq!(meters[0].dimension, multi[0].dimension);
        assert_eq!(multi[0].quantity, Decimal::from(29_200)); // no zone factor with multi-region writes
    }

    #[test]
    fn autoscale_bills_between_a_tenth_and_the_maximum() {
        let low = account("mode: autoscale\nthroughput: 10000\naverage_ru_per_second: 200")
            .meters(&context());
        assert_eq!(low[0].quantity, Decimal::from(7_300)); // floor of 1000 RU/s
        let assumed = account("mode: autoscale\nthroughput: 10000").meters(&context());
        assert_eq!(assumed[0].quantity, Decimal::from(73_000));
        assert_eq!(assumed[0].basis, crate::services::Basis::Assumed);
    }

    #[test]
    fn serverless_and_backup_quantities() {
        let meters = account("mode: serverless\nrequest_units_per_month: 5000000\nstorage_gb: 40\nbackup: continuous_30_day").meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(5_000_000));
        assert_eq!(meters[2].quantity, Decimal::from(40));
    }

    #[test]
    fn validation() {
        let issues = account("throughput: 450\nregions: -1").validate();
        assert_eq!(issues.len(), 2);
        assert!(issues[0].message.contains("multiple of 100"));
        assert!(issues[1]
            .message
            .contains("regions must be between 1 and 10"));
        assert!(!account("mode: autoscale\nthroughput: 1500")
            .validate()
            .is_empty());
        assert!(!account("mode: serverless\nfree_tier: true")
            .validate()
            .is_empty());
        assert!(account("mode: serverless").validate().is_empty());
    }

    #[test]
    fn autoscale_meter_is_one_and_a_half_times_manual() {
        let snapshot = Snapshot::embedded().unwrap();
        let price = |yaml: &str| {
            let MeterSource::Catalog(query) = account(yaml).meters(&context())[0].source.clone()
            else {
                panic!()
            };
            snapshot.catalog.lookup(&query, "2026-11-01").unwrap().tiers[0].unit_price
        };
        let manual = price("throughput: 1000");
        assert_eq!(
            price("mode: autoscale\nthroughput: 1000"),
            manual * Decimal::new(15, 1)
        );
    }

    #[test]
    fn every_option_resolves_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        let options = [
            "throughput: 400",
            "throughput: 400\nregions: 2\nmulti_region_writes: true\nbackup: continuous_7_day",
            "mode: autoscale\nthroughput: 1000\nbackup: continuous_30_day",
            "mode: autoscale\nthroughput: 1000\nregions: 3\nmulti_region_writes: true",
            "mode: serverless",
        ];
        for yaml in options {
            for meter in account(yaml).meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter expected")
                };
                snapshot.catalog.lookup(query, "2026-11-01").unwrap();
            }
        }
    }
}
