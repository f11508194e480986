//! Log Analytics workspace (Analytics Logs, pay-as-you-go), including workspace-based
//! Application Insights.
//!
//! # What it prices
//! Data ingested per GB and interactive retention beyond the included 31 days, per GB-month
//! (billing-rules §5.3). Workspace-based Application Insights bills through its workspace on
//! these same meters, so an App Insights resource is priced by giving its telemetry volume
//! here (classic Application Insights is retired).
//!
//! # Meters
//! serviceName `Log Analytics`, productName `Log Analytics`, skuName `Analytics Logs`:
//! `Analytics Logs Data Ingestion` (`1 GB`, a $0 first tier up to 5 GB: the monthly free
//! allowance, applied by the catalog) and `Analytics Logs Data Retention` (`1 GB/Month`).
//!
//! # Scenario fields
//! `ingestion_gb` a month (default [`DEFAULT_INGESTION_GB`]), `retention_days` (interactive
//! retention, 31–730, default 31).
//!
//! # Assumptions
//! - 10 GB ingested a month when not given (a small app's requests, traces and platform
//!   logs). Labelled *assumed*.
//! - The 5 GB free allowance is per billing account; the rows apply it to this workspace,
//!   so two workspaces in one scenario each get it (an overstatement of the grant).
//! - Retention up to 31 days is included in the ingestion price; shorter retention saves
//!   nothing. Beyond it, in steady state (the workspace is older than its retention) the data
//!   older than 31 days is `ingestion_gb × (retention_days − 31) / days in the month` GB,
//!   billed every month as GB-months.
//! - Application Insights tables default to 90 days' retention; set `retention_days: 90`
//!   for a workspace that holds only App Insights data at its default.
//! - Commitment tiers (100 GB/day and up) are not offered: the snapshot has no commitment
//!   tier rows. Basic/Auxiliary logs, queries on them, archive and search jobs are not priced.
//!
//! # Example
//! ```yaml
//! monitoring:
//!   kind: log_analytics
//!   ingestion_gb: 40
//!   retention_days: 90
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::{Dimension, PriceQuery};

/// GB ingested a month when the scenario does not say.
pub const DEFAULT_INGESTION_GB: f64 = 10.0;
/// Interactive retention included in the ingestion price.
pub const INCLUDED_RETENTION_DAYS: f64 = 31.0;
/// Longest interactive retention.
pub const MAX_RETENTION_DAYS: f64 = 730.0;

/// A Log Analytics workspace on the pay-as-you-go Analytics Logs plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogAnalytics {
    /// GB ingested a month (billable size); default 10.
    #[serde(default)]
    pub ingestion_gb: Option<f64>,
    /// Interactive retention in days (31–730, default 31; 31 are included).
    #[serde(default = "included_retention")]
    pub retention_days: f64,
}

fn included_retention() -> f64 {
    INCLUDED_RETENTION_DAYS
}

fn query(context: &Context, meter: &str) -> PriceQuery {
    context
        .query("Log Analytics")
        .product("Log Analytics")
        .sku("Analytics Logs")
        .meter(meter)
}

impl Service for LogAnalytics {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "ingestion_gb", self.ingestion_gb, 0.0, 1e8);
        check_range(
            &mut issues,
            "retention_days",
            Some(self.retention_days),
            INCLUDED_RETENTION_DAYS,
            MAX_RETENTION_DAYS,
        );
        issues
    }

    fn sku_label(&self) -> String {
        format!("Analytics Logs, {} days", self.retention_days)
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let ingestion = Usage::or(self.ingestion_gb, DEFAULT_INGESTION_GB);
        let mut meters = vec![MeterUse::new(
            format!("data ingestion ({} GB)", ingestion.value),
            query(context, "Analytics Logs Data Ingestion"),
            decimal(ingestion.value),
            Dimension::Gigabytes,
        )
        .usage(&ingestion)
        .category(Category::Monitoring)
        .note("first 5 GB a month free (the $0 tier)")];
        let extra_days = self.retention_days - INCLUDED_RETENTION_DAYS;
        if extra_days > 0.0 {
            let retained = decimal(ingestion.value) * decimal(extra_days) / context.month.days();
            meters.push(
                MeterUse::new(
                    format!("retention beyond 31 days ({} days)", self.retention_days),
                    query(context, "Analytics Logs Data Retention"),
                    retained,
                    Dimension::GigabyteMonths,
                )
                .usage(&ingestion)
                .category(Category::Monitoring)
                .note(format!(
                    "steady state: {} GB/month × {extra_days} extra days / {} days",
                    ingestion.value,
                    context.month.days().round_dp(2)
                )),
            );
        }
        meters
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::money::MonthLength;
    use crate::services::{Basis, MeterSource};
    use rust_decimal::Decimal;

    fn context(month: MonthLength) -> Context {
        Context {
            region: "westus".to_string(),
            month,
            environment: "test".to_string(),
            simulated: None,
        }
    }

    #[test]
    fn included_retention_bills_ingestion_only() {
        let workspace = LogAnalytics {
            ingestion_gb: None,
            retention_days: 31.0,
        };
        let meters = workspace.meters(&context(MonthLength::average()));
        assert_eq!(meters.len(), 1);
        assert_eq!(meters[0].quantity, Decimal::from(10));
        assert_eq!(meters[0].basis, Basis::Assumed);
    }

    #[test]
    fn extra_retention_is_the_data_older_than_31_days() {
        // 60 GB a month kept 91 days in a 30-day month: 60 × 60 / 30 = 120 GB-months.
        let workspace = LogAnalytics {
            ingestion_gb: Some(60.0),
            retention_days: 91.0,
        };
        let april = MonthLength::parse("2026-04").unwrap();
        let meters = workspace.meters(&context(april));
        assert_eq!(meters[1].quantity, Decimal::from(120));
        assert_eq!(meters[1].dimension, Dimension::GigabyteMonths);
        assert_eq!(meters[1].basis, Basis::Usage);
    }

    #[test]
    fn validation_names_the_range() {
        let workspace = LogAnalytics {
            ingestion_gb: Some(-1.0),
            retention_days: 7.0,
        };
        let issues = workspace.validate();
        assert_eq!(
            issues[0].message,
            "ingestion_gb must be between 0 and 100000000 (got -1)"
        );
        assert_eq!(
            issues[1].message,
            "retention_days must be between 31 and 730 (got 7)"
        );
    }

    #[test]
    fn both_meters_price_in_westus_with_the_free_tier() {
        let snapshot = Snapshot::embedded().unwrap();
        let workspace = LogAnalytics {
            ingestion_gb: Some(50.0),
            retention_days: 90.0,
        };
        let meters = workspace.meters(&context(MonthLength::average()));
        assert_eq!(meters.len(), 2);
        for meter in &meters {
            let MeterSource::Catalog(query) = &meter.source else {
                panic!("catalog meter")
            };
            let price = snapshot.catalog.lookup(query, "2026-11-01");
            assert!(price.is_ok(), "{}: {price:?}", meter.label);
        }
        let MeterSource::Catalog(query) = &meters[0].source else {
            panic!("catalog meter")
        };
        let ingestion = snapshot.catalog.lookup(query, "2026-11-01").unwrap();
        assert_eq!(ingestion.tiers[0].unit_price, Decimal::ZERO);
        assert_eq!(ingestion.tiers[1].from_blocks, Decimal::from(5));
    }
}
