//! The plan's capacity simulation: gunicorn's per-instance model under the plan's demand, with
//! the autoscale engine when the plan autoscales and a fixed count when it does not.

use super::workload::Workload;
use super::{AppServicePlan, SkuSpec};
use crate::capacity::autoscale;
use crate::capacity::gunicorn::{GunicornInstance, Latency, RequestCost};
use crate::services::{CapacityReport, Demand, ResourceSimulation, Simulated};
use crate::simulate::{hourly_means, Hourly};

const MINUTES_PER_HOUR: f64 = 60.0;

/// The per-instance model shared by both paths.
struct Model<'a> {
    instance: GunicornInstance,
    cost: RequestCost,
    workload: &'a Workload,
}

impl Model<'_> {
    /// p95 response time (ms) of an instance taking `per_instance` requests/s; `None` when
    /// saturated.
    fn p95_ms(&self, per_instance: f64) -> Result<Option<f64>, String> {
        Ok(
            match self
                .instance
                .latency(&self.cost, per_instance)
                .map_err(|error| error.to_string())?
            {
                Latency::Served { p95_seconds, .. } => Some(p95_seconds * 1000.0),
                Latency::Saturated { .. } => None,
            },
        )
    }
}

/// One minute's load on the plan: total requests/s and the instances serving it.
#[derive(Clone, Copy)]
struct Minute {
    requests_per_second: f64,
    instances: u32,
}

pub fn simulate(
    plan: &AppServicePlan,
    spec: &SkuSpec,
    demand: &Demand,
) -> Result<Option<ResourceSimulation>, String> {
    let Some(workload) = &plan.workload else {
        return Ok(None);
    };
    let demand = demand.scaled(plan.traffic_share);
    let model = Model {
        instance: workload.instance(spec),
        cost: workload.cost(),
        workload,
    };
    let capacity = model
        .instance
        .capacity(&model.cost, workload.target_utilisation)
        .map_err(|error| error.to_string())?;
    let peak_demand = demand
        .requests_per_second
        .iter()
        .copied()
        .fold(0.0, f64::max);
    let needed = model
        .instance
        .instances_needed(peak_demand, &model.cost, workload.target_utilisation)
        .map_err(|error| error.to_string())?;
    let hours = f64::from(demand.hours);
    let (minutes, maximum, mut notes) = match &plan.autoscale {
        Some(settings) => {
            let cpu = |rate: f64| model.instance.cpu_percent(&model.cost, rate);
            let run = autoscale::simulate(&settings.profile(), &demand.requests_per_second, &cpu)
                .map_err(|error| error.to_string())?;
            let minutes: Vec<Minute> = run
                .minutes
                .iter()
                .map(|state| Minute {
                    requests_per_second: state.requests_per_second,
                    instances: state.instances,
                })
                .collect();
            let note = format!(
                "{}: the peak of {peak_demand:.1} req/s needs {needed} instance(s) at {:.0}% target utilisation",
                settings.describe(),
                workload.target_utilisation * 100.0
            );
            (minutes, Some(settings.maximum as u32), vec![note])
        }
        None => {
            let count = plan.count as u32;
            let minutes = demand
                .requests_per_second
                .iter()
                .map(|&requests_per_second| Minute {
                    requests_per_second,
                    instances: count,
                })
                .collect();
            let mut notes = vec![format!(
                "instances_needed: {needed} for the peak of {peak_demand:.1} req/s at {:.0}% target utilisation",
                workload.target_utilisation * 100.0
            )];
            if needed > count {
                notes.push(format!(
                    "count {count} is too small for the peak: it needs {needed}; raise count or add autoscale"
                ));
            }
            (minutes, None, notes)
        }
    };
    let average = if minutes.is_empty() {
        f64::from(plan.count as u32)
    } else {
        minutes
            .iter()
            .map(|minute| f64::from(minute.instances))
            .sum::<f64>()
            / minutes.len() as f64
    };
    let peak = minutes.iter().map(|minute| minute.instances).max();
    let per_instance =
        |minute: &Minute| minute.requests_per_second / f64::from(minute.instances.max(1));
    let cpu = minutes
        .iter()
        .map(|minute| {
            model
                .instance
                .cpu_percent(&model.cost, per_instance(minute))
        })
        .sum::<f64>()
        / minutes.len().max(1) as f64;
    let busiest = minutes.iter().max_by(|left, right| {
        left.requests_per_second
            .total_cmp(&right.requests_per_second)
    });
    let p95 = match busiest {
        Some(minute) => model.p95_ms(per_instance(minute))?,
        None => None,
    };
    // Beyond target utilisation ÷ target the busiest resource is at 100%: requests queue.
    let saturation = capacity.max_requests_per_second / model.workload.target_utilisation;
    let saturated = minutes
        .iter()
        .filter(|minute| per_instance(minute) >= saturation)
        .count();
    if saturated > 0 {
        notes.push(format!(
            "saturated for {saturated} minute(s) ({:.1} h): over {saturation:.1} req/s per instance \
             the {:?} limit is reached and latency is unbounded; raise the maximum or use a larger SKU",
            saturated as f64 / MINUTES_PER_HOUR,
            capacity.bottleneck
        ));
    }
    if p95.is_none() && busiest.is_some() && saturated == 0 {
        notes.push("the busiest minute saturates an instance: p95 latency is unbounded".into());
    }
    notes.extend(capacity.memory.warning());
    if workload.memory_per_worker_mib.is_none() {
        notes.push("memory fit not checked: give workload.memory_per_worker_mib".into());
    }
    let minutes_at_maximum = maximum.map(|maximum| {
        minutes
            .iter()
            .filter(|minute| minute.instances == maximum)
            .count() as f64
            / MINUTES_PER_HOUR
    });
    let instance_hours = average * hours;
    let instances: Vec<f64> = minutes
        .iter()
        .map(|minute| f64::from(minute.instances))
        .collect();
    let rates: Vec<f64> = minutes
        .iter()
        .map(|minute| minute.requests_per_second)
        .collect();
    let hourly = Hourly {
        requests_per_second: hourly_means(&rates),
        capacity: hourly_means(&instances),
        billed: hourly_means(&instances),
    };
    Ok(Some(ResourceSimulation {
        quantities: Simulated::Instances { instance_hours },
        report: CapacityReport {
            unit: "instances".into(),
            peak: f64::from(peak.unwrap_or(plan.count as u32)),
            average,
            hours: Some(instance_hours),
            utilisation_percent: Some(cpu),
            hours_at_maximum: minutes_at_maximum,
            p95_latency_ms_at_peak: p95,
            notes,
            hourly,
            ..CapacityReport::default()
        },
        alternatives: Vec::new(),
    }))
}
