//! Azure Container Apps on the Consumption plan: one app, priced from its average replicas.
//!
//! # What it prices
//! The per-second resources a consumption app's replicas are allocated (vCPU-seconds and
//! GiB-seconds, at the *active* or the cheaper *idle* rate), its billable HTTP requests, and the
//! environment's private-endpoint management fee (billing-rules §2.1). A replica scaled to zero
//! costs nothing.
//!
//! # Meters
//! serviceName `Azure Container Apps`, productName `Azure Container Apps`, skuName `Standard`:
//! `Standard vCPU Active Usage` and `Standard vCPU Idle Usage` (`1 Second`), `Standard Memory
//! Active Usage` and `Standard Memory Idle Usage` (`1 GiB Second`), `Standard Requests` (`1M`).
//! With `private_endpoint`: skuName `Environment`, meter `Environment Private Endpoint`
//! (`1 Hour`; in force from 2026-09-01, the older name of the same fee is `Dedicated Plan
//! Management`).
//!
//! # Scenario fields
//! `vcpu` per replica (0.25–4 in steps of 0.25), `memory_gib` (must be 2 × vcpu; default
//! 2 × vcpu), `min_replicas` (0–1000, default 0), `max_replicas` (1–1000, default 10),
//! `active_replicas` (average replicas handling traffic over the month, 0–max_replicas;
//! default: `min_replicas`, assumed), `concurrent_requests` (HTTP scale rule, default 10; for
//! the capacity model only, no price effect), `requests_per_month` (default 1,000,000,
//! assumed), `free_grant` (default true), `private_endpoint` (default false).
//!
//! Capacity model (used only when the environment has `traffic`): `traffic_share` (0–1,
//! default 1: the fraction of the environment's requests this app serves),
//! `request_duration_ms` (wall-clock time per request; without it the app is not simulated),
//! `scale_to_zero_cooldown_seconds` (0–86,400, default 300, KEDA's cooldownPeriod).
//!
//! # Assumptions
//! - Fixed-count model: the app runs `max(min_replicas, active_replicas)` replicas on average.
//!   `active_replicas` of them bill at the active rate. Only when the average active count is
//!   below `min_replicas` does the app sit at its minimum, and the `min_replicas −
//!   active_replicas` replicas left over bill at the idle rate (idle billing needs
//!   `minReplicas > 0` and the revision scaled to exactly its minimum). An app busy 8 h a day
//!   on 2 replicas has `active_replicas: 0.667` (2 × 8 / 24).
//! - The monthly free grant (180,000 vCPU-s, 360,000 GiB-s, 2,000,000 requests) is **per
//!   subscription**: keep `free_grant: true` on one app of a subscription and set it `false` on
//!   the others, or the grant is counted twice. The docs do not say in which order the grant
//!   meets active and idle usage; azcost takes it from active usage first, then idle (the
//!   reading most favourable to the customer, since active vCPU costs more than idle vCPU).
//! - The private-endpoint fee is per *environment*: set `private_endpoint` on one app per
//!   environment. Fees for other environment features (planned maintenance) are additive and
//!   not modelled.
//! - `DEFAULT_REQUESTS_PER_MONTH` (1,000,000) is a small-app placeholder, labelled assumed.
//! - Simulation ([`crate::capacity::replicas`]): replicas each minute =
//!   clamp(ceil(requests/s × duration / concurrent_requests), min, max) while requests arrive;
//!   at the minimum without requests they are idle; with `min_replicas: 0` one replica stays
//!   (active) for the cooldown after the last request. The simulated active and idle
//!   replica-seconds and requests replace `active_replicas` and `requests_per_month` (every
//!   simulated request is counted billable: traffic is taken to come from outside the
//!   environment); the free grant applies as without simulation.
//!
//! # Example
//! ```yaml
//! api:
//!   kind: container_app
//!   vcpu: 0.5
//!   memory_gib: 1
//!   min_replicas: 1
//!   max_replicas: 5
//!   active_replicas: 1.5
//!   requests_per_month: 10000000
//! ```

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_whole, decimal, Category, Context, Demand, FieldIssue, MeterUse,
    ResourceSimulation, Service, Simulated, Usage,
};
use crate::catalog::{Dimension, PriceQuery};

mod simulation;

/// Seconds without requests before an app with `min_replicas: 0` scales to zero.
pub const DEFAULT_SCALE_TO_ZERO_COOLDOWN_SECONDS: f64 = 300.0;
/// Requests a month when the scenario does not say.
pub const DEFAULT_REQUESTS_PER_MONTH: f64 = 1_000_000.0;
/// The HTTP scale rule's default `concurrentRequests`.
pub const DEFAULT_CONCURRENT_REQUESTS: f64 = 10.0;
/// Monthly free grant per subscription (billing-rules §2.1).
pub const FREE_VCPU_SECONDS: i64 = 180_000;
pub const FREE_GIB_SECONDS: i64 = 360_000;
pub const FREE_REQUESTS: i64 = 2_000_000;

const SECONDS_PER_HOUR: i64 = 3_600;

/// A Container Apps consumption app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContainerApp {
    /// vCPU cores per replica (0.25–4, in steps of 0.25).
    pub vcpu: f64,
    /// Memory per replica in GiB; must be 2 × vcpu (default 2 × vcpu).
    #[serde(default)]
    pub memory_gib: Option<f64>,
    /// Minimum replicas (0–1000, default 0). Above zero, replicas waiting at the minimum bill
    /// at the idle rate.
    #[serde(default)]
    pub min_replicas: f64,
    /// Maximum replicas (1–1000, default 10).
    #[serde(default = "default_max_replicas")]
    pub max_replicas: f64,
    /// Average replicas handling traffic over the month (default: min_replicas, assumed).
    #[serde(default)]
    pub active_replicas: Option<f64>,
    /// Concurrent requests per replica before the HTTP rule scales out (default 10). Used by
    /// the capacity model; no effect on price.
    #[serde(default)]
    pub concurrent_requests: Option<f64>,
    /// Billable HTTP requests a month (default 1,000,000, assumed).
    #[serde(default)]
    pub requests_per_month: Option<f64>,
    /// Apply the subscription's monthly free grant to this app (default true; set false on
    /// the other apps of the same subscription).
    #[serde(default = "yes")]
    pub free_grant: bool,
    /// The environment uses private endpoints, which adds an hourly management fee
    /// (default false; set on one app per environment).
    #[serde(default)]
    pub private_endpoint: bool,
    /// Fraction of the environment's requests this app serves (0–1, default 1); simulation
    /// only.
    #[serde(default = "crate::services::usage::one")]
    pub traffic_share: f64,
    /// Wall-clock time per request in milliseconds (Little's law: concurrency = rate ×
    /// duration); without it the app is not simulated.
    #[serde(default)]
    pub request_duration_ms: Option<f64>,
    /// Seconds without requests before scaling to zero (0–86,400, default 300).
    #[serde(default = "default_cooldown")]
    pub scale_to_zero_cooldown_seconds: f64,
}

fn default_cooldown() -> f64 {
    DEFAULT_SCALE_TO_ZERO_COOLDOWN_SECONDS
}

fn default_max_replicas() -> f64 {
    10.0
}

fn yes() -> bool {
    true
}

/// Replica-seconds a month at each rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicaSeconds {
    pub active: Decimal,
    pub idle: Decimal,
}

impl ContainerApp {
    pub fn memory(&self) -> f64 {
        self.memory_gib.unwrap_or(self.vcpu * 2.0)
    }

    pub fn active_usage(&self) -> Usage<f64> {
        Usage::or(self.active_replicas, self.min_replicas)
    }

    /// Replica-seconds at the active and idle rates (see *Assumptions*).
    pub fn replica_seconds(&self, context: &Context) -> ReplicaSeconds {
        if let Some(Simulated::Replicas {
            active_replica_seconds,
            idle_replica_seconds,
            ..
        }) = context.simulated
        {
            return ReplicaSeconds {
                active: decimal(active_replica_seconds),
                idle: decimal(idle_replica_seconds),
            };
        }
        let active = self.active_usage().value;
        let idle = (self.min_replicas - active).max(0.0);
        let seconds = context.hours() * Decimal::from(SECONDS_PER_HOUR);
        ReplicaSeconds {
            active: decimal(active) * seconds,
            idle: decimal(idle) * seconds,
        }
    }

    fn query(&self, context: &Context, sku: &str, meter: &str) -> PriceQuery {
        context
            .query("Azure Container Apps")
            .product("Azure Container Apps")
            .sku(sku)
            .meter(meter)
    }
}

/// Takes what the remaining grant covers off `used`; returns the billable rest.
fn after_grant(used: Decimal, grant: &mut Decimal) -> Decimal {
    let free = used.min(*grant);
    *grant -= free;
    used - free
}

impl Service for ContainerApp {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "vcpu", Some(self.vcpu), 0.25, 4.0);
        if (self.vcpu * 4.0).fract() != 0.0 {
            issues.push(FieldIssue::new(
                "vcpu",
                format!("vcpu must be a multiple of 0.25 (got {})", self.vcpu),
            ));
        }
        check_range(&mut issues, "memory_gib", self.memory_gib, 0.5, 8.0);
        if let Some(memory) = self.memory_gib {
            if memory != self.vcpu * 2.0 {
                issues.push(FieldIssue::new(
                    "memory_gib",
                    format!("memory_gib must be 2 × vcpu on the consumption plan ({} for {} vCPU; got {memory})", self.vcpu * 2.0, self.vcpu),
                ));
            }
        }
        check_range(
            &mut issues,
            "min_replicas",
            Some(self.min_replicas),
            0.0,
            1000.0,
        );
        check_range(
            &mut issues,
            "max_replicas",
            Some(self.max_replicas),
            1.0,
            1000.0,
        );
        for (field, value) in [
            ("min_replicas", self.min_replicas),
            ("max_replicas", self.max_replicas),
        ] {
            check_whole(&mut issues, field, value);
        }
        if self.min_replicas > self.max_replicas {
            issues.push(FieldIssue::new(
                "min_replicas",
                format!(
                    "min_replicas ({}) must not exceed max_replicas ({})",
                    self.min_replicas, self.max_replicas
                ),
            ));
        }
        check_range(
            &mut issues,
            "active_replicas",
            self.active_replicas,
            0.0,
            self.max_replicas,
        );
        check_range(
            &mut issues,
            "concurrent_requests",
            self.concurrent_requests,
            1.0,
            10_000.0,
        );
        check_range(
            &mut issues,
            "requests_per_month",
            self.requests_per_month,
            0.0,
            1e13,
        );
        check_range(
            &mut issues,
            "traffic_share",
            Some(self.traffic_share),
            0.0,
            1.0,
        );
        check_range(
            &mut issues,
            "request_duration_ms",
            self.request_duration_ms,
            0.001,
            3_600_000.0,
        );
        check_range(
            &mut issues,
            "scale_to_zero_cooldown_seconds",
            Some(self.scale_to_zero_cooldown_seconds),
            0.0,
            86_400.0,
        );
        issues
    }

    fn sku_label(&self) -> String {
        format!("{} vCPU / {} GiB", self.vcpu, self.memory())
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let simulated_requests = match context.simulated {
            Some(Simulated::Replicas { requests, .. }) => Some(requests),
            _ => None,
        };
        let usage = match simulated_requests {
            Some(_) => Usage {
                value: 0.0,
                assumed: false,
            },
            None => self.active_usage(),
        };
        let seconds = self.replica_seconds(context);
        let (vcpu, memory) = (decimal(self.vcpu), decimal(self.memory()));
        let granted = |amount: i64| {
            if self.free_grant {
                Decimal::from(amount)
            } else {
                Decimal::ZERO
            }
        };
        let (mut vcpu_grant, mut memory_grant) =
            (granted(FREE_VCPU_SECONDS), granted(FREE_GIB_SECONDS));
        let grant_note = "after the subscription's monthly free grant (active usage first)";
        let mut meters = Vec::new();
        for (rate, replica_seconds) in [("Active", seconds.active), ("Idle", seconds.idle)] {
            if replica_seconds.is_zero() && rate == "Idle" {
                continue;
            }
            let vcpu_seconds = after_grant(replica_seconds * vcpu, &mut vcpu_grant);
            let gib_seconds = after_grant(replica_seconds * memory, &mut memory_grant);
            let lower = rate.to_lowercase();
            let mut vcpu_line = MeterUse::new(
                format!("vCPU {lower} ({} vCPU × replica-seconds)", self.vcpu),
                self.query(context, "Standard", &format!("Standard vCPU {rate} Usage")),
                vcpu_seconds,
                Dimension::Seconds,
            )
            .usage(&usage)
            .category(Category::Compute);
            let mut memory_line = MeterUse::new(
                format!("memory {lower} ({} GiB × replica-seconds)", self.memory()),
                self.query(
                    context,
                    "Standard",
                    &format!("Standard Memory {rate} Usage"),
                ),
                gib_seconds,
                Dimension::GibibyteSeconds,
            )
            .usage(&usage)
            .category(Category::Compute);
            if simulated_requests.is_some() {
                vcpu_line = vcpu_line.note("simulated replica-seconds");
                memory_line = memory_line.note("simulated replica-seconds");
            }
            if self.free_grant {
                vcpu_line = vcpu_line.note(grant_note);
                memory_line = memory_line.note(grant_note);
            }
            meters.extend([vcpu_line, memory_line]);
        }
        let requests = match simulated_requests {
            Some(value) => Usage {
                value,
                assumed: false,
            },
            None => Usage::or(self.requests_per_month, DEFAULT_REQUESTS_PER_MONTH),
        };
        let mut request_grant = granted(FREE_REQUESTS);
        let mut request_line = MeterUse::new(
            "HTTP requests",
            self.query(context, "Standard", "Standard Requests"),
            after_grant(decimal(requests.value), &mut request_grant),
            Dimension::Count,
        )
        .usage(&requests)
        .category(Category::Network);
        if self.free_grant {
            request_line = request_line.note("after the subscription's 2,000,000 free requests");
        }
        meters.push(request_line);
        if self.private_endpoint {
            meters.push(
                MeterUse::new(
                    "environment private endpoint fee",
                    self.query(context, "Environment", "Environment Private Endpoint"),
                    context.hours(),
                    Dimension::Hours,
                )
                .category(Category::Network)
                .note("per environment: set private_endpoint on one app of the environment"),
            );
        }
        meters
    }

    fn simulate(&self, demand: &Demand) -> Result<Option<ResourceSimulation>, String> {
        simulation::simulate(self, demand)
    }
}

#[cfg(test)]
mod tests;
