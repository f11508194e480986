//! Azure Static Web Apps (Free and Standard plans).
//!
//! # What it prices
//! Standard: a monthly fee per app and bandwidth beyond the 100 GB a month each app includes
//! (billing-rules §5.8). Free costs nothing and produces no line: there is no meter to
//! price and a $0 line would only be noise.
//!
//! # Meters
//! serviceName `Azure App Service`, productName `Static Web Apps`, skuName `Standard`:
//! `Standard App` (`1/Month`, seen in the snapshot for `westeurope` only) and the bandwidth
//! overage meter `Standard Bandwidth Usage` (`1 GB`; name unverified: no row in the snapshot
//! or the sources searched — infracost prices the app fee only). The rows are regional but
//! exist only in the few regions Static Web Apps are created in (westus2, centralus,
//! eastus2, westeurope, eastasia), not `westus`: `pricing_region` (default: the scenario's
//! region) picks the region to price under. With today's snapshot and `westus` the lines
//! come out *unpriced*; `pricing_region: westeurope` prices the app fee.
//!
//! # Scenario fields
//! `sku` (`free`, `standard` default), `count` (apps, default 1), `bandwidth_gb` a month per
//! app (default [`DEFAULT_BANDWIDTH_GB`]), `pricing_region` (optional).
//!
//! # Assumptions
//! - 50 GB a month per app when not given (within the 100 GB allowance). Labelled *assumed*.
//! - Only bandwidth above 100 GB per app is billed; the rows have no $0 tier for it, so
//!   azcost subtracts the allowance, and emits no bandwidth line when nothing is above it.
//! - Apps exist all month. Functions linked as a managed API and custom domains' certificates
//!   cost nothing more; a linked App Service or Container App is priced by its own kind.
//!
//! # Example
//! ```yaml
//! site:
//!   kind: static_web_app
//!   sku: standard
//!   bandwidth_gb: 250
//!   pricing_region: westeurope
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_whole, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

/// Bandwidth a month per app when the scenario does not say.
pub const DEFAULT_BANDWIDTH_GB: f64 = 50.0;
/// Bandwidth a month each Standard app includes.
pub const INCLUDED_BANDWIDTH_GB: f64 = 100.0;

/// Hosting plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaticWebAppSku {
    Free,
    #[default]
    Standard,
}

/// Static web apps on one plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaticWebApp {
    /// `free` or `standard` (default).
    #[serde(default)]
    pub sku: StaticWebAppSku,
    /// Number of apps (1–100, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
    /// GB served a month per app; default 50.
    #[serde(default)]
    pub bandwidth_gb: Option<f64>,
    /// armRegionName to price under (default: the scenario's region).
    #[serde(default)]
    pub pricing_region: Option<String>,
}

impl Service for StaticWebApp {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "count", Some(self.count), 1.0, 100.0);
        check_range(&mut issues, "bandwidth_gb", self.bandwidth_gb, 0.0, 1e8);
        check_whole(&mut issues, "count", self.count);
        issues
    }

    fn sku_label(&self) -> String {
        match self.sku {
            StaticWebAppSku::Free => "Free".to_string(),
            StaticWebAppSku::Standard => "Standard".to_string(),
        }
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        if self.sku == StaticWebAppSku::Free {
            return Vec::new();
        }
        let region = self.pricing_region.as_deref().unwrap_or(&context.region);
        let query = |meter: &str| {
            PriceQuery::new("Azure App Service", region)
                .product("Static Web Apps")
                .sku("Standard")
                .meter(meter)
        };
        let count = decimal(self.count);
        let bandwidth = Usage::or(self.bandwidth_gb, DEFAULT_BANDWIDTH_GB);
        let overage = (bandwidth.value - INCLUDED_BANDWIDTH_GB).max(0.0);
        let mut meters = vec![MeterUse::new(
            format!("Standard apps ({})", self.count),
            query("Standard App"),
            count * context.hours(),
            Dimension::Hours,
        )
        .category(Category::Compute)];
        // Within the allowance there is nothing to price, and an unverified meter name
        // should not turn a complete estimate into an unpriced one.
        if overage > 0.0 {
            meters.push(
                MeterUse::new(
                    format!(
                        "bandwidth beyond 100 GB included ({} GB each)",
                        bandwidth.value
                    ),
                    query("Standard Bandwidth Usage"),
                    count * decimal(overage),
                    Dimension::Gigabytes,
                )
                .usage(&bandwidth)
                .category(Category::Network)
                .note("100 GB a month included per app"),
            );
        }
        meters
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

    fn apps(sku: StaticWebAppSku, bandwidth: Option<f64>) -> StaticWebApp {
        StaticWebApp {
            sku,
            count: 2.0,
            bandwidth_gb: bandwidth,
            pricing_region: None,
        }
    }

    fn lookup(meter: &MeterUse) -> Result<crate::catalog::Price, LookupError> {
        let MeterSource::Catalog(query) = &meter.source else {
            panic!("catalog meter")
        };
        Snapshot::embedded()
            .unwrap()
            .catalog
            .lookup(query, "2026-11-01")
    }

    #[test]
    fn free_has_no_lines_and_standard_bills_overage_only() {
        assert!(apps(StaticWebAppSku::Free, Some(500.0))
            .meters(&context())
            .is_empty());
        let meters = apps(StaticWebAppSku::Standard, Some(250.0)).meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(1_460));
        // (250 − 100) GB × 2 apps.
        assert_eq!(meters[1].quantity, Decimal::from(300));
        assert_eq!(meters[1].basis, Basis::Usage);
        // The assumed 50 GB is within the allowance: no bandwidth line.
        assert_eq!(
            apps(StaticWebAppSku::Standard, None)
                .meters(&context())
                .len(),
            1
        );
    }

    #[test]
    fn validation_rejects_bad_numbers() {
        let mut bad = apps(StaticWebAppSku::Standard, Some(-1.0));
        bad.count = 0.0;
        let issues = bad.validate();
        assert_eq!(issues[0].message, "count must be between 1 and 100 (got 0)");
        assert_eq!(issues[1].path, "bandwidth_gb");
    }

    #[test]
    fn westus_is_unpriced_and_westeurope_has_the_app_fee() {
        for meter in apps(StaticWebAppSku::Standard, Some(150.0)).meters(&context()) {
            let result = lookup(&meter);
            assert!(
                matches!(result, Err(LookupError::NotFound { .. })),
                "{}: {result:?}",
                meter.label
            );
        }
        let mut europe = apps(StaticWebAppSku::Standard, Some(150.0));
        europe.pricing_region = Some("westeurope".to_string());
        let meters = europe.meters(&context());
        assert!(lookup(&meters[0]).is_ok());
        // The overage meter has no row anywhere in today's snapshot.
        assert!(matches!(
            lookup(&meters[1]),
            Err(LookupError::NotFound { .. })
        ));
    }
}
