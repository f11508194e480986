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
//! Capacity model (used only when the environment has `traffic`): `traffic_share` (0–1,
//! default 1: the fraction of the environment's requests that reach this account) and
//! `operations` per request {`point_reads`, `creates`, `updates`, `deletes`, `queries` (each
//! 0–1000, default 0), `item_size_kb` (default 1), `query_request_units` (default 10),
//! `consistency` (`session` default, `strong`, `bounded_staleness`, `consistent_prefix`,
//! `eventual`), `indexing` (`automatic` default, `off`)}.
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
//! - Simulation needs `operations`. RU per request and the billing of each mode follow
//!   [`crate::capacity::cosmos`]: manual bills its RU/s every hour (hours whose busiest minute
//!   needs more are reported throttled), autoscale each hour's busiest minute, at least 10% of
//!   the maximum and at most the maximum (above it: throttled), both × regions; serverless the
//!   RUs consumed (minutes over the 5,000 RU/s ceiling reported). The simulated quantities
//!   replace `throughput`/`average_*`/`request_units_per_month`; storage, backup, zone factor
//!   and multi-region writes price as without simulation. The free tier's 1000 RU/s comes off
//!   the month's billed RU/s-hours as 1000 × hours (exact when every hour bills ≥ 1000 RU/s).
//! - Alternatives: manual at the smallest 100-step RU/s covering the peak, autoscale at the
//!   smallest 1000-step maximum covering it (both at least the minimums for `storage_gb`), and
//!   serverless for single-region accounts; each is this account's full meter list under that
//!   mode. Their price queries carry an empty region: `simulate` has no context, so the
//!   planner sets the environment's region.
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

use super::{
    check_range, check_whole, decimal, Basis, Category, Context, Demand, FieldIssue, MeterUse,
    ResourceSimulation, Service, Simulated, Usage,
};
use crate::catalog::Dimension;

mod operations;
mod simulation;

pub use operations::{Consistency, Indexing, Operations, DEFAULT_QUERY_REQUEST_UNITS};

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
    #[serde(default = "crate::services::usage::one")]
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
    /// Fraction of the environment's requests that reach this account (0–1, default 1);
    /// simulation only.
    #[serde(default = "crate::services::usage::one")]
    pub traffic_share: f64,
    /// Database operations per application request; without it the account is not simulated.
    #[serde(default)]
    pub operations: Option<Operations>,
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
        let simulated = match context.simulated {
            Some(Simulated::Throughput {
                billed_request_unit_hours,
            }) => Some(decimal(billed_request_unit_hours)),
            _ => None,
        };
        let hundred_hours = match simulated {
            Some(billed) => (billed - free * context.hours()).max(Decimal::ZERO),
            None => {
                (decimal(usage.value) * decimal(self.regions) - free).max(Decimal::ZERO)
                    * context.hours()
            }
        } / Decimal::from(100)
            * self.zone_factor();
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
        let label = match simulated {
            Some(_) => format!(
                "simulated RU/s × {} region(s), 100 RU/s-hours",
                self.regions
            ),
            None => format!(
                "{} RU/s × {} region(s), 100 RU/s-hours",
                usage.value, self.regions
            ),
        };
        let mut meter =
            MeterUse::new(label, query, hundred_hours, Dimension::Hours).category(Category::Data);
        if simulated.is_some() {
            meter = meter.basis(Basis::Usage).note(match self.mode {
                ThroughputMode::Autoscale => "simulated: each hour's peak, 0.1–1 × the maximum",
                _ => "simulated: provisioned every hour",
            });
        } else if self.mode == ThroughputMode::Autoscale {
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
        let units = match context.simulated {
            Some(Simulated::RequestUnits { request_units }) => Usage {
                value: request_units,
                assumed: false,
            },
            _ => Usage::or(
                self.request_units_per_month,
                DEFAULT_SERVERLESS_REQUEST_UNITS,
            ),
        };
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
        check_whole(&mut issues, "regions", self.regions);
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
        check_range(
            &mut issues,
            "traffic_share",
            Some(self.traffic_share),
            0.0,
            1.0,
        );
        if let Some(operations) = &self.operations {
            operations.validate(&mut issues);
        }
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

    fn simulate(&self, demand: &Demand) -> Result<Option<ResourceSimulation>, String> {
        simulation::simulate(self, demand)
    }
}

#[cfg(test)]
mod tests;
