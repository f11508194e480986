//! Azure Cache for Redis (Basic, Standard, Premium), priced per node.
//!
//! # What it prices
//! Every node of the cache, every hour (billing-rules §5.2). Node counting follows infracost:
//! Basic has 1 node, Standard 2 (primary and replica), Premium `shards × (1 +
//! replicas_per_primary)`, i.e. 2 per shard by default.
//!
//! # Meters
//! serviceName `Redis Cache`; productName `Azure Redis Cache Basic` / `… Standard` / `…
//! Premium`; meter `<sku> Cache` for Basic, `<sku> Cache Instance` for Standard and Premium
//! (`1 Hour`). Node-hours are committable (`pricing: reservation-1y` …): Premium has
//! Reservation rows on the `Cache Instance` meter; Basic and Standard have none in the snapshot.
//!
//! Standard and Premium also have a `<sku> Cache` row priced per cache (primary + replica).
//! azcost uses the per-node `Cache Instance` row throughout, because Premium clustering and
//! extra replicas are counted in nodes, reservations are sold per `Cache Instance`, and the
//! instance rows are the newer ones (2019 against 2014/2016). For a default cache, 2 × the
//! instance price equals the per-cache row exactly for C0, C1, C3, C5, C6, P2 and P4; the
//! others differ by a tenth of a cent an hour (rounding, within 0.5 %), and `P5 Cache` (2018)
//! is not 2 × `P5 Cache Instance` at all (tested). The per-node rows win.
//!
//! # Scenario fields
//! `tier` (`basic`, `standard`, `premium`), `sku` (C0–C6 for basic/standard, P1–P5 for
//! premium), `shards` (premium clustering, 1–30, default 1), `replicas_per_primary` (premium,
//! 1–3, default 1), `count` (caches, 1–100, default 1).
//!
//! # Assumptions
//! - Caches run all month. Data persistence storage, geo-replication transfer and zone
//!   placement are not priced here.
//! - A Premium cache with `shards: 1` is a non-clustered cache.
//!
//! # Example
//! ```yaml
//! cache:
//!   kind: redis_cache
//!   tier: premium
//!   sku: P1
//!   shards: 2
//! ```

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, check_sku, decimal, Category, Context, FieldIssue, MeterUse, Service};
use crate::catalog::Dimension;

pub const C_SIZES: &[&str] = &["C0", "C1", "C2", "C3", "C4", "C5", "C6"];
pub const P_SIZES: &[&str] = &["P1", "P2", "P3", "P4", "P5"];

/// Service tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RedisTier {
    Basic,
    Standard,
    Premium,
}

impl RedisTier {
    fn product(self) -> &'static str {
        match self {
            RedisTier::Basic => "Azure Redis Cache Basic",
            RedisTier::Standard => "Azure Redis Cache Standard",
            RedisTier::Premium => "Azure Redis Cache Premium",
        }
    }

    pub fn sizes(self) -> &'static [&'static str] {
        match self {
            RedisTier::Premium => P_SIZES,
            _ => C_SIZES,
        }
    }
}

/// An Azure Cache for Redis cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedisCache {
    /// `basic`, `standard` or `premium`.
    pub tier: RedisTier,
    /// Size: C0–C6 (basic, standard) or P1–P5 (premium).
    pub sku: String,
    /// Premium clustering: shards (1–30, default 1).
    #[serde(default)]
    pub shards: Option<f64>,
    /// Premium: replicas per primary (1–3, default 1).
    #[serde(default)]
    pub replicas_per_primary: Option<f64>,
    /// Number of identical caches (1–100, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
}

impl RedisCache {
    /// Nodes per cache: Basic 1, Standard 2, Premium shards × (1 + replicas per primary).
    pub fn nodes(&self) -> Decimal {
        match self.tier {
            RedisTier::Basic => Decimal::ONE,
            RedisTier::Standard => Decimal::TWO,
            RedisTier::Premium => {
                let shards = decimal(self.shards.unwrap_or(1.0));
                shards * (Decimal::ONE + decimal(self.replicas_per_primary.unwrap_or(1.0)))
            }
        }
    }

    fn meter_name(&self) -> String {
        match self.tier {
            RedisTier::Basic => format!("{} Cache", self.sku),
            _ => format!("{} Cache Instance", self.sku),
        }
    }
}

impl Service for RedisCache {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_sku(&mut issues, "sku", &self.sku, self.tier.sizes());
        for (field, value, max) in [
            ("shards", self.shards, 30.0),
            ("replicas_per_primary", self.replicas_per_primary, 3.0),
        ] {
            if value.is_some() && self.tier != RedisTier::Premium {
                issues.push(FieldIssue::new(
                    field,
                    format!("{field} applies to the premium tier only"),
                ));
            }
            check_range(&mut issues, field, value, 1.0, max);
        }
        check_range(&mut issues, "count", Some(self.count), 1.0, 100.0);
        let counts = [
            ("shards", self.shards),
            ("replicas_per_primary", self.replicas_per_primary),
            ("count", Some(self.count)),
        ];
        for (field, value) in counts {
            if value.is_some_and(|value| value.fract() != 0.0) {
                issues.push(FieldIssue::new(
                    field,
                    format!("{field} must be a whole number"),
                ));
            }
        }
        issues
    }

    fn sku_label(&self) -> String {
        let tier = match self.tier {
            RedisTier::Basic => "Basic",
            RedisTier::Standard => "Standard",
            RedisTier::Premium => "Premium",
        };
        format!("{tier} {}", self.sku)
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let nodes = self.nodes() * decimal(self.count);
        let query = context
            .query("Redis Cache")
            .product(self.tier.product())
            .meter(&self.meter_name());
        let meter = MeterUse::new(
            format!(
                "{} node-hours ({nodes} nodes × {} h)",
                self.sku,
                context.month.hours()
            ),
            query,
            nodes * context.hours(),
            Dimension::Hours,
        )
        .category(Category::Data)
        .committable();
        let note = match self.tier {
            RedisTier::Basic => "1 node, no replica",
            RedisTier::Standard => "per node: primary + replica",
            RedisTier::Premium => "per node: shards × (1 + replicas per primary)",
        };
        vec![meter.note(note)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::catalog::PriceQuery;
    use crate::services::MeterSource;

    fn context() -> Context {
        crate::services::test_context()
    }

    fn cache(yaml: &str) -> RedisCache {
        serde_norway::from_str(yaml).unwrap()
    }

    fn query_of(meter: &MeterUse) -> PriceQuery {
        let MeterSource::Catalog(query) = &meter.source else {
            panic!("catalog meter expected")
        };
        query.clone()
    }

    #[test]
    fn node_counts() {
        assert_eq!(
            cache("tier: basic\nsku: C1").meters(&context())[0].quantity,
            Decimal::from(730)
        );
        assert_eq!(
            cache("tier: standard\nsku: C1\ncount: 2").meters(&context())[0].quantity,
            Decimal::from(2_920)
        );
        let clustered = cache("tier: premium\nsku: P1\nshards: 3\nreplicas_per_primary: 2");
        assert_eq!(clustered.nodes(), Decimal::from(9));
        assert_eq!(
            clustered.meters(&context())[0].quantity,
            Decimal::from(6_570)
        );
    }

    #[test]
    fn validation() {
        let issues = cache("tier: standard\nsku: P1\nshards: 2").validate();
        assert_eq!(issues.len(), 2);
        assert!(issues[1].message.contains("premium tier only"));
        assert_eq!(
            cache("tier: premium\nsku: p1").validate()[0]
                .suggestion
                .as_deref(),
            Some("P1")
        );
        assert!(!cache("tier: premium\nsku: P1\nshards: 31")
            .validate()
            .is_empty());
    }

    /// 2 × the per-node price over a month, and the per-cache row's price, for a default cache.
    fn monthly_node_and_cache_prices(
        snapshot: &Snapshot,
        tier: RedisTier,
        sku: &str,
    ) -> (Decimal, Decimal) {
        let spec = RedisCache {
            tier,
            sku: sku.into(),
            shards: None,
            replicas_per_primary: None,
            count: 1.0,
        };
        let meter = &spec.meters(&context())[0];
        let per_node = snapshot
            .catalog
            .lookup(&query_of(meter), "2026-11-01")
            .unwrap();
        let per_cache = context()
            .query("Redis Cache")
            .product(tier.product())
            .meter(&format!("{sku} Cache"));
        let per_cache = snapshot.catalog.lookup(&per_cache, "2026-11-01").unwrap();
        (
            per_node.cost(meter.quantity),
            per_cache.cost(context().hours()),
        )
    }

    #[test]
    fn per_node_pricing_matches_the_per_cache_rows() {
        let snapshot = Snapshot::embedded().unwrap();
        for (tier, sku) in [(RedisTier::Standard, "C1"), (RedisTier::Premium, "P2")] {
            let (nodes, cache) = monthly_node_and_cache_prices(&snapshot, tier, sku);
            assert_eq!(nodes, cache, "{sku}");
        }
        // Elsewhere the per-cache rows differ by rounding, except the stale `P5 Cache` row.
        for (tier, sku) in C_SIZES
            .iter()
            .map(|sku| (RedisTier::Standard, *sku))
            .chain(P_SIZES.iter().map(|sku| (RedisTier::Premium, *sku)))
        {
            let (nodes, cache) = monthly_node_and_cache_prices(&snapshot, tier, sku);
            let close = (nodes - cache).abs() <= cache / Decimal::from(200);
            assert_eq!(
                close,
                sku != "P5",
                "{sku}: {nodes} per node vs {cache} per cache"
            );
        }
    }

    #[test]
    fn every_size_resolves_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for tier in [RedisTier::Basic, RedisTier::Standard, RedisTier::Premium] {
            for sku in tier.sizes() {
                let spec = RedisCache {
                    tier,
                    sku: sku.to_string(),
                    shards: None,
                    replicas_per_primary: None,
                    count: 1.0,
                };
                let query = query_of(&spec.meters(&context())[0]);
                if let Err(error) = snapshot.catalog.lookup(&query, "2026-11-01") {
                    panic!("{tier:?} {sku}: {error}");
                }
            }
        }
    }
}
