//! Container Apps HTTP scaling: replicas per minute and their active and idle seconds
//! (billing-rules §2.1, §2.3).
//!
//! The consumption plan bills replica-seconds at an active or an idle rate, so the quantity
//! to price is how many replicas run each minute and in which state; this module owns that.
//!
//! Rules (the assumptions):
//! * Concurrency by Little's law, `L = λ × W` (W = wall-clock seconds per request);
//!   replicas = clamp(ceil(L / concurrent_requests), min, max), and at least one while any
//!   request arrives. Scaling follows demand within the minute (KEDA polls every 30 s).
//! * With no traffic and `min_replicas = 0`, one replica keeps running until `cooldown`
//!   seconds after the last minute with requests, then the app scales to zero (billed per
//!   second, so a cooldown that ends mid-minute bills part of it). Before any traffic the
//!   app is at zero.
//! * Idle rate only when `min_replicas > 0`, the count is exactly the minimum and the minute
//!   has no requests; then every replica is idle. Any request in a minute makes all its
//!   replicas active (the traffic is spread over them), and above the minimum all are active.
//! * Requests are counted as λ × 60 per minute; which of them are billable (external only)
//!   is the pricing side's concern.

use thiserror::Error;

const SECONDS_PER_MINUTE: f64 = 60.0;

/// A Container App's scale settings with an HTTP rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpScaleRule {
    pub min_replicas: u32,
    pub max_replicas: u32,
    /// Concurrent requests one replica takes before another is added.
    pub concurrent_requests: u32,
    /// Seconds without traffic before scaling to zero.
    pub cooldown_seconds: u32,
}

impl Default for HttpScaleRule {
    /// Container Apps' defaults: 0–10 replicas, 10 concurrent requests, 300 s cooldown.
    fn default() -> Self {
        HttpScaleRule {
            min_replicas: 0,
            max_replicas: 10,
            concurrent_requests: 10,
            cooldown_seconds: 300,
        }
    }
}

/// One simulated minute.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReplicaMinute {
    pub minute: usize,
    pub requests_per_second: f64,
    /// Requests in flight on average (L = λW).
    pub concurrency: f64,
    /// Replicas running during the minute (for part of it when scaling to zero).
    pub replicas: u32,
    pub active_replica_seconds: f64,
    pub idle_replica_seconds: f64,
    pub requests: f64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReplicaTotals {
    pub active_replica_seconds: f64,
    pub idle_replica_seconds: f64,
    pub requests: f64,
    pub peak_replicas: u32,
    /// Minutes with no replica running at all.
    pub minutes_at_zero: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReplicaRun {
    pub minutes: Vec<ReplicaMinute>,
    pub totals: ReplicaTotals,
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum ReplicaError {
    #[error(
        "replica counts need min_replicas ({min}) ≤ max_replicas ({max}) and max_replicas ≥ 1"
    )]
    Counts { min: u32, max: u32 },
    #[error("concurrent_requests must be at least 1")]
    NoConcurrency,
    #[error("wall-clock time per request must be a finite number of seconds > 0, not {0}")]
    WallClock(f64),
    #[error("demand at minute {minute} is {value}: requests/s must be finite and ≥ 0")]
    Demand { minute: usize, value: f64 },
}

impl HttpScaleRule {
    fn validate(&self) -> Result<(), ReplicaError> {
        if self.max_replicas == 0 || self.min_replicas > self.max_replicas {
            return Err(ReplicaError::Counts {
                min: self.min_replicas,
                max: self.max_replicas,
            });
        }
        if self.concurrent_requests == 0 {
            return Err(ReplicaError::NoConcurrency);
        }
        Ok(())
    }

    /// Replicas for a concurrency while requests arrive.
    pub fn replicas_for(&self, concurrency: f64) -> u32 {
        let wanted = (concurrency / f64::from(self.concurrent_requests))
            .ceil()
            .max(1.0);
        let clamped = wanted.min(f64::from(self.max_replicas));
        (clamped as u32).max(self.min_replicas)
    }
}

/// Runs the scaler over `demand` (requests/s per minute) with `wall_clock_seconds` per request.
pub fn simulate(
    rule: &HttpScaleRule,
    demand: &[f64],
    wall_clock_seconds: f64,
) -> Result<ReplicaRun, ReplicaError> {
    rule.validate()?;
    if !(wall_clock_seconds.is_finite() && wall_clock_seconds > 0.0) {
        return Err(ReplicaError::WallClock(wall_clock_seconds));
    }
    let mut last_traffic_end: Option<f64> = None;
    let mut minutes = Vec::with_capacity(demand.len());
    for (minute, &requests_per_second) in demand.iter().enumerate() {
        if !(requests_per_second.is_finite() && requests_per_second >= 0.0) {
            return Err(ReplicaError::Demand {
                minute,
                value: requests_per_second,
            });
        }
        let start = minute as f64 * SECONDS_PER_MINUTE;
        let concurrency = requests_per_second * wall_clock_seconds;
        let (replicas, active, idle) = if requests_per_second > 0.0 {
            last_traffic_end = Some(start + SECONDS_PER_MINUTE);
            let replicas = rule.replicas_for(concurrency);
            (replicas, f64::from(replicas) * SECONDS_PER_MINUTE, 0.0)
        } else if rule.min_replicas > 0 {
            (
                rule.min_replicas,
                0.0,
                f64::from(rule.min_replicas) * SECONDS_PER_MINUTE,
            )
        } else {
            let running = last_traffic_end.map_or(0.0, |end| {
                (end + f64::from(rule.cooldown_seconds) - start).clamp(0.0, SECONDS_PER_MINUTE)
            });
            (u32::from(running > 0.0), running, 0.0)
        };
        minutes.push(ReplicaMinute {
            minute,
            requests_per_second,
            concurrency,
            replicas,
            active_replica_seconds: active,
            idle_replica_seconds: idle,
            requests: requests_per_second * SECONDS_PER_MINUTE,
        });
    }
    let totals = minutes
        .iter()
        .fold(ReplicaTotals::default(), |mut totals, state| {
            totals.active_replica_seconds += state.active_replica_seconds;
            totals.idle_replica_seconds += state.idle_replica_seconds;
            totals.requests += state.requests;
            totals.peak_replicas = totals.peak_replicas.max(state.replicas);
            totals.minutes_at_zero += usize::from(state.replicas == 0);
            totals
        });
    Ok(ReplicaRun { minutes, totals })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicas_follow_littles_law_within_bounds() {
        let rule = HttpScaleRule {
            max_replicas: 3,
            ..HttpScaleRule::default()
        };
        // 40 req/s × 0.5 s = 20 in flight, 10 per replica: 2 replicas.
        assert_eq!(rule.replicas_for(40.0 * 0.5), 2);
        assert_eq!(rule.replicas_for(20.5), 3);
        assert_eq!(rule.replicas_for(500.0), 3);
        assert_eq!(rule.replicas_for(0.001), 1);
    }

    #[test]
    fn replica_at_minimum_without_requests_is_idle() {
        let rule = HttpScaleRule {
            min_replicas: 1,
            ..HttpScaleRule::default()
        };
        let run = simulate(&rule, &[0.0, 5.0, 0.0, 30.0], 1.0).unwrap();
        let states: Vec<(u32, f64, f64)> = run
            .minutes
            .iter()
            .map(|state| {
                (
                    state.replicas,
                    state.active_replica_seconds,
                    state.idle_replica_seconds,
                )
            })
            .collect();
        // Minute 1: 5 in flight, one replica at the minimum but serving: active.
        // Minute 3: 30 in flight, 3 replicas above the minimum: all active.
        assert_eq!(
            states,
            vec![
                (1, 0.0, 60.0),
                (1, 60.0, 0.0),
                (1, 0.0, 60.0),
                (3, 180.0, 0.0)
            ]
        );
        assert_eq!(run.totals.requests, 35.0 * 60.0);
        assert_eq!(run.totals.idle_replica_seconds, 120.0);
    }

    #[test]
    fn scales_to_zero_only_after_the_cooldown() {
        let mut demand = vec![0.0; 9];
        demand[1] = 2.0;
        let run = simulate(&HttpScaleRule::default(), &demand, 0.2).unwrap();
        let replicas: Vec<u32> = run.minutes.iter().map(|state| state.replicas).collect();
        // Nothing before the first request; 300 s = minutes 2–6 after the last one.
        assert_eq!(replicas, vec![0, 1, 1, 1, 1, 1, 1, 0, 0]);
        assert_eq!(run.totals.active_replica_seconds, 6.0 * 60.0);
        assert_eq!(run.totals.idle_replica_seconds, 0.0);
        assert_eq!(run.totals.minutes_at_zero, 3);
    }

    #[test]
    fn a_cooldown_ending_mid_minute_bills_part_of_it() {
        let rule = HttpScaleRule {
            cooldown_seconds: 90,
            ..HttpScaleRule::default()
        };
        let run = simulate(&rule, &[1.0, 0.0, 0.0, 0.0], 0.1).unwrap();
        let active: Vec<f64> = run
            .minutes
            .iter()
            .map(|state| state.active_replica_seconds)
            .collect();
        assert_eq!(active, vec![60.0, 60.0, 30.0, 0.0]);
    }

    #[test]
    fn invalid_settings_are_errors() {
        let rule = HttpScaleRule {
            min_replicas: 4,
            max_replicas: 2,
            ..HttpScaleRule::default()
        };
        assert!(matches!(
            simulate(&rule, &[1.0], 0.1),
            Err(ReplicaError::Counts { .. })
        ));
        let rule = HttpScaleRule::default();
        assert_eq!(
            simulate(&rule, &[1.0], 0.0),
            Err(ReplicaError::WallClock(0.0))
        );
        assert!(matches!(
            simulate(&rule, &[-1.0], 0.1),
            Err(ReplicaError::Demand { .. })
        ));
    }
}
