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
//! unit `1 Hour` per instance. Instance-hours are committable (`pricing: reservation-1y` …):
//! Premium v3 and Pmv3 have Reservation rows on the same meter
//! ([`crate::catalog::commitment`]); Basic and Standard have none.
//!
//! # Scenario fields
//! `sku` (B1–B3, S1–S3, P0v3–P3v3, P1mv3–P5mv3), `os` (`linux` default, `windows`),
//! `count` (instances, 1–30, default 1).
//!
//! Capacity model (used only when the environment has `traffic`):
//! `traffic_share` (0–1, default 1: the fraction of the environment's requests this plan
//! serves); `workload` {`cpu_ms`, `wall_ms` per request, `worker_class` (`sync` default,
//! `gthread`, `uvicorn`), `threads` (gthread, default 1), `workers` (`auto` default or 1–64),
//! `memory_per_worker_mib`, `base_memory_mib` (default 0), `target_utilisation` (0.1–1,
//! default 0.7)}; `autoscale` {`minimum`, `maximum` (≤ 30), `default` (default the minimum),
//! `rules`: `seed` (default) or a list of {`metric` (`cpu_percent`, `requests_per_instance`),
//! `direction` (`out`, `in`), `operator` (`greater_than`, `greater_than_or_equal`, `less_than`,
//! `less_than_or_equal`), `threshold`, `window_minutes` (10), `change_count` (1),
//! `cooldown_minutes` (5)}}.
//!
//! # Assumptions
//! - Instances run all month (Always On): instance-hours = count × hours in the month.
//!   Per-second proration matters only with autoscale, which the capacity simulation prices.
//! - Simulation needs `workload` (no per-request cost, no model). One instance's CPU %,
//!   capacity and p95 latency come from [`crate::capacity::gunicorn`] for the SKU's vCPU and
//!   memory; with `autoscale` the instance count each minute follows
//!   [`crate::capacity::autoscale`] (the seeds' rules by default) and the simulated
//!   instance-hours are priced instead of `count × hours` (billed per second, so fractional
//!   hours are real); without `autoscale` the count stays `count` and the report says how many
//!   instances the peak needs. Demand is the environment's per-minute requests/s ×
//!   `traffic_share`, spread evenly over the instances.
//! - Without `traffic` in the environment, `workload` and `autoscale` change nothing: `count`
//!   instances are priced all month.
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
//!   traffic_share: 1
//!   workload: { cpu_ms: 40, wall_ms: 250, worker_class: uvicorn, memory_per_worker_mib: 350 }
//!   autoscale: { minimum: 2, maximum: 6 } # the seeds' rules
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_sku, check_whole, decimal, Basis, Category, Context, Demand, FieldIssue,
    MeterUse, ResourceSimulation, Service, Simulated,
};
use crate::catalog::Dimension;

mod autoscale;
mod simulation;
mod skus;
mod workload;

pub use autoscale::{Autoscale, Direction, MetricName, OperatorName, RuleSpec, Rules};
pub use skus::{SkuSpec, Tier, SKUS};

pub use workload::{WorkerClassName, Workers, Workload, DEFAULT_TARGET_UTILISATION};

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
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
    /// Fraction of the environment's requests this plan serves (0–1, default 1); simulation
    /// only.
    #[serde(default = "crate::services::usage::one")]
    pub traffic_share: f64,
    /// What a request costs the gunicorn workers; without it the plan is not simulated.
    #[serde(default)]
    pub workload: Option<Workload>,
    /// Azure Monitor autoscale; without it the simulated plan keeps `count` instances.
    #[serde(default)]
    pub autoscale: Option<Autoscale>,
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
        check_whole(&mut issues, "count", self.count);
        check_range(
            &mut issues,
            "traffic_share",
            Some(self.traffic_share),
            0.0,
            1.0,
        );
        if let Some(workload) = &self.workload {
            workload.validate(&mut issues);
        }
        if let Some(autoscale) = &self.autoscale {
            autoscale.validate(&mut issues);
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
        if let Some(Simulated::Instances { instance_hours }) = context.simulated {
            let how = match &self.autoscale {
                Some(autoscale) => autoscale.describe(),
                None => format!("fixed {} instance(s)", self.count),
            };
            return vec![MeterUse::new(
                format!("{} instance hours (simulated)", self.sku),
                query,
                decimal(instance_hours),
                Dimension::Hours,
            )
            .basis(Basis::Usage)
            .category(Category::Compute)
            .committable()
            .note(format!("simulated: {how}"))];
        }
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
        .category(Category::Compute)
        .committable()]
    }

    fn simulate(&self, demand: &Demand) -> Result<Option<ResourceSimulation>, String> {
        match self.spec() {
            Some(spec) => simulation::simulate(self, spec, demand),
            None => Err(format!("unknown sku `{}`", self.sku)),
        }
    }
}

#[cfg(test)]
mod tests;
