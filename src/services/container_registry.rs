//! Azure Container Registry (Basic, Standard, Premium).
//!
//! # What it prices
//! The registry unit of the SKU for every day of the month, image storage beyond what the
//! SKU includes, and, for Premium, one replication unit per geo-replica.
//!
//! # Meters
//! serviceName `Container Registry`, productName `Container Registry`, skuName `Basic`,
//! `Standard` or `Premium`: `<Sku> Registry Unit` (`1/Day`), `Data Stored` (`1 GB/Month`);
//! Premium `Premium Registry Replication Unit` (`1/Day`). The daily units are given as
//! hours in the month and the catalog converts them to days (730 h = 30.42 days).
//!
//! # Scenario fields
//! `sku` (`basic`, `standard` default, `premium`), `count` (registries, default 1),
//! `storage_gb` (average GB of images per registry, default [`DEFAULT_STORAGE_GB`]),
//! `geo_replications` (Premium: replicas in other regions, default 0).
//!
//! # Assumptions
//! - Included storage per registry, from the SKU table ("Included storage (GiB)": Basic 10,
//!   Standard 100, Premium 500; https://learn.microsoft.com/azure/container-registry/container-registry-skus):
//!   only storage beyond it is billed. The rows have no $0 tier for it, so azcost subtracts it.
//! - 10 GB of images when not given, labelled *assumed* (within every SKU's allowance).
//! - A replica is priced at the replication unit only; its copy of the images, data transfer
//!   to replicas, ACR Tasks vCPU time and connected registries are not priced.
//!
//! # Example
//! ```yaml
//! registry:
//!   kind: container_registry
//!   sku: premium
//!   storage_gb: 800
//!   geo_replications: 1
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_whole, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

/// GB of images per registry when the scenario does not say.
pub const DEFAULT_STORAGE_GB: f64 = 10.0;

/// Registry tier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegistrySku {
    Basic,
    #[default]
    Standard,
    Premium,
}

impl RegistrySku {
    fn catalog_sku(self) -> &'static str {
        match self {
            RegistrySku::Basic => "Basic",
            RegistrySku::Standard => "Standard",
            RegistrySku::Premium => "Premium",
        }
    }

    /// GB of storage the registry unit includes.
    pub fn included_storage_gb(self) -> f64 {
        match self {
            RegistrySku::Basic => 10.0,
            RegistrySku::Standard => 100.0,
            RegistrySku::Premium => 500.0,
        }
    }
}

/// Container registries of one SKU.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContainerRegistry {
    /// `basic`, `standard` (default) or `premium`.
    #[serde(default)]
    pub sku: RegistrySku,
    /// Number of registries (1–100, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
    /// Average GB of images stored per registry; default 10.
    #[serde(default)]
    pub storage_gb: Option<f64>,
    /// Premium only: geo-replicas per registry (0–50, default 0).
    #[serde(default)]
    pub geo_replications: f64,
}

impl ContainerRegistry {
    fn query(&self, context: &Context, meter: &str) -> PriceQuery {
        context
            .query("Container Registry")
            .product("Container Registry")
            .sku(self.sku.catalog_sku())
            .meter(meter)
    }
}

impl Service for ContainerRegistry {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "count", Some(self.count), 1.0, 100.0);
        check_range(&mut issues, "storage_gb", self.storage_gb, 0.0, 1e7);
        check_range(
            &mut issues,
            "geo_replications",
            Some(self.geo_replications),
            0.0,
            50.0,
        );
        for (field, value) in [
            ("count", self.count),
            ("geo_replications", self.geo_replications),
        ] {
            check_whole(&mut issues, field, value);
        }
        if self.geo_replications > 0.0 && self.sku != RegistrySku::Premium {
            issues.push(FieldIssue::new(
                "geo_replications",
                "geo_replications needs sku: premium",
            ));
        }
        issues
    }

    fn sku_label(&self) -> String {
        self.sku.catalog_sku().to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let sku = self.sku.catalog_sku();
        let count = decimal(self.count);
        let mut meters = vec![MeterUse::new(
            format!(
                "{sku} registry unit ({} × {} h)",
                self.count,
                context.month.hours()
            ),
            self.query(context, &format!("{sku} Registry Unit")),
            count * context.hours(),
            Dimension::Hours,
        )
        .category(Category::Compute)];
        let storage = Usage::or(self.storage_gb, DEFAULT_STORAGE_GB);
        let included = self.sku.included_storage_gb();
        let billed = (storage.value - included).max(0.0);
        meters.push(
            MeterUse::new(
                format!(
                    "storage beyond {included} GB included ({} GB each)",
                    storage.value
                ),
                self.query(context, "Data Stored"),
                count * decimal(billed),
                Dimension::GigabyteMonths,
            )
            .usage(&storage)
            .category(Category::Data)
            .note(format!("{sku} includes {included} GB per registry")),
        );
        if self.geo_replications > 0.0 {
            meters.push(
                MeterUse::new(
                    format!(
                        "geo-replication units ({} × {})",
                        self.count, self.geo_replications
                    ),
                    self.query(context, "Premium Registry Replication Unit"),
                    count * decimal(self.geo_replications) * context.hours(),
                    Dimension::Hours,
                )
                .category(Category::Compute),
            );
        }
        meters
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

    fn registry(sku: RegistrySku) -> ContainerRegistry {
        ContainerRegistry {
            sku,
            count: 1.0,
            storage_gb: None,
            geo_replications: 0.0,
        }
    }

    #[test]
    fn units_are_hours_and_only_extra_storage_is_billed() {
        let premium = ContainerRegistry {
            count: 2.0,
            storage_gb: Some(800.0),
            geo_replications: 1.0,
            ..registry(RegistrySku::Premium)
        };
        let meters = premium.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(1_460));
        assert_eq!(meters[0].dimension, Dimension::Hours);
        // (800 − 500) GB × 2 registries.
        assert_eq!(meters[1].quantity, Decimal::from(600));
        assert_eq!(meters[1].basis, Basis::Usage);
        assert_eq!(meters[2].quantity, Decimal::from(1_460));
        let basic = registry(RegistrySku::Basic).meters(&context());
        assert_eq!(basic[1].quantity, Decimal::ZERO);
        assert_eq!(basic[1].basis, Basis::Assumed);
    }

    #[test]
    fn validation_rejects_replicas_outside_premium_and_bad_counts() {
        let standard = ContainerRegistry {
            count: 0.0,
            geo_replications: 1.0,
            ..registry(RegistrySku::Standard)
        };
        let issues = standard.validate();
        assert_eq!(issues[0].message, "count must be between 1 and 100 (got 0)");
        assert_eq!(issues[1].path, "geo_replications");
    }

    #[test]
    fn every_sku_prices_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for sku in [
            RegistrySku::Basic,
            RegistrySku::Standard,
            RegistrySku::Premium,
        ] {
            let mut registry = registry(sku);
            if sku == RegistrySku::Premium {
                registry.geo_replications = 2.0;
            }
            for meter in registry.meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter")
                };
                let price = snapshot.catalog.lookup(query, "2026-11-01");
                assert!(price.is_ok(), "{sku:?} {}: {price:?}", meter.label);
            }
        }
    }
}
