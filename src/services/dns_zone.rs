//! Azure DNS public zones.
//!
//! # What it prices
//! Hosted zones per month (the first 25 zones at one rate, more at a lower one) and queries
//! per million (a lower rate above 1 billion) (billing-rules §5.8). The tiers come from the
//! rows.
//!
//! # Meters
//! serviceName `Azure DNS`, skuName `Public`, meters `Public Zone` (`1/Month`, tier from 25
//! zones) and `Public Queries` (`1M`, tier from 1,000 = 1 billion queries). DNS is not
//! priced per Azure region: the API lists it under armRegionName `Zone 1` (North America and
//! Europe; `Zone 2`… elsewhere, `US Gov Zone 1`, `DE Zone 1`), per infracost
//! `dns_zone.go`/`dns_a_record.go` and Retail Prices queries. The kind queries
//! `pricing_region` (default `Zone 1`). Today's snapshot has no `Azure DNS` rows: the lines
//! come out *unpriced* until a snapshot includes them. Older rows spelled the zone meter
//! `Public Zones`; if a snapshot has that spelling the lookup fails loudly with a suggestion.
//!
//! # Scenario fields
//! `zones` (hosted zones, default 1), `queries` a month over all zones (default
//! [`DEFAULT_QUERIES`]), `pricing_region` (default `Zone 1`).
//!
//! # Assumptions
//! - 1,000,000 queries a month when not given (a small site's records with typical TTLs).
//!   Labelled *assumed*.
//! - A zone that exists for part of a month is billed for the whole month, so the quantity
//!   is the number of zones, given as a month of hours for the `1/Month` meter.
//! - Private DNS zones, DNS Private Resolver and Traffic Manager are not priced here.
//!
//! # Example
//! ```yaml
//! dns:
//!   kind: dns_zone
//!   zones: 2
//!   queries: 5000000
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_not_empty, check_range, check_whole, decimal, Category, Context, FieldIssue, MeterUse,
    Service, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

/// Queries a month when the scenario does not say.
pub const DEFAULT_QUERIES: f64 = 1_000_000.0;
/// Where the API prices Azure DNS for North America and Europe.
pub const DEFAULT_PRICING_REGION: &str = "Zone 1";

/// Public DNS zones and their queries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DnsZone {
    /// Hosted public zones (1–10,000, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub zones: f64,
    /// DNS queries a month over all zones; default 1,000,000.
    #[serde(default)]
    pub queries: Option<f64>,
    /// armRegionName the API prices Azure DNS under (default `Zone 1`).
    #[serde(default = "default_pricing_region")]
    pub pricing_region: String,
}

fn default_pricing_region() -> String {
    DEFAULT_PRICING_REGION.to_string()
}

impl DnsZone {
    fn query(&self, meter: &str) -> PriceQuery {
        PriceQuery::new("Azure DNS", &self.pricing_region)
            .sku("Public")
            .meter(meter)
    }
}

impl Service for DnsZone {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "zones", Some(self.zones), 1.0, 10_000.0);
        check_range(&mut issues, "queries", self.queries, 0.0, 1e14);
        check_whole(&mut issues, "zones", self.zones);
        check_not_empty(&mut issues, "pricing_region", &self.pricing_region);
        issues
    }

    fn sku_label(&self) -> String {
        "Public".to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let queries = Usage::or(self.queries, DEFAULT_QUERIES);
        vec![
            MeterUse::new(
                format!("hosted zones ({})", self.zones),
                self.query("Public Zone"),
                decimal(self.zones) * context.hours(),
                Dimension::Hours,
            )
            .category(Category::Network)
            .priced_under(&self.pricing_region),
            MeterUse::new(
                format!("queries ({})", queries.value),
                self.query("Public Queries"),
                decimal(queries.value),
                Dimension::Count,
            )
            .usage(&queries)
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

    fn dns(zones: f64, queries: Option<f64>) -> DnsZone {
        DnsZone {
            zones,
            queries,
            pricing_region: default_pricing_region(),
        }
    }

    #[test]
    fn zones_are_months_and_queries_are_counted() {
        let meters = dns(3.0, Some(7_000_000.0)).meters(&context());
        // 3 zones × 730 h: three months of the 1/Month meter.
        assert_eq!(meters[0].quantity, Decimal::from(2_190));
        assert_eq!(meters[0].dimension, Dimension::Hours);
        assert_eq!(meters[1].quantity, Decimal::from(7_000_000));
        assert_eq!(meters[1].basis, Basis::Usage);
        assert_eq!(dns(1.0, None).meters(&context())[1].basis, Basis::Assumed);
    }

    #[test]
    fn validation_rejects_bad_numbers() {
        let issues = dns(0.5, Some(-1.0)).validate();
        assert_eq!(
            issues[0].message,
            "zones must be between 1 and 10000 (got 0.5)"
        );
        assert_eq!(issues[1].path, "queries");
    }

    #[test]
    fn azure_dns_is_not_in_todays_snapshot() {
        // Update to assert exactly one price per meter once `Zone 1` DNS rows are added.
        let snapshot = Snapshot::embedded().unwrap();
        for meter in dns(1.0, None).meters(&context()) {
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
