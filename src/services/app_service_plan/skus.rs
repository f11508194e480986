//! The SKUs a plan accepts: how the Retail Prices API names them, and the vCPU and memory the
//! capacity model sizes instances by (billing-rules §3.2 and the seeds' SKU tables).

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
    pub(super) fn product(self) -> &'static str {
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
