//! Application Gateway v2 (Standard_v2, WAF_v2, Basic v2).
//!
//! # What it prices
//! `Total = fixed hourly + capacity-unit hours` (billing-rules §5.6): a fixed charge per
//! gateway-hour, independent of instance count, plus the capacity units (CUs) used each
//! hour. Each minimum (or manual) instance reserves 10 CUs that are billed whether used or
//! not; CUs used above the reservation are billed as well.
//!
//! # Meters
//! serviceName `Application Gateway`; productName `Application Gateway Standard v2` and
//! `Application Gateway WAF v2` with skuName `Standard` and meters `Standard Fixed Cost`,
//! `Standard Capacity Units`; `Application Gateway Basic v2` with skuName `Basic` and meters
//! `Basic Fixed Cost`, `Basic Capacity Units`. All `1/Hour`. (The `WAF v2 - Discounted`
//! product is a different offer and is not used.)
//!
//! # Scenario fields
//! `sku` (`standard_v2` default, `waf_v2`, `basic_v2`), `count` (gateways, default 1),
//! `capacity_units` (average CUs used per hour, default [`DEFAULT_CAPACITY_UNITS`]),
//! `min_instances` (autoscale minimum or manual instance count, 0–125, default 0).
//!
//! # Assumptions
//! - Billed CUs per hour = max(capacity_units, 10 × min_instances): the reservation covers
//!   usage up to it. An average over the month stands in for the hour-by-hour maximum, so
//!   bursty traffic is understated.
//! - 2 CUs an hour when not given (light web traffic: a CU is 2,500 persistent connections,
//!   2.22 Mbps or one compute unit). Labelled *assumed*.
//! - Gateways run all month; the public IP (included in the fixed price for v2) and data
//!   transfer are not priced here.
//!
//! # Example
//! ```yaml
//! gateway:
//!   kind: application_gateway
//!   sku: waf_v2
//!   min_instances: 2
//!   capacity_units: 12
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_whole, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

/// Average capacity units an hour when the scenario does not say.
pub const DEFAULT_CAPACITY_UNITS: f64 = 2.0;
/// Capacity units each minimum instance reserves.
pub const CAPACITY_UNITS_PER_INSTANCE: f64 = 10.0;

/// Gateway SKU.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GatewaySku {
    #[default]
    StandardV2,
    WafV2,
    BasicV2,
}

impl GatewaySku {
    fn product(self) -> &'static str {
        match self {
            GatewaySku::StandardV2 => "Application Gateway Standard v2",
            GatewaySku::WafV2 => "Application Gateway WAF v2",
            GatewaySku::BasicV2 => "Application Gateway Basic v2",
        }
    }

    /// The skuName, which also starts the meter names.
    fn catalog_sku(self) -> &'static str {
        match self {
            GatewaySku::BasicV2 => "Basic",
            _ => "Standard",
        }
    }

    fn label(self) -> &'static str {
        match self {
            GatewaySku::StandardV2 => "Standard_v2",
            GatewaySku::WafV2 => "WAF_v2",
            GatewaySku::BasicV2 => "Basic_v2",
        }
    }
}

/// Application gateways of one SKU.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationGateway {
    /// `standard_v2` (default), `waf_v2` or `basic_v2`.
    #[serde(default)]
    pub sku: GatewaySku,
    /// Number of gateways (1–50, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
    /// Average capacity units used per hour per gateway; default 2.
    #[serde(default)]
    pub capacity_units: Option<f64>,
    /// Minimum (or manual) instances per gateway, each reserving 10 CUs (0–125, default 0).
    #[serde(default)]
    pub min_instances: f64,
}

impl ApplicationGateway {
    fn query(&self, context: &Context, meter: &str) -> PriceQuery {
        let sku = self.sku.catalog_sku();
        context
            .query("Application Gateway")
            .product(self.sku.product())
            .sku(sku)
            .meter(&format!("{sku} {meter}"))
    }
}

impl Service for ApplicationGateway {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "count", Some(self.count), 1.0, 50.0);
        check_range(
            &mut issues,
            "capacity_units",
            self.capacity_units,
            0.0,
            10_000.0,
        );
        check_range(
            &mut issues,
            "min_instances",
            Some(self.min_instances),
            0.0,
            125.0,
        );
        for (field, value) in [("count", self.count), ("min_instances", self.min_instances)] {
            check_whole(&mut issues, field, value);
        }
        issues
    }

    fn sku_label(&self) -> String {
        self.sku.label().to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let hours = context.hours();
        let count = decimal(self.count);
        let used = Usage::or(self.capacity_units, DEFAULT_CAPACITY_UNITS);
        let reserved = self.min_instances * CAPACITY_UNITS_PER_INSTANCE;
        let billed = used.value.max(reserved);
        let mut capacity = MeterUse::new(
            format!(
                "capacity units ({billed} CU × {} h × {})",
                context.month.hours(),
                self.count
            ),
            self.query(context, "Capacity Units"),
            count * decimal(billed) * hours,
            Dimension::Hours,
        )
        .category(Category::Network);
        capacity = if reserved >= used.value {
            capacity.note(format!(
                "{} minimum instances reserve {reserved} CUs",
                self.min_instances
            ))
        } else {
            capacity.usage(&used)
        };
        vec![
            MeterUse::new(
                format!(
                    "fixed gateway hours ({} × {} h)",
                    self.count,
                    context.month.hours()
                ),
                self.query(context, "Fixed Cost"),
                count * hours,
                Dimension::Hours,
            )
            .category(Category::Network),
            capacity,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::services::{Basis, MeterSource};
    use rust_decimal::Decimal;

    fn context() -> Context {
        crate::services::test_context()
    }

    fn gateway(sku: GatewaySku) -> ApplicationGateway {
        ApplicationGateway {
            sku,
            count: 1.0,
            capacity_units: None,
            min_instances: 0.0,
        }
    }

    #[test]
    fn minimum_instances_reserve_ten_capacity_units_each() {
        let reserved = ApplicationGateway {
            min_instances: 2.0,
            capacity_units: Some(12.0),
            ..gateway(GatewaySku::WafV2)
        };
        let meters = reserved.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(730));
        // max(12, 2 × 10) = 20 CUs × 730 h.
        assert_eq!(meters[1].quantity, Decimal::from(14_600));
        assert_eq!(meters[1].basis, Basis::Fixed);
        let busy = ApplicationGateway {
            count: 2.0,
            capacity_units: Some(25.0),
            min_instances: 1.0,
            ..gateway(GatewaySku::StandardV2)
        };
        let meters = busy.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(1_460));
        assert_eq!(meters[1].quantity, Decimal::from(36_500));
        assert_eq!(meters[1].basis, Basis::Usage);
        let assumed = gateway(GatewaySku::BasicV2).meters(&context());
        assert_eq!(assumed[1].basis, Basis::Assumed);
    }

    #[test]
    fn validation_rejects_bad_counts() {
        let bad = ApplicationGateway {
            min_instances: 1.5,
            capacity_units: Some(-1.0),
            ..gateway(GatewaySku::StandardV2)
        };
        let issues = bad.validate();
        assert_eq!(
            issues[0].message,
            "capacity_units must be between 0 and 10000 (got -1)"
        );
        assert_eq!(
            issues[1].message,
            "min_instances must be a whole number (got 1.5)"
        );
    }

    #[test]
    fn every_sku_prices_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for sku in [
            GatewaySku::StandardV2,
            GatewaySku::WafV2,
            GatewaySku::BasicV2,
        ] {
            for meter in gateway(sku).meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter")
                };
                let price = snapshot.catalog.lookup(query, "2026-11-01");
                assert!(price.is_ok(), "{sku:?} {}: {price:?}", meter.label);
            }
        }
    }
}
