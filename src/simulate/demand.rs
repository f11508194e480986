//! An environment's per-minute demand for one simulated month.

use std::collections::BTreeMap;

use thiserror::Error;

use super::Demand;
use crate::money::MonthLength;
use crate::scenario::{Environment, Traffic};
use crate::traffic::{expand, resample_per_minute, TrafficError, Weekday};

/// What the command read for the simulation, and how to bend it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimulationInputs {
    /// Measured series by environment name: (Unix seconds, requests in the bucket).
    pub measured: BTreeMap<String, Vec<(i64, f64)>>,
    /// Factor on every environment's traffic (a Monte Carlo draw), by environment; 1 if absent.
    pub multipliers: BTreeMap<String, f64>,
    /// Which month of a projection: 0 is the first (growth compounds from there).
    pub month_index: usize,
    /// Demand already expanded for `month_index`, by environment (before `multipliers`): a
    /// Monte Carlo expands each profile once, not once per run.
    pub expanded: BTreeMap<String, std::sync::Arc<Vec<f64>>>,
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum DemandError {
    #[error("environment `{environment}`: {source}")]
    Traffic {
        environment: String,
        source: TrafficError,
    },
    #[error("environment `{environment}`: the measured series `{csv}` was not read")]
    MissingSeries { environment: String, csv: String },
}

/// The environment's demand for the month, or `None` when it has no traffic.
pub fn demand_for(
    environment: &Environment,
    month: &MonthLength,
    inputs: &SimulationInputs,
) -> Result<Option<Demand>, DemandError> {
    let Some(traffic) = &environment.traffic else {
        return Ok(None);
    };
    let minutes = month.hours() as usize * 60;
    let skip = inputs.month_index * minutes;
    let wrap = |source| DemandError::Traffic {
        environment: environment.name.clone(),
        source,
    };
    let factor = inputs
        .multipliers
        .get(&environment.name)
        .copied()
        .unwrap_or(1.0);
    if let Some(rates) = inputs.expanded.get(&environment.name) {
        return Ok(Some(Demand {
            requests_per_second: rates.iter().map(|rate| rate * factor).collect(),
            hours: month.hours(),
        }));
    }
    let rates: Vec<f64> = match traffic {
        Traffic::Profile(profile) => {
            let start = first_weekday(month);
            let all = expand(profile, skip + minutes, start).map_err(wrap)?;
            all[skip..].to_vec()
        }
        Traffic::Measured { csv } => {
            let series = inputs.measured.get(&environment.name).ok_or_else(|| {
                DemandError::MissingSeries {
                    environment: environment.name.clone(),
                    csv: csv.clone(),
                }
            })?;
            let per_minute = resample_per_minute(series)
                .map_err(wrap)?
                .requests_per_second;
            // A series shorter than the month repeats (an export of a typical week or day).
            (0..minutes)
                .map(|minute| per_minute[(skip + minute) % per_minute.len().max(1)])
                .collect()
        }
    };
    Ok(Some(Demand {
        requests_per_second: rates.into_iter().map(|rate| rate * factor).collect(),
        hours: month.hours(),
    }))
}

/// The weekday a simulated month starts on: Monday for the 730-hour average month, the real
/// weekday of the 1st for a calendar month.
pub fn first_weekday(month: &MonthLength) -> Weekday {
    let label = month.label();
    let parsed = label
        .split_once('-')
        .and_then(|(year, month)| Some((year.parse::<i64>().ok()?, month.parse::<i64>().ok()?)));
    let Some((year, month_number)) = parsed else {
        return Weekday::Monday;
    };
    // Days from 1970-01-01 (a Thursday) to the 1st of the month, after Hinnant's days_from_civil.
    let (y, m) = if month_number <= 2 {
        (year - 1, month_number + 9)
    } else {
        (year, month_number - 3)
    };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    // 1970-01-01 was a Thursday: Monday-based index 3.
    Weekday::Monday.after((days + 3).rem_euclid(7) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_months_start_on_their_real_weekday() {
        assert_eq!(
            first_weekday(&MonthLength::parse("2026-11").unwrap()),
            Weekday::Sunday
        );
        assert_eq!(
            first_weekday(&MonthLength::parse("2026-02").unwrap()),
            Weekday::Sunday
        );
        assert_eq!(
            first_weekday(&MonthLength::parse("2026-06").unwrap()),
            Weekday::Monday
        );
        assert_eq!(first_weekday(&MonthLength::average()), Weekday::Monday);
    }
}
