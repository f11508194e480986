//! Azure Managed Redis (Balanced, Memory Optimized, Compute Optimized, Flash Optimized).
//!
//! # What it prices
//! The cache's instance-hours: one instance without high availability, two with it.
//!
//! # Meters
//! serviceName `Redis Cache`; productName `Azure Managed Redis - Balanced`, `… - Memory
//! Optimized`, `… - Compute Optimized`, `… - Flash Optimized`; skuName the size (`B10`);
//! meter `<size> Cache Instance` (`1 Hour`). Instance-hours are committable (`pricing:
//! reservation-1y` …) from the Reservation rows on the same meter.
//!
//! # Scenario fields
//! `sku` (B0–B1000, M10–M2000, X1–X700, A250–A4500), `high_availability` (default true),
//! `count` (caches, 1–100, default 1).
//!
//! # Assumptions
//! - The `Cache Instance` row prices one node. High availability places primary and replica
//!   shards on at least two nodes (Learn, "plan reliability and durability"), and the pricing
//!   page lists "one node (non-HA)" and "two node (HA)" prices, the latter twice the former
//!   (a third-party capture of the page: B0 at the row's price × 730 h is the non-HA monthly
//!   figure). So HA bills 2 instances, non-HA 1. Not confirmed in a Learn article.
//! - Caches run all month; active geo-replication and persistence storage are not priced.
//!
//! # Example
//! ```yaml
//! cache:
//!   kind: managed_redis
//!   sku: B10
//!   high_availability: true
//! ```

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_sku, check_whole, decimal, Category, Context, FieldIssue, MeterUse, Service,
};
use crate::catalog::Dimension;

pub const SKUS: &[&str] = &[
    "B0", "B1", "B3", "B5", "B10", "B20", "B50", "B100", "B150", "B250", "B350", "B500", "B700",
    "B1000", "M10", "M20", "M50", "M100", "M150", "M250", "M350", "M500", "M700", "M1000", "M1500",
    "M2000", "X1", "X3", "X5", "X10", "X20", "X50", "X100", "X150", "X250", "X350", "X500", "X700",
    "A250", "A500", "A700", "A1000", "A1500", "A2000", "A4500",
];

/// The productName of a size, from its letter.
fn product(sku: &str) -> Option<&'static str> {
    match sku.chars().next()? {
        'B' => Some("Azure Managed Redis - Balanced"),
        'M' => Some("Azure Managed Redis - Memory Optimized"),
        'X' => Some("Azure Managed Redis - Compute Optimized"),
        'A' => Some("Azure Managed Redis - Flash Optimized"),
        _ => None,
    }
}

/// An Azure Managed Redis cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagedRedis {
    /// Size, e.g. `B10`, `M20`, `X5`, `A250`.
    pub sku: String,
    /// Primary and replica on two nodes (default true): bills 2 instances instead of 1.
    #[serde(default = "yes")]
    pub high_availability: bool,
    /// Number of identical caches (1–100, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
}

fn yes() -> bool {
    true
}

impl ManagedRedis {
    pub fn instances(&self) -> Decimal {
        let per_cache = if self.high_availability {
            Decimal::TWO
        } else {
            Decimal::ONE
        };
        per_cache * decimal(self.count)
    }
}

impl Service for ManagedRedis {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_sku(&mut issues, "sku", &self.sku, SKUS);
        check_range(&mut issues, "count", Some(self.count), 1.0, 100.0);
        check_whole(&mut issues, "count", self.count);
        issues
    }

    fn sku_label(&self) -> String {
        if self.high_availability {
            format!("{} HA", self.sku)
        } else {
            format!("{} non-HA", self.sku)
        }
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let Some(product) = product(&self.sku) else {
            return Vec::new();
        };
        let query = context
            .query("Redis Cache")
            .product(product)
            .sku(&self.sku)
            .meter(&format!("{} Cache Instance", self.sku));
        let instances = self.instances();
        let meter = MeterUse::new(
            format!(
                "{} instance-hours ({instances} × {} h)",
                self.sku,
                context.month.hours()
            ),
            query,
            instances * context.hours(),
            Dimension::Hours,
        )
        .category(Category::Data)
        .committable();
        let note = if self.high_availability {
            "high availability: 2 instances per cache"
        } else {
            "no high availability: 1 instance, no SLA"
        };
        vec![meter.note(note)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::services::MeterSource;

    fn context() -> Context {
        crate::services::test_context()
    }

    fn cache(yaml: &str) -> ManagedRedis {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn high_availability_doubles_instances() {
        assert_eq!(
            cache("sku: B10").meters(&context())[0].quantity,
            Decimal::from(1_460)
        );
        let single = cache("sku: B10\nhigh_availability: false\ncount: 3");
        assert_eq!(single.meters(&context())[0].quantity, Decimal::from(2_190));
    }

    #[test]
    fn validation() {
        let issues = cache("sku: b10\ncount: 0").validate();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].suggestion.as_deref(), Some("B10"));
    }

    #[test]
    fn every_sku_resolves_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for sku in SKUS {
            let meters = cache(&format!("sku: {sku}")).meters(&context());
            let MeterSource::Catalog(query) = &meters[0].source else {
                panic!("catalog meter expected")
            };
            if let Err(error) = snapshot.catalog.lookup(query, "2026-11-01") {
                panic!("{sku}: {error}");
            }
        }
    }
}
