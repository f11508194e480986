//! App Service plan (Basic, Standard and Premium v3; Linux or Windows).
//!
//! # What it prices
//! Every VM instance of a dedicated App Service plan, whatever runs on it: "the charge is
//! applied to each scaled-out instance in your plan" (billing-rules §3.1). Deployment slots and
//! extra apps on the same plan cost nothing more.
//!
//! # Meters
//! serviceName `Azure App Service`; productName `Azure App Service <Tier> Plan` with
//! ` - Linux` for Linux; skuName as the API spells it (`P1 v3`, `P0v3`, `P1mv3`, `B1`, `S1`);
//! unit `1 Hour` per instance.
//!
//! # Scenario fields
//! `sku` (B1–B3, S1–S3, P0v3–P3v3, P1mv3–P5mv3), `os` (`linux` default, `windows`),
//! `count` (instances, 1–30, default 1).
//!
//! # Assumptions
//! - Instances run all month (Always On): instance-hours = count × hours in the month.
//!   Per-second proration matters only with autoscale, which the capacity simulation prices.
//! - The plan's vCPU and memory (used by capacity models) come from billing-rules §3.2 and the
//!   seed documents' SKU tables.
//!
//! # Example
//! ```yaml
//! backend:
//!   kind: app_service_plan
//!   sku: P2v3
//!   os: linux
//!   count: 2
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, check_sku, decimal, Category, Context, FieldIssue, MeterUse, Service};
use crate::catalog::Dimension;

/// vCPU and memory (GiB) of an App Service SKU.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkuSpec {
    pub name: &'static str,
    pub tier: Tier,
    /// How the Retail Prices API spells the SKU.
    pub catalog_sku: &'static str,
    pub vcpu: u32,
    pub memory_gib: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tier {
    Basic,
    Standard,
    PremiumV3,
}

impl Tier {
    fn product(self) -> &'static str {
        match self {
            Tier::Basic => "Azure App Service Basic Plan",
            Tier::Standard => "Azure App Service Standard Plan",
            Tier::PremiumV3 => "Azure App Service Premium v3 Plan",
        }
    }
}

pub const SKUS: &[SkuSpec] = &[
    SkuSpec {
        name: "B1",
        tier: Tier::Basic,
        catalog_sku: "B1",
        vcpu: 1,
        memory_gib: 1.75,
    },
    SkuSpec {
        name: "B2",
        tier: Tier::Basic,
        catalog_sku: "B2",
        vcpu: 2,
        memory_gib: 3.5,
    },
    SkuSpec {
        name: "B3",
        tier: Tier::Basic,
        catalog_sku: "B3",
        vcpu: 4,
        memory_gib: 7.0,
    },
    SkuSpec {
        name: "S1",
        tier: Tier::Standard,
        catalog_sku: "S1",
        vcpu: 1,
        memory_gib: 1.75,
    },
    SkuSpec {
        name: "S2",
        tier: Tier::Standard,
        catalog_sku: "S2",
        vcpu: 2,
        memory_gib: 3.5,
    },
    SkuSpec {
        name: "S3",
        tier: Tier::Standard,
        catalog_sku: "S3",
        vcpu: 4,
        memory_gib: 7.0,
    },
    SkuSpec {
        name: "P0v3",
        tier: Tier::PremiumV3,
        catalog_sku: "P0v3",
        vcpu: 1,
        memory_gib: 4.0,
    },
    SkuSpec {
        name: "P1v3",
        tier: Tier::PremiumV3,
        catalog_sku: "P1 v3",
        vcpu: 2,
        memory_gib: 8.0,
    },
    SkuSpec {
        name: "P2v3",
        tier: Tier::PremiumV3,
        catalog_sku: "P2 v3",
        vcpu: 4,
        memory_gib: 16.0,
    },
    SkuSpec {
        name: "P3v3",
        tier: Tier::PremiumV3,
        catalog_sku: "P3 v3",
        vcpu: 8,
        memory_gib: 32.0,
    },
    SkuSpec {
        name: "P1mv3",
        tier: Tier::PremiumV3,
        catalog_sku: "P1mv3",
        vcpu: 2,
        memory_gib: 16.0,
    },
    SkuSpec {
        name: "P2mv3",
        tier: Tier::PremiumV3,
        catalog_sku: "P2mv3",
        vcpu: 4,
        memory_gib: 32.0,
    },
    SkuSpec {
        name: "P3mv3",
        tier: Tier::PremiumV3,
        catalog_sku: "P3mv3",
        vcpu: 8,
        memory_gib: 64.0,
    },
    SkuSpec {
        name: "P4mv3",
        tier: Tier::PremiumV3,
        catalog_sku: "P4mv3",
        vcpu: 16,
        memory_gib: 128.0,
    },
    SkuSpec {
        name: "P5mv3",
        tier: Tier::PremiumV3,
        catalog_sku: "P5mv3",
        vcpu: 32,
        memory_gib: 256.0,
    },
];

/// The operating system of the plan's workers (Linux and Windows are priced differently).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OperatingSystem {
    #[default]
    Linux,
    Windows,
}

/// An App Service plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppServicePlan {
    /// Plan SKU, e.g. `P2v3`.
    pub sku: String,
    /// `linux` (default) or `windows`.
    #[serde(default)]
    pub os: OperatingSystem,
    /// Number of instances (1–30).
    #[serde(default = "one")]
    pub count: f64,
}

fn one() -> f64 {
    1.0
}

impl AppServicePlan {
    pub fn spec(&self) -> Option<&'static SkuSpec> {
        SKUS.iter().find(|spec| spec.name == self.sku)
    }
}

impl Service for AppServicePlan {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        let names: Vec<&str> = SKUS.iter().map(|spec| spec.name).collect();
        check_sku(&mut issues, "sku", &self.sku, &names);
        check_range(&mut issues, "count", Some(self.count), 1.0, 30.0);
        if self.count.fract() != 0.0 {
            issues.push(FieldIssue::new(
                "count",
                format!("count must be a whole number (got {})", self.count),
            ));
        }
        issues
    }

    fn sku_label(&self) -> String {
        let os = match self.os {
            OperatingSystem::Linux => "Linux",
            OperatingSystem::Windows => "Windows",
        };
        format!("{} {os}", self.sku)
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let Some(spec) = self.spec() else {
            return Vec::new();
        };
        let product = match self.os {
            OperatingSystem::Linux => format!("{} - Linux", spec.tier.product()),
            OperatingSystem::Windows => spec.tier.product().to_string(),
        };
        let query = context
            .query("Azure App Service")
            .product(&product)
            .sku(spec.catalog_sku);
        let hours = decimal(self.count) * context.hours();
        vec![MeterUse::new(
            format!(
                "{} instance hours ({} × {} h)",
                self.sku,
                self.count,
                context.month.hours()
            ),
            query,
            hours,
            Dimension::Hours,
        )
        .category(Category::Compute)]
    }
}
