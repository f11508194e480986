//! Measured demand: an exported request-count series resampled to one rate per minute.
//!
//! Kept apart from profiles because its input is data (Application Insights buckets), not a
//! description; the CSV reading itself belongs to the commands layer.

use super::TrafficError;

/// A measured series longer than this (ten years of minutes) is refused, not allocated.
const MAXIMUM_MINUTES: i64 = 10 * 366 * 24 * 60;

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
