//! Azure Front Door Standard and Premium profiles (not Front Door classic).
//!
//! # What it prices
//! The base fee of each profile for every hour it is deployed, requests, data transfer from
//! the edge to clients and from the edge to origins (billing-rules §5.5). Endpoints, custom
//! rules and origin→edge transfer are free; cached responses skip edge→origin transfer;
//! WAF-blocked requests are still billed.
//!
//! # Meters
//! serviceName `Azure Front Door Service`, productName `Azure Front Door` (the classic
//! product is `Azure Front Door Service`), skuName `Standard` or `Premium`, meters
//! `<Sku> Base Fees` (`1/Month`), `<Sku> Requests` (`10K`), `<Sku> Data Transfer Out`
//! (edge→client, `1 GB`, tiered) and `<Sku> Data Transfer In` (edge→origin, `1 GB`). Names
//! cross-checked in several public Retail Prices clients (azure-pricing query guides, cost
//! checkers); infracost only covers Front Door classic. These meters are not priced under an
//! Azure region: the API uses billing zones as armRegionName — `Zone 1` (North America,
//! Europe, Middle East, Africa), `Zone 2` (Asia Pacific incl. Japan), `Zone 3` (South
//! America), `Zone 4` (Australia), `Zone 5` (India), `US Gov Zone 1` — so the kind queries
//! `pricing_region` (default `Zone 1`). Today's snapshot has no Front Door rows: the lines
//! come out *unpriced* until a snapshot includes them.
//!
//! # Scenario fields
//! `sku` (`standard` default, `premium`), `count` (profiles, default 1), `requests` a month
//! (default [`DEFAULT_REQUESTS`]), `egress_gb` edge→client a month (default
//! [`DEFAULT_EGRESS_GB`]), `origin_transfer_gb` edge→origin a month (default
//! [`DEFAULT_ORIGIN_TRANSFER_GB`]), `pricing_region` (default `Zone 1`).
//!
//! # Assumptions
//! - Defaults when usage is omitted: 10M requests, 100 GB to clients and 50 GB to origins a
//!   month (a small site with about half its bytes served from cache). Labelled *assumed*.
//! - All traffic is in one billing zone: `pricing_region`. Split traffic across zones with
//!   one resource per zone (`count: 1` on the one carrying the base fee is not modelled).
//! - Premium's managed WAF rules and Private Link origins are included in its base fee;
//!   Standard's WAF policy and rule meters are not priced.
//!
//! # Example
//! ```yaml
//! edge:
//!   kind: front_door
//!   sku: standard
//!   requests: 50000000
//!   egress_gb: 800
//!   origin_transfer_gb: 200
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_not_empty, check_range, check_whole, decimal, Category, Context, FieldIssue, MeterUse,
    Service, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

/// Requests a month when the scenario does not say.
pub const DEFAULT_REQUESTS: f64 = 10_000_000.0;
/// GB from the edge to clients a month when the scenario does not say.
pub const DEFAULT_EGRESS_GB: f64 = 100.0;
/// GB from the edge to origins a month when the scenario does not say.
pub const DEFAULT_ORIGIN_TRANSFER_GB: f64 = 50.0;
/// The billing zone of North America and Europe.
pub const DEFAULT_PRICING_REGION: &str = "Zone 1";

/// Front Door tier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FrontDoorSku {
    #[default]
    Standard,
    Premium,
}

impl FrontDoorSku {
    fn catalog_sku(self) -> &'static str {
        match self {
            FrontDoorSku::Standard => "Standard",
            FrontDoorSku::Premium => "Premium",
        }
    }
}

/// Front Door profiles and their traffic.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontDoor {
    /// `standard` (default) or `premium`.
    #[serde(default)]
    pub sku: FrontDoorSku,
    /// Number of profiles (1–100, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
    /// Requests a month over all profiles; default 10,000,000.
    #[serde(default)]
    pub requests: Option<f64>,
    /// GB from the edge to clients a month; default 100.
    #[serde(default)]
    pub egress_gb: Option<f64>,
    /// GB from the edge to origins a month (cache misses, uploads); default 50.
    #[serde(default)]
    pub origin_transfer_gb: Option<f64>,
    /// Billing zone the API prices the meters under (default `Zone 1`).
    #[serde(default = "default_pricing_region")]
    pub pricing_region: String,
}

fn default_pricing_region() -> String {
    DEFAULT_PRICING_REGION.to_string()
}

impl FrontDoor {
    fn query(&self, meter: &str) -> PriceQuery {
        let sku = self.sku.catalog_sku();
        PriceQuery::new("Azure Front Door Service", &self.pricing_region)
            .product("Azure Front Door")
            .sku(sku)
            .meter(&format!("{sku} {meter}"))
    }
}

impl Service for FrontDoor {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "count", Some(self.count), 1.0, 100.0);
        check_range(&mut issues, "requests", self.requests, 0.0, 1e14);
        check_range(&mut issues, "egress_gb", self.egress_gb, 0.0, 1e9);
        check_range(
            &mut issues,
            "origin_transfer_gb",
            self.origin_transfer_gb,
            0.0,
            1e9,
        );
        check_whole(&mut issues, "count", self.count);
        check_not_empty(&mut issues, "pricing_region", &self.pricing_region);
        issues
    }

    fn sku_label(&self) -> String {
        self.sku.catalog_sku().to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let requests = Usage::or(self.requests, DEFAULT_REQUESTS);
        let egress = Usage::or(self.egress_gb, DEFAULT_EGRESS_GB);
        let origin = Usage::or(self.origin_transfer_gb, DEFAULT_ORIGIN_TRANSFER_GB);
        vec![
            MeterUse::new(
                format!(
                    "base fee ({} profile × {} h)",
                    self.count,
                    context.month.hours()
                ),
                self.query("Base Fees"),
                decimal(self.count) * context.hours(),
                Dimension::Hours,
            )
            .category(Category::Network)
            .priced_under(&self.pricing_region),
            MeterUse::new(
                format!("requests ({})", requests.value),
                self.query("Requests"),
                decimal(requests.value),
                Dimension::Count,
            )
            .usage(&requests)
            .category(Category::Network),
            MeterUse::new(
                format!("edge to client ({} GB)", egress.value),
                self.query("Data Transfer Out"),
                decimal(egress.value),
                Dimension::Gigabytes,
            )
            .usage(&egress)
            .category(Category::Network),
            MeterUse::new(
                format!("edge to origin ({} GB)", origin.value),
                self.query("Data Transfer In"),
                decimal(origin.value),
                Dimension::Gigabytes,
            )
            .usage(&origin)
            .category(Category::Network),
        ]
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

    fn profile(sku: FrontDoorSku) -> FrontDoor {
        FrontDoor {
            sku,
            count: 1.0,
            requests: None,
            egress_gb: None,
            origin_transfer_gb: None,
            pricing_region: default_pricing_region(),
        }
    }

    #[test]
    fn quantities_and_meter_names() {
        let premium = FrontDoor {
            count: 2.0,
            egress_gb: Some(800.0),
            ..profile(FrontDoorSku::Premium)
        };
        let meters = premium.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(1_460));
        assert_eq!(meters[1].quantity, Decimal::from(10_000_000));
        assert_eq!(meters[1].basis, Basis::Assumed);
        assert_eq!(meters[2].quantity, Decimal::from(800));
        assert_eq!(meters[2].basis, Basis::Usage);
        let MeterSource::Catalog(query) = &meters[3].source else {
            panic!("catalog meter")
        };
        assert_eq!(query.meter.as_deref(), Some("Premium Data Transfer In"));
        assert_eq!(query.region, "Zone 1");
    }

    #[test]
    fn validation_rejects_bad_numbers() {
        let bad = FrontDoor {
            count: 0.0,
            requests: Some(-1.0),
            ..profile(FrontDoorSku::Standard)
        };
        let issues = bad.validate();
        assert_eq!(issues[0].message, "count must be between 1 and 100 (got 0)");
        assert_eq!(issues[1].path, "requests");
    }

    #[test]
    fn front_door_is_not_in_todays_snapshot() {
        // Update to assert exactly one price per meter once `Zone 1` Front Door rows are added.
        let snapshot = Snapshot::embedded().unwrap();
        for sku in [FrontDoorSku::Standard, FrontDoorSku::Premium] {
            for meter in profile(sku).meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter")
                };
                let result = snapshot.catalog.lookup(query, "2026-11-01");
                assert!(
                    matches!(result, Err(LookupError::NotFound { .. })),
                    "{}: {result:?}",
                    meter.label
                );
            }
        }
    }
}
