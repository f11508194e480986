//! The account's capacity simulation: RU/s each minute from the operation mix, billed under the
//! account's mode, and the same demand under the other modes as alternatives.

use super::{CosmosDb, ThroughputMode, DEFAULT_STORAGE_GB};
use crate::capacity::cosmos::{
    bill_throughput, minimum_autoscale_max, minimum_manual, request_units_by_minute,
    validate_throughput, ThroughputFloor, ThroughputMode as Mode, ThroughputUsage,
    SERVERLESS_CEILING_REQUEST_UNITS_PER_SECOND,
};
use crate::money::MonthLength;
use crate::services::{
    Alternative, CapacityReport, Context, Demand, ResourceSimulation, Service, Simulated, Usage,
};
use crate::simulate::{hourly_means, hourly_sums, Hourly};

const MAX_REQUEST_UNITS_PER_SECOND: u32 = 1_000_000;

fn round_up(value: f64, step: u32) -> u32 {
    let steps = (value / f64::from(step)).ceil().max(0.0);
    (steps * f64::from(step)).min(f64::from(MAX_REQUEST_UNITS_PER_SECOND)) as u32
}

/// A month of `hours` hours for the alternatives' meters (the 730-hour average unless a
/// calendar month has exactly that many).
fn month(hours: u32) -> MonthLength {
    (2026..2029)
        .flat_map(|year| (1..=12).filter_map(move |month| MonthLength::calendar(year, month)))
        .find(|month| month.hours() == hours)
        .filter(|_| hours != MonthLength::average().hours())
        .unwrap_or_default()
}

/// The quantities a mode bills, hours the demand was throttled, and its notes.
struct Billed {
    quantities: Simulated,
    throttled_hours: f64,
    /// Average of the hourly billed RU/s per region.
    average_billed: f64,
    /// Billed RU/s (provisioned) or RU consumed (serverless), hour by hour.
    hourly: Vec<f64>,
    notes: Vec<String>,
}

fn bill(mode: &Mode, regions: u32, series: &[f64]) -> Result<Billed, String> {
    let usage = bill_throughput(mode, regions, series).map_err(|error| error.to_string())?;
    Ok(match usage {
        ThroughputUsage::Provisioned(usage) => {
            let hours = usage.hours.len().max(1) as f64;
            let average_billed = usage
                .hours
                .iter()
                .map(|hour| f64::from(hour.billed_request_units_per_second))
                .sum::<f64>()
                / hours;
            let mut notes = Vec::new();
            if usage.throttled_hours > 0 {
                notes.push(format!(
                    "throttled (429) in {} hour(s): demand above the provisioned RU/s",
                    usage.throttled_hours
                ));
            }
            Billed {
                quantities: Simulated::Throughput {
                    billed_request_unit_hours: usage.billed_request_unit_hours as f64,
                },
                throttled_hours: usage.throttled_hours as f64,
                average_billed,
                hourly: usage
                    .hours
                    .iter()
                    .map(|hour| f64::from(hour.billed_request_units_per_second))
                    .collect(),
                notes,
            }
        }
        ThroughputUsage::Serverless(usage) => {
            let mut hours: Vec<usize> = usage
                .minutes_over_ceiling
                .iter()
                .map(|minute| minute / 60)
                .collect();
            hours.dedup();
            let mut notes = Vec::new();
            if !usage.minutes_over_ceiling.is_empty() {
                notes.push(format!(
                    "{} minute(s) above the serverless ceiling of {SERVERLESS_CEILING_REQUEST_UNITS_PER_SECOND} RU/s: rate-limited",
                    usage.minutes_over_ceiling.len()
                ));
            }
            Billed {
                quantities: Simulated::RequestUnits {
                    request_units: usage.request_units,
                },
                throttled_hours: hours.len() as f64,
                average_billed: 0.0,
                hourly: hourly_sums(series)
                    .into_iter()
                    .map(|units_per_second| units_per_second * 60.0)
                    .collect(),
                notes,
            }
        }
    })
}

fn model_mode(account: &CosmosDb) -> Mode {
    let throughput = account.throughput.unwrap_or(0.0) as u32;
    match account.mode {
        ThroughputMode::Provisioned => Mode::Manual {
            request_units_per_second: throughput,
        },
        ThroughputMode::Autoscale => Mode::Autoscale {
            max_request_units_per_second: throughput,
        },
        ThroughputMode::Serverless => Mode::Serverless {
            ceiling_request_units_per_second: SERVERLESS_CEILING_REQUEST_UNITS_PER_SECOND,
        },
    }
}

pub fn simulate(account: &CosmosDb, demand: &Demand) -> Result<Option<ResourceSimulation>, String> {
    let Some(operations) = &account.operations else {
        return Ok(None);
    };
    let demand = demand.scaled(account.traffic_share);
    let per_request = operations
        .mix()
        .request_units_per_request()
        .map_err(|error| error.to_string())?;
    let series = request_units_by_minute(&demand.requests_per_second, per_request);
    let regions = account.regions as u32;
    let peak = series.iter().copied().fold(0.0, f64::max);
    let average = series.iter().sum::<f64>() / series.len().max(1) as f64;
    let floor = ThroughputFloor {
        storage_gb: Usage::or(account.storage_gb, DEFAULT_STORAGE_GB).value,
        highest_request_units_per_second_ever: 0.0,
        shared_database_containers: None,
    };
    let mode = model_mode(account);
    let billed = bill(&mode, regions, &series)?;
    let mut notes = vec![format!("{per_request:.2} RU per request")];
    notes.extend(billed.notes);
    if let Err(error) = validate_throughput(&mode, &floor) {
        notes.push(format!("minimum throughput rules: {error}"));
    }
    let throughput = account.throughput.unwrap_or(0.0);
    let utilisation = match account.mode {
        ThroughputMode::Provisioned => Some(average / throughput * 100.0),
        ThroughputMode::Autoscale => Some(billed.average_billed / throughput * 100.0),
        ThroughputMode::Serverless => None,
    };
    if account.mode == ThroughputMode::Autoscale {
        notes.push(
            "utilisation is the average hourly billed RU/s ÷ the maximum (autoscale beats manual below about 66%)"
                .into(),
        );
    }
    let alternatives = alternatives(account, &series, peak, &floor, demand.hours)?;
    let hourly = Hourly {
        requests_per_second: hourly_means(&demand.requests_per_second),
        capacity: hourly_means(&series),
        billed: billed.hourly,
    };
    Ok(Some(ResourceSimulation {
        quantities: billed.quantities,
        report: CapacityReport {
            unit: "RU/s".into(),
            peak,
            average,
            utilisation_percent: utilisation.filter(|value| value.is_finite()),
            throttled_hours: Some(billed.throttled_hours),
            notes,
            hourly,
            ..CapacityReport::default()
        },
        alternatives,
    }))
}

/// Manual at the smallest 100-step RU/s covering the peak, autoscale at the smallest
/// 1000-step maximum covering it, serverless when the account is single-region: each priced
/// with this account's other lines (storage, backup) so totals compare.
fn alternatives(
    account: &CosmosDb,
    series: &[f64],
    peak: f64,
    floor: &ThroughputFloor,
    hours: u32,
) -> Result<Vec<Alternative>, String> {
    let manual = round_up(peak, 100).max(minimum_manual(floor));
    let maximum = round_up(peak, 1000).max(minimum_autoscale_max(floor));
    let mut candidates = vec![
        (
            ThroughputMode::Provisioned,
            Some(manual),
            format!("manual {manual} RU/s"),
        ),
        (
            ThroughputMode::Autoscale,
            Some(maximum),
            format!("autoscale max {maximum} RU/s"),
        ),
    ];
    if account.regions == 1.0 && !account.multi_region_writes {
        candidates.push((ThroughputMode::Serverless, None, "serverless".into()));
    }
    let current = account.throughput.map(|value| value as u32);
    let mut alternatives = Vec::new();
    for (mode, throughput, label) in candidates {
        if mode == account.mode && throughput == current {
            continue;
        }
        let mut other = account.clone();
        other.mode = mode;
        other.throughput = throughput.map(f64::from);
        other.average_utilisation = None;
        other.average_ru_per_second = None;
        other.request_units_per_month = None;
        if mode == ThroughputMode::Serverless {
            other.free_tier = false;
        }
        let billed = bill(&model_mode(&other), account.regions as u32, series)?;
        let mut caveats = billed.notes;
        if peak > f64::from(MAX_REQUEST_UNITS_PER_SECOND) && mode != ThroughputMode::Serverless {
            caveats.push("the peak exceeds 1,000,000 RU/s: throttled".into());
        }
        if mode == ThroughputMode::Serverless && account.free_tier {
            caveats.push("loses the free tier".into());
        }
        let context = Context {
            // The planner prices alternatives in the environment's region.
            region: String::new(),
            month: month(hours),
            environment: String::new(),
            simulated: Some(billed.quantities),
        };
        alternatives.push(Alternative {
            label,
            meters: other.meters(&context),
            caveat: (!caveats.is_empty()).then(|| caveats.join("; ")),
        });
    }
    Ok(alternatives)
}
