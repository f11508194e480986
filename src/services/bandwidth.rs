//! Internet egress (bandwidth) from an Azure region.
//!
//! # What it prices
//! Data transferred out of the region to the internet, by routing preference, with the
//! graduated per-GB rates and the first 100 GB a month free (billing-rules §5.8). Inbound and
//! intra-region transfer are free and not modelled.
//!
//! # Meters
//! serviceName `Bandwidth`, skuName `Standard`, meter `Standard Data Transfer Out` (`1 GB`):
//! productName `Rtn Preference: MGN` for Microsoft-network routing (the default) and
//! `Bandwidth - Routing Preference: Internet` for internet (ISP) routing. Both have a $0 first
//! tier up to 100 GB: the free allowance, applied by the catalog.
//!
//! # Scenario fields
//! `egress_gb` a month (default [`DEFAULT_EGRESS_GB`]), `routing` (`microsoft_network`
//! default, `internet`).
//!
//! # Assumptions
//! - 500 GB a month when not given (web traffic of a small public app). Labelled *assumed*.
//! - The free 100 GB is per billing account; a scenario with several bandwidth resources
//!   gets it on each (an overstatement of the grant). Put all egress of a subscription on one
//!   resource to avoid that.
//! - Egress served by Front Door or a CDN is priced by that service, not here. Inter-region
//!   and inter-zone transfer are not priced.
//!
//! # Example
//! ```yaml
//! egress:
//!   kind: bandwidth
//!   egress_gb: 2000
//!   routing: microsoft_network
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::Dimension;

/// GB a month when the scenario does not say.
pub const DEFAULT_EGRESS_GB: f64 = 500.0;

/// How traffic reaches the internet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// Over Microsoft's network to the edge nearest the user (Azure's default).
    #[default]
    MicrosoftNetwork,
    /// Handed to ISPs near the region (routing preference "Internet").
    Internet,
}

impl Routing {
    fn product(self) -> &'static str {
        match self {
            Routing::MicrosoftNetwork => "Rtn Preference: MGN",
            Routing::Internet => "Bandwidth - Routing Preference: Internet",
        }
    }
}

/// Internet egress from the scenario's region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bandwidth {
    /// GB sent to the internet a month; default 500.
    #[serde(default)]
    pub egress_gb: Option<f64>,
    /// `microsoft_network` (default) or `internet`.
    #[serde(default)]
    pub routing: Routing,
}

impl Service for Bandwidth {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "egress_gb", self.egress_gb, 0.0, 1e9);
        issues
    }

    fn sku_label(&self) -> String {
        match self.routing {
            Routing::MicrosoftNetwork => "Microsoft network".to_string(),
            Routing::Internet => "Internet routing".to_string(),
        }
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let egress = Usage::or(self.egress_gb, DEFAULT_EGRESS_GB);
        let query = context
            .query("Bandwidth")
            .product(self.routing.product())
            .sku("Standard")
            .meter("Standard Data Transfer Out");
        vec![MeterUse::new(
            format!("internet egress ({} GB)", egress.value),
            query,
            decimal(egress.value),
            Dimension::Gigabytes,
        )
        .usage(&egress)
        .category(Category::Network)
        .note("first 100 GB a month free (the $0 tier)")]
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

    #[test]
    fn egress_is_the_given_or_default_gigabytes() {
        let assumed = Bandwidth {
            egress_gb: None,
            routing: Routing::Internet,
        };
        let meters = assumed.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(500));
        assert_eq!(meters[0].basis, Basis::Assumed);
        let given = Bandwidth {
            egress_gb: Some(1_234.0),
            routing: Routing::MicrosoftNetwork,
        };
        assert_eq!(given.meters(&context())[0].quantity, Decimal::from(1_234));
    }

    #[test]
    fn negative_egress_is_rejected() {
        let bandwidth = Bandwidth {
            egress_gb: Some(-1.0),
            routing: Routing::MicrosoftNetwork,
        };
        assert_eq!(
            bandwidth.validate()[0].message,
            "egress_gb must be between 0 and 1000000000 (got -1)"
        );
    }

    #[test]
    fn both_routings_price_in_westus_with_a_free_first_tier() {
        let snapshot = Snapshot::embedded().unwrap();
        for routing in [Routing::MicrosoftNetwork, Routing::Internet] {
            let bandwidth = Bandwidth {
                egress_gb: None,
                routing,
            };
            let meters = bandwidth.meters(&context());
            let MeterSource::Catalog(query) = &meters[0].source else {
                panic!("catalog meter")
            };
            let price = snapshot.catalog.lookup(query, "2026-11-01").unwrap();
            assert_eq!(price.tiers[0].unit_price, Decimal::ZERO, "{routing:?}");
            assert_eq!(
                price.tiers[1].from_blocks,
                Decimal::from(100),
                "{routing:?}"
            );
        }
    }
}
