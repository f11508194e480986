//! Private Endpoint (Azure Private Link).
//!
//! # What it prices
//! Every endpoint-hour, and the GB it processes inbound and outbound, graduated (first 1 PB,
//! next 4 PB, over 5 PB) (billing-rules §5.4). No free allowance.
//!
//! # Meters
//! serviceName `Virtual Network`, productName `Virtual Network Private Link`, meters
//! `Standard Private Endpoint` (`1 Hour`), `Standard Data Processed - Ingress` and `Standard
//! Data Processed - Egress` (`1 GB`, tiers from 0 / 1,000,000 / 5,000,000 GB). These meters
//! are not regional: the API prices them under armRegionName `Global` (infracost
//! `private_endpoint.go` and Retail Prices queries cross-checked), so the kind queries
//! `pricing_region` (default `Global`), not the scenario's region. Today's snapshot has no
//! `Global` rows: the lines come out *unpriced* until a snapshot includes them.
//!
//! # Scenario fields
//! `count` (endpoints, default 1), `data_processed_gb` (inbound plus outbound GB a month over
//! all endpoints, default [`DEFAULT_DATA_PROCESSED_GB`]), `inbound_share` (fraction of it
//! that is inbound, default 0.5), `pricing_region` (default `Global`).
//!
//! # Assumptions
//! - 100 GB processed a month when not given (a database or storage account behind an
//!   endpoint for a small app). Labelled *assumed*.
//! - Half of the traffic is inbound and half outbound unless `inbound_share` says otherwise;
//!   both directions have the same rates today, so the split rarely matters.
//! - Endpoints exist all month. The Private Link *service* (free) and the private DNS zone
//!   that resolves the endpoint are not priced here.
//!
//! # Example
//! ```yaml
//! database_endpoint:
//!   kind: private_endpoint
//!   count: 2
//!   data_processed_gb: 300
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_not_empty, check_range, check_whole, decimal, Category, Context, FieldIssue, MeterUse,
    Service, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

/// GB processed a month when the scenario does not say.
pub const DEFAULT_DATA_PROCESSED_GB: f64 = 100.0;
/// Where the API prices Private Link meters.
pub const DEFAULT_PRICING_REGION: &str = "Global";

/// Private endpoints and the data they process.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivateEndpoint {
    /// Number of endpoints (1–1000, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
    /// Inbound plus outbound GB processed a month over all endpoints; default 100.
    #[serde(default)]
    pub data_processed_gb: Option<f64>,
    /// Fraction of the data that is inbound (0–1, default 0.5).
    #[serde(default = "half")]
    pub inbound_share: f64,
    /// armRegionName the API prices Private Link under (default `Global`).
    #[serde(default = "default_pricing_region")]
    pub pricing_region: String,
}

fn half() -> f64 {
    0.5
}

fn default_pricing_region() -> String {
    DEFAULT_PRICING_REGION.to_string()
}

impl PrivateEndpoint {
    fn query(&self, meter: &str) -> PriceQuery {
        PriceQuery::new("Virtual Network", &self.pricing_region)
            .product("Virtual Network Private Link")
            .meter(meter)
    }
}

impl Service for PrivateEndpoint {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "count", Some(self.count), 1.0, 1_000.0);
        check_range(
            &mut issues,
            "data_processed_gb",
            self.data_processed_gb,
            0.0,
            1e9,
        );
        check_range(
            &mut issues,
            "inbound_share",
            Some(self.inbound_share),
            0.0,
            1.0,
        );
        check_whole(&mut issues, "count", self.count);
        check_not_empty(&mut issues, "pricing_region", &self.pricing_region);
        issues
    }

    fn sku_label(&self) -> String {
        "Standard".to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let data = Usage::or(self.data_processed_gb, DEFAULT_DATA_PROCESSED_GB);
        let inbound = decimal(data.value) * decimal(self.inbound_share);
        let outbound = decimal(data.value) - inbound;
        let direction = |label: &str, meter: &str, gigabytes| {
            MeterUse::new(
                format!("data processed, {label}"),
                self.query(meter),
                gigabytes,
                Dimension::Gigabytes,
            )
            .usage(&data)
            .category(Category::Network)
        };
        vec![
            MeterUse::new(
                format!(
                    "endpoint hours ({} × {} h)",
                    self.count,
                    context.month.hours()
                ),
                self.query("Standard Private Endpoint"),
                decimal(self.count) * context.hours(),
                Dimension::Hours,
            )
            .category(Category::Network)
            .priced_under(&self.pricing_region),
            direction("inbound", "Standard Data Processed - Ingress", inbound),
            direction("outbound", "Standard Data Processed - Egress", outbound),
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

    fn endpoints(count: f64, data: Option<f64>) -> PrivateEndpoint {
        PrivateEndpoint {
            count,
            data_processed_gb: data,
            inbound_share: 0.5,
            pricing_region: default_pricing_region(),
        }
    }

    #[test]
    fn hours_and_data_split_by_direction() {
        let meters = endpoints(3.0, Some(400.0)).meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(2_190));
        assert_eq!(meters[1].quantity, Decimal::from(200));
        assert_eq!(meters[2].quantity, Decimal::from(200));
        assert_eq!(meters[1].basis, Basis::Usage);
        let assumed = endpoints(1.0, None).meters(&context());
        assert_eq!(assumed[2].basis, Basis::Assumed);
    }

    #[test]
    fn validation_rejects_bad_numbers() {
        let mut bad = endpoints(0.0, Some(-1.0));
        bad.inbound_share = 2.0;
        let issues = bad.validate();
        assert_eq!(
            issues[0].message,
            "count must be between 1 and 1000 (got 0)"
        );
        assert_eq!(issues[1].path, "data_processed_gb");
        assert_eq!(issues[2].path, "inbound_share");
    }

    #[test]
    fn private_link_is_not_in_todays_snapshot() {
        // When a snapshot gains the `Global` Private Link rows this test must be updated to
        // assert each meter resolves to exactly one price.
        let snapshot = Snapshot::embedded().unwrap();
        for meter in endpoints(1.0, None).meters(&context()) {
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
