//! What a capacity simulation says about one resource: billable quantities for pricing, and a
//! capacity report for people.

use serde::{Deserialize, Serialize};

use crate::services::MeterUse;

/// Per-minute demand on one resource over the simulated month.
#[derive(Clone, Debug, PartialEq)]
pub struct Demand {
    /// Requests per second, one value per minute.
    pub requests_per_second: Vec<f64>,
    /// Hours in the simulated month.
    pub hours: u32,
}

impl Demand {
    /// The same demand with every minute scaled by `factor` (a resource's traffic share, a
    /// Monte Carlo draw).
    pub fn scaled(&self, factor: f64) -> Demand {
        Demand {
            requests_per_second: self
                .requests_per_second
                .iter()
                .map(|rate| rate * factor)
                .collect(),
            hours: self.hours,
        }
    }
}

/// Billable quantities the simulation measured; services price these instead of fixed counts.
#[derive(Clone, Debug, PartialEq)]
pub enum Simulated {
    /// Instance-hours of an autoscaled App Service plan (instances are billed per second).
    Instances { instance_hours: f64 },
    /// Container Apps replica time and requests in the month.
    Replicas {
        active_replica_seconds: f64,
        idle_replica_seconds: f64,
        requests: f64,
    },
    /// Cosmos DB provisioned or autoscale throughput: billed RU/s-hours, regions included.
    Throughput { billed_request_unit_hours: f64 },
    /// Cosmos DB serverless: request units consumed.
    RequestUnits { request_units: f64 },
}

/// The capacity a resource needed, for the report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CapacityReport {
    pub environment: String,
    pub resource: String,
    pub kind: String,
    /// What `peak` and `average` count: `instances`, `replicas` or `RU/s`.
    pub unit: String,
    pub peak: f64,
    pub average: f64,
    /// Instance-hours or replica-hours in the month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Average CPU (instances) or throughput (RU/s) utilisation, %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilisation_percent: Option<f64>,
    /// Hours pinned at the autoscale or replica maximum: an SLO risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_at_maximum: Option<f64>,
    /// p95 response time at the busiest minute, milliseconds (M/M/c).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p95_latency_ms_at_peak: Option<f64>,
    /// Hours whose demand exceeded provisioned throughput (Cosmos DB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throttled_hours: Option<f64>,
    /// Warnings and advice: memory that does not fit, a cheaper throughput mode…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The month hour by hour, for budgets and charts: kept in memory only (an Estimate read
    /// back from JSON has none, and its simulated lines then accrue evenly).
    #[serde(skip)]
    pub hourly: Hourly,
}

/// A simulated resource hour by hour (one value per hour of the simulated month).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hourly {
    /// Demand on the resource: mean requests/s in each hour.
    pub requests_per_second: Vec<f64>,
    /// Capacity in the report's `unit`, mean in each hour (instances, replicas, RU/s needed).
    pub capacity: Vec<f64>,
    /// What is billed in each hour, in the unit the resource bills (instances, replica-seconds,
    /// billed RU/s, RU consumed): the weights its simulated lines accrue by.
    pub billed: Vec<f64>,
}

/// Mean of each whole or partial hour of a per-minute series.
pub fn hourly_means(per_minute: &[f64]) -> Vec<f64> {
    per_minute
        .chunks(60)
        .map(|hour| hour.iter().sum::<f64>() / hour.len() as f64)
        .collect()
}

/// Sum of each whole or partial hour of a per-minute series.
pub fn hourly_sums(per_minute: &[f64]) -> Vec<f64> {
    per_minute
        .chunks(60)
        .map(|hour| hour.iter().sum::<f64>())
        .collect()
}

/// Another way to run the same resource for the same demand (e.g. Cosmos DB manual vs
/// autoscale vs serverless), priced by the estimate so the report can say which is cheapest.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// "manual 4,000 RU/s", "serverless"…
    pub label: String,
    pub meters: Vec<MeterUse>,
    /// What the alternative costs besides money: "throttled 12 h", "exceeds the serverless
    /// ceiling".
    pub caveat: Option<String>,
}

/// A resource's simulation: what to bill, what to report, and what else it could be.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceSimulation {
    pub quantities: Simulated,
    pub report: CapacityReport,
    pub alternatives: Vec<Alternative>,
}
