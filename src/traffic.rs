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

const MINUTES_PER_HOUR: usize = 60;
const MINUTES_PER_DAY: usize = 24 * MINUTES_PER_HOUR;
/// A measured series longer than this (ten years of minutes) is refused, not allocated.
const MAXIMUM_MINUTES: i64 = 10 * 366 * 24 * 60;

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

/// A measured series resampled to one rate per minute.
#[derive(Clone, Debug, PartialEq)]
pub struct MinuteSeries {
    /// Start of minute 0, in seconds since the Unix epoch (a multiple of 60).
    pub start_timestamp_seconds: i64,
    /// The export's sampling interval, taken as the smallest gap between timestamps.
    pub grain_seconds: i64,
    /// Requests per second, one value per minute.
    pub requests_per_second: Vec<f64>,
}

/// Resamples `(timestamp_seconds, requests)` pairs, each the request count of one bucket
/// starting at its timestamp, to per-minute rates.
///
/// The bucket width is the smallest gap between distinct timestamps (60 s for a single
/// sample); each count is spread evenly over its bucket. Missing buckets are zero traffic
/// (Application Insights leaves empty bins out), repeated timestamps add up, order is free.
pub fn resample_per_minute(samples: &[(i64, f64)]) -> Result<MinuteSeries, TrafficError> {
    for &(timestamp, requests) in samples {
        if !requests.is_finite() || requests < 0.0 {
            return Err(TrafficError::Sample {
                timestamp,
                requests,
            });
        }
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by_key(|(timestamp, _)| *timestamp);
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        return Ok(MinuteSeries {
            start_timestamp_seconds: 0,
            grain_seconds: 60,
            requests_per_second: Vec::new(),
        });
    };
    let grain = sorted
        .windows(2)
        .map(|pair| pair[1].0 - pair[0].0)
        .filter(|gap| *gap > 0)
        .min()
        .unwrap_or(60);
    let start = first.0.div_euclid(60) * 60;
    let end = last.0.saturating_add(grain);
    let minutes = end.saturating_sub(start).saturating_add(59).div_euclid(60);
    if minutes > MAXIMUM_MINUTES {
        return Err(TrafficError::TooLong { minutes });
    }
    let mut counts = vec![0.0; minutes.max(0) as usize];
    for &(timestamp, requests) in &sorted {
        let bucket_end = timestamp + grain;
        let mut from = timestamp;
        while from < bucket_end {
            let minute = (from - start).div_euclid(60);
            let to = (start + (minute + 1) * 60).min(bucket_end);
            if let Some(count) = counts.get_mut(minute as usize) {
                *count += requests * (to - from) as f64 / grain as f64;
            }
            from = to;
        }
    }
    Ok(MinuteSeries {
        start_timestamp_seconds: start,
        grain_seconds: grain,
        requests_per_second: counts.into_iter().map(|count| count / 60.0).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(shape: DailyShape) -> TrafficProfile {
        TrafficProfile {
            peak_requests_per_second: 100.0,
            daily_shape: shape,
            weekly_shape: WeeklyShape::default(),
            monthly_growth_percent: 0.0,
            spikes: Vec::new(),
            uncertainty_percent: 0.0,
        }
    }

    #[test]
    fn busiest_weekday_hour_is_the_peak() {
        let mut hourly = [2.0; 24];
        hourly[14] = 8.0;
        let mut traffic = profile(DailyShape::Hourly(hourly));
        traffic.weekly_shape = WeeklyShape {
            weekday: 2.0,
            weekend: 1.0,
        };
        let rates = expand(&traffic, 7 * MINUTES_PER_DAY, Weekday::Friday).unwrap();
        assert_eq!(rates[14 * 60], 100.0);
        assert_eq!(rates[14 * 60 + 59], 100.0);
        assert_eq!(rates[3 * 60], 25.0);
        // Saturday: half the weekday.
        assert_eq!(rates[MINUTES_PER_DAY + 14 * 60], 50.0);
        let busiest = rates.iter().copied().fold(0.0, f64::max);
        assert_eq!(busiest, 100.0);
    }

    #[test]
    fn presets_peak_at_one() {
        for preset in [
            ShapePreset::Flat,
            ShapePreset::BusinessHours,
            ShapePreset::EveningPeak,
        ] {
            let rates = expand(&profile(DailyShape::Preset(preset)), 1440, Weekday::Monday);
            let busiest = rates.unwrap().into_iter().fold(0.0, f64::max);
            assert!((busiest - 100.0).abs() < 1e-9, "{preset:?}");
        }
    }

    #[test]
    fn growth_compounds_over_a_month_and_spikes_multiply() {
        let mut traffic = profile(DailyShape::default());
        traffic.monthly_growth_percent = 10.0;
        traffic.spikes = vec![Spike {
            day: 2,
            start_hour: 23,
            hours: 2,
            multiplier: 3.0,
        }];
        let month = HOURS_PER_MONTH as usize * 60;
        let rates = expand(&traffic, month + 1, Weekday::Monday).unwrap();
        assert!((rates[month] - 110.0).abs() < 1e-9);
        let spike_start = MINUTES_PER_DAY + 23 * 60;
        assert!(rates[spike_start] > 3.0 * rates[spike_start - 1] * 0.999);
        assert!(rates[spike_start + 119] > 300.0);
        assert!(rates[spike_start + 120] < 101.0);
    }

    #[test]
    fn profile_errors_name_the_field() {
        let mut traffic = profile(DailyShape::Hourly([0.0; 24]));
        assert_eq!(
            expand(&traffic, 10, Weekday::Monday),
            Err(TrafficError::EmptyDay)
        );
        traffic.daily_shape = DailyShape::default();
        traffic.spikes = vec![Spike {
            day: 0,
            start_hour: 1,
            hours: 1,
            multiplier: 2.0,
        }];
        assert!(matches!(
            expand(&traffic, 10, Weekday::Monday),
            Err(TrafficError::Spike { index: 0, .. })
        ));
    }

    #[test]
    fn profile_reads_from_yaml_with_defaults() {
        let yaml = "peak_requests_per_second: 40\ndaily_shape: business_hours\n";
        let traffic: TrafficProfile = serde_norway::from_str(yaml).unwrap();
        assert_eq!(
            traffic.daily_shape,
            DailyShape::Preset(ShapePreset::BusinessHours)
        );
        assert_eq!(traffic.weekly_shape, WeeklyShape::default());
        let unknown = "peak_requests_per_second: 40\npeak: 3\n";
        assert!(serde_norway::from_str::<TrafficProfile>(unknown).is_err());
    }

    #[test]
    fn five_minute_buckets_spread_evenly_and_gaps_are_zero() {
        // 600 requests in [0, 300) s, nothing exported for [300, 600), 300 in [600, 900),
        // 150 in [900, 1200).
        let series = resample_per_minute(&[(600, 300.0), (0, 600.0), (900, 150.0)]).unwrap();
        assert_eq!(series.grain_seconds, 300);
        assert_eq!(series.start_timestamp_seconds, 0);
        assert_eq!(series.requests_per_second.len(), 20);
        assert_eq!(series.requests_per_second[0], 2.0);
        assert_eq!(series.requests_per_second[7], 0.0);
        assert_eq!(series.requests_per_second[14], 1.0);
        assert_eq!(series.requests_per_second[19], 0.5);
        let total: f64 = series
            .requests_per_second
            .iter()
            .map(|rate| rate * 60.0)
            .sum();
        assert!((total - 1050.0).abs() < 1e-9);
    }

    #[test]
    fn unaligned_buckets_split_across_minutes() {
        let series = resample_per_minute(&[(90, 60.0), (150, 60.0)]).unwrap();
        assert_eq!(series.start_timestamp_seconds, 60);
        assert_eq!(series.requests_per_second, vec![0.5, 1.0, 0.5]);
        assert!(resample_per_minute(&[(0, -1.0)]).is_err());
    }
}
