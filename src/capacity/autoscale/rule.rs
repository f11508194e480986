//! Autoscale settings: metrics, operators, rules and the profile that holds them.
//!
//! Kept apart from the engine so the settings a scenario describes read on their own; the
//! seeds' rules are [`AutoscaleProfile::seed`].

use super::AutoscaleError;

/// A metric a rule watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// CPU %, averaged across instances.
    CpuPercent,
    /// Requests per minute divided by the instance count.
    RequestsPerInstance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

impl Operator {
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Operator::GreaterThan => value > threshold,
            Operator::GreaterThanOrEqual => value >= threshold,
            Operator::LessThan => value < threshold,
            Operator::LessThanOrEqual => value <= threshold,
        }
    }
}

/// One autoscale rule: a metric trigger and the step it takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScaleRule {
    pub metric: Metric,
    pub operator: Operator,
    pub threshold: f64,
    /// Look-back of the trigger, averaged (timeWindow).
    pub time_window_minutes: u32,
    /// Instances added or removed (ChangeCount).
    pub change_count: u32,
    pub cooldown_minutes: u32,
}

/// An autoscale profile: the count range and the rules in each direction.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoscaleProfile {
    pub minimum: u32,
    pub maximum: u32,
    pub default: u32,
    pub scale_out: Vec<ScaleRule>,
    pub scale_in: Vec<ScaleRule>,
}

impl AutoscaleProfile {
    /// The seeds' rules: CPU > 70% or > 500 requests/min per instance for 10 min adds one;
    /// CPU < 30% and < 100 requests/min per instance for 10 min removes one; 5 min cooldown.
    pub fn seed(minimum: u32, maximum: u32) -> Self {
        let rule = |metric, operator, threshold| ScaleRule {
            metric,
            operator,
            threshold,
            time_window_minutes: 10,
            change_count: 1,
            cooldown_minutes: 5,
        };
        AutoscaleProfile {
            minimum,
            maximum,
            default: minimum,
            scale_out: vec![
                rule(Metric::CpuPercent, Operator::GreaterThan, 70.0),
                rule(Metric::RequestsPerInstance, Operator::GreaterThan, 500.0),
            ],
            scale_in: vec![
                rule(Metric::CpuPercent, Operator::LessThan, 30.0),
                rule(Metric::RequestsPerInstance, Operator::LessThan, 100.0),
            ],
        }
    }

    /// Checks the counts and every rule; [`super::simulate`] calls it first.
    pub fn validate(&self) -> Result<(), AutoscaleError> {
        let counts_ok =
            self.minimum >= 1 && self.minimum <= self.default && self.default <= self.maximum;
        if !counts_ok {
            return Err(AutoscaleError::Counts {
                minimum: self.minimum,
                default: self.default,
                maximum: self.maximum,
            });
        }
        let rules = self.scale_out.iter().chain(&self.scale_in);
        for (index, rule) in rules.enumerate() {
            let reason = if rule.time_window_minutes == 0 {
                Some("time_window_minutes must be at least 1")
            } else if rule.change_count == 0 {
                Some("change_count must be at least 1")
            } else if !rule.threshold.is_finite() {
                Some("threshold must be a finite number")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(AutoscaleError::Rule { index, reason });
            }
        }
        Ok(())
    }
}
