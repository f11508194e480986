//! The Azure Monitor autoscale engine (App Service plans), stepped once a minute over a
//! per-minute demand series (billing-rules §3.3).
//!
//! App Service bills instance-time, so the instance count each minute is the quantity to
//! price; this module owns how that count follows demand under a profile's rules.
//!
//! Semantics (and the assumptions where the docs leave room):
//! * The count starts at the profile's default. Each minute's metrics are taken at the count
//!   in effect that minute, with demand spread evenly: `cpu_percent` comes from the caller's
//!   [`CpuModel`] at the per-instance load, `requests_per_instance` is requests per minute
//!   divided by the count. The engine evaluates at the end of each minute; an action takes
//!   effect from the next minute.
//! * A rule compares the average of its metric over the last `time_window_minutes` minutes;
//!   until that many minutes exist it does not trigger.
//! * Scale out if ANY scale-out rule triggers, to the largest resulting count. Scale in only
//!   if ALL scale-in rules trigger, by the smallest reduction. Counts stay in [min, max].
//! * Cooldown: after an action at minute `m` under a rule with cooldown `k`, nothing happens
//!   in either direction before minute `m + k`. A scale-in that several rules share takes the
//!   longest of their cooldowns.
//! * Flapping: before scaling in to `n'`, each scale-out rule's window value is projected as
//!   `value × n / n'`; if any would trigger, try `n' + 1` and so on; if every count below `n`
//!   would trigger, nothing happens and the minute records [`ScaleAction::FlappingAvoided`].
//! * Only `ChangeCount` steps and `Average` time aggregation are modelled; metrics are
//!   always available, so the default count never acts as a fallback.

use thiserror::Error;

mod rule;

pub use rule::{AutoscaleProfile, Metric, Operator, ScaleRule};

/// The CPU % of an instance serving a given requests/s (e.g. from `gunicorn.rs`).
pub trait CpuModel {
    fn cpu_percent(&self, requests_per_second_per_instance: f64) -> f64;
}

impl<F: Fn(f64) -> f64> CpuModel for F {
    fn cpu_percent(&self, requests_per_second_per_instance: f64) -> f64 {
        self(requests_per_second_per_instance)
    }
}

/// What the engine did at the end of a minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScaleAction {
    Out {
        from: u32,
        to: u32,
        cooldown_minutes: u32,
    },
    /// `requested` is what the rules asked for; `to` is higher when flapping limited it.
    In {
        from: u32,
        to: u32,
        requested: u32,
        cooldown_minutes: u32,
    },
    /// Every scale-in rule triggered, but any smaller count would trigger a scale-out.
    FlappingAvoided { at: u32, requested: u32 },
}

impl ScaleAction {
    /// The cooldown this action starts, if it changed the count.
    pub fn cooldown_minutes(&self) -> Option<u32> {
        match *self {
            ScaleAction::Out {
                cooldown_minutes, ..
            }
            | ScaleAction::In {
                cooldown_minutes, ..
            } => Some(cooldown_minutes),
            ScaleAction::FlappingAvoided { .. } => None,
        }
    }
}

/// One simulated minute.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinuteState {
    pub minute: usize,
    pub requests_per_second: f64,
    /// Instances running (and billed) during this minute.
    pub instances: u32,
    pub cpu_percent: f64,
    pub requests_per_instance: f64,
    pub action: Option<ScaleAction>,
}

/// Totals over the run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AutoscaleTotals {
    pub instance_minutes: u64,
    /// instance-minutes / 60 (App Service bills per second, so fractions are real).
    pub instance_hours: f64,
    pub peak_instances: u32,
    pub average_instances: f64,
    pub minutes_at_maximum: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AutoscaleRun {
    pub minutes: Vec<MinuteState>,
    pub totals: AutoscaleTotals,
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum AutoscaleError {
    #[error(
        "instance counts need 1 ≤ minimum ({minimum}) ≤ default ({default}) ≤ maximum ({maximum})"
    )]
    Counts {
        minimum: u32,
        default: u32,
        maximum: u32,
    },
    #[error("rule {index} (scale-out rules first): {reason}")]
    Rule { index: usize, reason: &'static str },
    #[error("demand at minute {minute} is {value}: requests/s must be finite and ≥ 0")]
    Demand { minute: usize, value: f64 },
}

/// Per-minute metric history the rules average over.
struct History {
    cpu_percent: Vec<f64>,
    requests_per_instance: Vec<f64>,
}

impl History {
    /// The rule's window average ending at the latest minute; `None` until the window fills.
    fn window(&self, rule: &ScaleRule) -> Option<f64> {
        let series = match rule.metric {
            Metric::CpuPercent => &self.cpu_percent,
            Metric::RequestsPerInstance => &self.requests_per_instance,
        };
        let width = rule.time_window_minutes as usize;
        let start = series.len().checked_sub(width)?;
        Some(series[start..].iter().sum::<f64>() / width as f64)
    }

    fn triggers(&self, rule: &ScaleRule, scale: f64) -> bool {
        self.window(rule)
            .is_some_and(|value| rule.operator.holds(value * scale, rule.threshold))
    }
}

fn decide(profile: &AutoscaleProfile, history: &History, current: u32) -> Option<ScaleAction> {
    let out = profile
        .scale_out
        .iter()
        .filter(|rule| history.triggers(rule, 1.0))
        .map(|rule| {
            (
                current
                    .saturating_add(rule.change_count)
                    .min(profile.maximum),
                rule,
            )
        })
        .max_by_key(|(count, rule)| (*count, rule.cooldown_minutes));
    if let Some((to, rule)) = out.filter(|(to, _)| *to > current) {
        let cooldown_minutes = rule.cooldown_minutes;
        return Some(ScaleAction::Out {
            from: current,
            to,
            cooldown_minutes,
        });
    }
    let all_in = !profile.scale_in.is_empty()
        && profile
            .scale_in
            .iter()
            .all(|rule| history.triggers(rule, 1.0));
    if !all_in {
        return None;
    }
    let requested = profile
        .scale_in
        .iter()
        .map(|rule| {
            current
                .saturating_sub(rule.change_count)
                .max(profile.minimum)
        })
        .max()?;
    if requested >= current {
        return None;
    }
    let cooldown_minutes = profile
        .scale_in
        .iter()
        .map(|rule| rule.cooldown_minutes)
        .max()?;
    let flaps = |count: u32| {
        let scale = f64::from(current) / f64::from(count);
        profile
            .scale_out
            .iter()
            .any(|rule| history.triggers(rule, scale))
    };
    Some(match (requested..current).find(|count| !flaps(*count)) {
        Some(to) => ScaleAction::In {
            from: current,
            to,
            requested,
            cooldown_minutes,
        },
        None => ScaleAction::FlappingAvoided {
            at: current,
            requested,
        },
    })
}

/// Runs the engine over `demand` (requests/s, one value per minute).
pub fn simulate(
    profile: &AutoscaleProfile,
    demand: &[f64],
    cpu: &impl CpuModel,
) -> Result<AutoscaleRun, AutoscaleError> {
    profile.validate()?;
    if let Some((minute, value)) = demand
        .iter()
        .enumerate()
        .find(|(_, value)| !(value.is_finite() && **value >= 0.0))
    {
        return Err(AutoscaleError::Demand {
            minute,
            value: *value,
        });
    }
    let mut history = History {
        cpu_percent: Vec::with_capacity(demand.len()),
        requests_per_instance: Vec::with_capacity(demand.len()),
    };
    let mut instances = profile.default;
    let mut quiet_until = 0;
    let mut minutes = Vec::with_capacity(demand.len());
    for (minute, &requests_per_second) in demand.iter().enumerate() {
        let per_instance = requests_per_second / f64::from(instances);
        let cpu_percent = cpu.cpu_percent(per_instance);
        let requests_per_instance = per_instance * 60.0;
        history.cpu_percent.push(cpu_percent);
        history.requests_per_instance.push(requests_per_instance);
        let action = if minute >= quiet_until {
            decide(profile, &history, instances)
        } else {
            None
        };
        minutes.push(MinuteState {
            minute,
            requests_per_second,
            instances,
            cpu_percent,
            requests_per_instance,
            action,
        });
        match action {
            Some(ScaleAction::Out {
                to,
                cooldown_minutes,
                ..
            })
            | Some(ScaleAction::In {
                to,
                cooldown_minutes,
                ..
            }) => {
                instances = to;
                quiet_until = minute + cooldown_minutes as usize;
            }
            _ => {}
        }
    }
    let totals = totals(&minutes, profile.maximum);
    Ok(AutoscaleRun { minutes, totals })
}

fn totals(minutes: &[MinuteState], maximum: u32) -> AutoscaleTotals {
    let instance_minutes: u64 = minutes.iter().map(|state| u64::from(state.instances)).sum();
    AutoscaleTotals {
        instance_minutes,
        instance_hours: instance_minutes as f64 / 60.0,
        peak_instances: minutes
            .iter()
            .map(|state| state.instances)
            .max()
            .unwrap_or(0),
        average_instances: if minutes.is_empty() {
            0.0
        } else {
            instance_minutes as f64 / minutes.len() as f64
        },
        minutes_at_maximum: minutes
            .iter()
            .filter(|state| state.instances == maximum)
            .count(),
    }
}

#[cfg(test)]
mod tests;
