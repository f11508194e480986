//! The app's capacity simulation: HTTP scaling by Little's law over the demand, as active and
//! idle replica-seconds and requests.

use super::{ContainerApp, DEFAULT_CONCURRENT_REQUESTS};
use crate::capacity::replicas::{self, HttpScaleRule};
use crate::services::{CapacityReport, Demand, ResourceSimulation, Simulated};
use crate::simulate::{hourly_means, hourly_sums, Hourly};

const SECONDS_PER_MINUTE: f64 = 60.0;
const SECONDS_PER_HOUR: f64 = 3_600.0;

pub fn simulate(app: &ContainerApp, demand: &Demand) -> Result<Option<ResourceSimulation>, String> {
    let Some(duration_ms) = app.request_duration_ms else {
        return Ok(None);
    };
    let demand = demand.scaled(app.traffic_share);
    let rule = HttpScaleRule {
        min_replicas: app.min_replicas as u32,
        max_replicas: app.max_replicas as u32,
        concurrent_requests: app
            .concurrent_requests
            .unwrap_or(DEFAULT_CONCURRENT_REQUESTS) as u32,
        cooldown_seconds: app.scale_to_zero_cooldown_seconds as u32,
    };
    let run = replicas::simulate(&rule, &demand.requests_per_second, duration_ms / 1000.0)
        .map_err(|error| error.to_string())?;
    let totals = run.totals;
    let replica_seconds = totals.active_replica_seconds + totals.idle_replica_seconds;
    let minutes = run.minutes.len().max(1) as f64;
    let at_maximum = run
        .minutes
        .iter()
        .filter(|minute| minute.replicas == rule.max_replicas)
        .count();
    // Above max × concurrent_requests in flight, requests queue at the ingress.
    let overloaded = run
        .minutes
        .iter()
        .filter(|minute| {
            minute.concurrency > f64::from(rule.max_replicas * rule.concurrent_requests)
        })
        .count();
    let mut notes = vec![format!(
        "{:.1} h scaled to zero; {:.1} replica-hours idle",
        totals.minutes_at_zero as f64 / SECONDS_PER_MINUTE,
        totals.idle_replica_seconds / SECONDS_PER_HOUR
    )];
    if overloaded > 0 {
        notes.push(format!(
            "{overloaded} minute(s) need more than max_replicas × concurrent_requests ({}) in flight: requests queue; raise max_replicas",
            rule.max_replicas * rule.concurrent_requests
        ));
    }
    let column = |value: fn(&replicas::ReplicaMinute) -> f64| -> Vec<f64> {
        run.minutes.iter().map(value).collect()
    };
    let hourly = Hourly {
        requests_per_second: hourly_means(&column(|minute| minute.requests_per_second)),
        capacity: hourly_means(&column(|minute| f64::from(minute.replicas))),
        billed: hourly_sums(&column(|minute| {
            minute.active_replica_seconds + minute.idle_replica_seconds
        })),
    };
    Ok(Some(ResourceSimulation {
        quantities: Simulated::Replicas {
            active_replica_seconds: totals.active_replica_seconds,
            idle_replica_seconds: totals.idle_replica_seconds,
            requests: totals.requests,
        },
        report: CapacityReport {
            unit: "replicas".into(),
            peak: f64::from(totals.peak_replicas),
            average: replica_seconds / (minutes * SECONDS_PER_MINUTE),
            hours: Some(replica_seconds / SECONDS_PER_HOUR),
            hours_at_maximum: Some(at_maximum as f64 / SECONDS_PER_MINUTE),
            notes,
            hourly,
            ..CapacityReport::default()
        },
        alternatives: Vec::new(),
    }))
}
