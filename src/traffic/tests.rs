//! Profiles expanded on hand-checkable shapes; measured series resampled.

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
