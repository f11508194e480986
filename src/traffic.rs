//! Demand over time: traffic profiles and measured series, turned into requests/s per minute.
//!
//! Every capacity model ([`crate::capacity`]) steps over one series of per-minute request
//! rates, so this module owns the one way to make it: from a [`TrafficProfile`] a scenario
//! describes ([`expand`]), or from a measured series such as an Application Insights export
//! ([`resample_per_minute`]; reading the file is the caller's job).
//!
//! Profile rules (the assumptions):
//! * Minute 0 is midnight on `start` day; hourly weights hold for the whole hour (a step, not
//!   an interpolation), so the busiest hour of a weekday is exactly the peak.
//! * Weights are divided by the largest, and the weekend factor by the weekday factor, so a
//!   typical weekday's busiest hour equals `peak_requests_per_second`.
//! * Growth compounds continuously: rate × (1 + g/100)^(minute / minutes in a 730-hour month).
//! * Spikes multiply the rate for `hours` hours from `start_hour` of `day` (day 1 is the
//!   first simulated day); overlapping spikes multiply together.
//! * `uncertainty_percent` is carried for a later Monte Carlo run; [`expand`] ignores it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::HOURS_PER_MONTH;

mod measured;

pub use measured::{resample_per_minute, MinuteSeries};

const MINUTES_PER_HOUR: usize = 60;
const MINUTES_PER_DAY: usize = 24 * MINUTES_PER_HOUR;

/// How demand varies over hours, days and months, anchored on a weekday's peak.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrafficProfile {
    /// Requests per second in the busiest hour of a typical weekday.
    pub peak_requests_per_second: f64,
    /// Shape of a day: a preset (`flat`, `business_hours`, `evening_peak`) or 24 hourly
    /// weights from midnight, scaled so the largest is the peak.
    #[serde(default)]
    pub daily_shape: DailyShape,
    /// Relative traffic on weekdays and weekend days (default 1 and 1).
    #[serde(default)]
    pub weekly_shape: WeeklyShape,
    /// Month-over-month growth in percent, compounded continuously (default 0).
    #[serde(default)]
    pub monthly_growth_percent: f64,
    /// Short bursts on given days (launches, campaigns, batch jobs).
    #[serde(default)]
    pub spikes: Vec<Spike>,
    /// ± percent around the profile for a Monte Carlo run (not used by a single estimate).
    #[serde(default)]
    pub uncertainty_percent: f64,
}

/// A named daily shape or 24 explicit hourly weights.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DailyShape {
    Preset(ShapePreset),
    /// Weights for hours 0–23; only their ratios matter.
    Hourly([f64; 24]),
}

impl Default for DailyShape {
    fn default() -> Self {
        DailyShape::Preset(ShapePreset::Flat)
    }
}

/// Built-in daily shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShapePreset {
    /// The same rate all day.
    Flat,
    /// Office traffic: 09:00–17:00 at the peak, a 10% floor overnight.
    BusinessHours,
    /// Consumer traffic: climbing through the day, peaking 19:00–22:00.
    EveningPeak,
}

#[rustfmt::skip]
const BUSINESS_HOURS: [f64; 24] = [
    0.10, 0.10, 0.10, 0.10, 0.10, 0.15, 0.25, 0.50, 0.80, 1.00, 1.00, 1.00,
    0.95, 1.00, 1.00, 1.00, 1.00, 0.80, 0.50, 0.35, 0.25, 0.20, 0.15, 0.10,
];
#[rustfmt::skip]
const EVENING_PEAK: [f64; 24] = [
    0.35, 0.20, 0.12, 0.10, 0.10, 0.12, 0.20, 0.35, 0.45, 0.50, 0.55, 0.60,
    0.65, 0.60, 0.55, 0.55, 0.60, 0.70, 0.85, 1.00, 1.00, 1.00, 0.85, 0.60,
];

impl ShapePreset {
    pub fn weights(self) -> [f64; 24] {
        match self {
            ShapePreset::Flat => [1.0; 24],
            ShapePreset::BusinessHours => BUSINESS_HOURS,
            ShapePreset::EveningPeak => EVENING_PEAK,
        }
    }
}

impl DailyShape {
    pub fn weights(&self) -> [f64; 24] {
        match self {
            DailyShape::Preset(preset) => preset.weights(),
            DailyShape::Hourly(weights) => *weights,
        }
    }
}

/// Relative traffic on weekdays (Monday–Friday) and weekend days.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyShape {
    /// Factor for Monday to Friday (default 1).
    #[serde(default = "one")]
    pub weekday: f64,
    /// Factor for Saturday and Sunday (default 1), relative to `weekday`.
    #[serde(default = "one")]
    pub weekend: f64,
}

fn one() -> f64 {
    1.0
}

impl Default for WeeklyShape {
    fn default() -> Self {
        WeeklyShape {
            weekday: 1.0,
            weekend: 1.0,
        }
    }
}

/// A burst: the rate is multiplied by `multiplier` for `hours` hours.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spike {
    /// Day of the simulated period, 1 being the first day.
    pub day: u32,
    /// Hour of that day the burst starts (0–23).
    pub start_hour: u32,
    /// How many hours it lasts (it may run into the next day).
    pub hours: u32,
    /// Factor on the rate while it lasts, e.g. 3 for triple traffic.
    pub multiplier: f64,
}

/// The day a series starts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The weekday `days` after this one.
    pub fn after(self, days: usize) -> Weekday {
        let index = Weekday::ALL
            .iter()
            .position(|day| *day == self)
            .unwrap_or(0);
        Weekday::ALL[(index + days) % 7]
    }

    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum TrafficError {
    #[error("{field} must be a finite number ≥ 0, not {value}")]
    Negative { field: &'static str, value: f64 },
    #[error("the daily shape has no positive weight: give at least one hour a weight above 0")]
    EmptyDay,
    #[error("weekly_shape.weekday must be above 0 (it anchors the peak), not {0}")]
    NoWeekday(f64),
    #[error("spike {index}: {reason}")]
    Spike { index: usize, reason: &'static str },
    #[error("sample at {timestamp} s has {requests} requests: counts must be finite and ≥ 0")]
    Sample { timestamp: i64, requests: f64 },
    #[error(
        "the series spans {minutes} minutes, more than ten years: check the timestamps are seconds"
    )]
    TooLong { minutes: i64 },
}

fn check_non_negative(field: &'static str, value: f64) -> Result<(), TrafficError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(TrafficError::Negative { field, value })
    }
}

impl TrafficProfile {
    /// Checks every number, so [`expand`] never produces NaN or negative rates.
    pub fn validate(&self) -> Result<(), TrafficError> {
        check_non_negative("peak_requests_per_second", self.peak_requests_per_second)?;
        check_non_negative("uncertainty_percent", self.uncertainty_percent)?;
        if !self.monthly_growth_percent.is_finite() || self.monthly_growth_percent <= -100.0 {
            return Err(TrafficError::Negative {
                field: "monthly_growth_percent (above -100)",
                value: self.monthly_growth_percent,
            });
        }
        let weights = self.daily_shape.weights();
        for weight in weights {
            check_non_negative("daily_shape weight", weight)?;
        }
        if weights.iter().all(|weight| *weight == 0.0) {
            return Err(TrafficError::EmptyDay);
        }
        check_non_negative("weekly_shape.weekend", self.weekly_shape.weekend)?;
        let weekday = self.weekly_shape.weekday;
        if !weekday.is_finite() || weekday <= 0.0 {
            return Err(TrafficError::NoWeekday(weekday));
        }
        for (index, spike) in self.spikes.iter().enumerate() {
            let reason = if spike.day == 0 {
                Some("day counts from 1")
            } else if spike.start_hour > 23 {
                Some("start_hour must be 0–23")
            } else if !spike.multiplier.is_finite() || spike.multiplier < 0.0 {
                Some("multiplier must be a finite number ≥ 0")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(TrafficError::Spike { index, reason });
            }
        }
        Ok(())
    }
}

/// Requests per second for each of `minutes` minutes, minute 0 being midnight on `start`.
pub fn expand(
    profile: &TrafficProfile,
    minutes: usize,
    start: Weekday,
) -> Result<Vec<f64>, TrafficError> {
    profile.validate()?;
    let weights = profile.daily_shape.weights();
    let busiest = weights.iter().copied().fold(0.0, f64::max);
    let weekend_ratio = profile.weekly_shape.weekend / profile.weekly_shape.weekday;
    let growth_per_minute =
        (1.0 + profile.monthly_growth_percent / 100.0).ln() / (HOURS_PER_MONTH as f64 * 60.0);
    let spike_ranges: Vec<(usize, usize, f64)> = profile
        .spikes
        .iter()
        .map(|spike| {
            let from = (spike.day as usize - 1) * MINUTES_PER_DAY
                + spike.start_hour as usize * MINUTES_PER_HOUR;
            (
                from,
                from + spike.hours as usize * MINUTES_PER_HOUR,
                spike.multiplier,
            )
        })
        .collect();
    let rates = (0..minutes)
        .map(|minute| {
            let day = start.after(minute / MINUTES_PER_DAY);
            let hour = (minute % MINUTES_PER_DAY) / MINUTES_PER_HOUR;
            let weekly = if day.is_weekend() { weekend_ratio } else { 1.0 };
            let growth = (growth_per_minute * minute as f64).exp();
            let burst: f64 = spike_ranges
                .iter()
                .filter(|(from, to, _)| (*from..*to).contains(&minute))
                .map(|(_, _, multiplier)| multiplier)
                .product();
            profile.peak_requests_per_second * weights[hour] / busiest * weekly * growth * burst
        })
        .collect();
    Ok(rates)
}

#[cfg(test)]
mod tests;
