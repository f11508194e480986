//! How an App Service plan autoscales (`autoscale`): counts and rules as a scenario writes
//! them, their checks, and their translation into the engine's
//! [`crate::capacity::autoscale::AutoscaleProfile`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::super::{check_range, FieldIssue};
use super::workload::check_whole;
use crate::capacity::autoscale::{AutoscaleProfile, Metric, Operator, ScaleRule};

/// App Service's instance ceiling for a plan (Premium v3).
pub const MAX_INSTANCES: f64 = 30.0;

/// The keyword `seed` for the seeds' autoscale rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeedKeyword {
    Seed,
}

/// Autoscale rules: `seed` (CPU > 70% or > 500 requests/min per instance for 10 min adds one;
/// CPU < 30% and < 100 requests/min for 10 min removes one; 5 min cooldown) or a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Rules {
    Seed(SeedKeyword),
    List(Vec<RuleSpec>),
}

impl Default for Rules {
    fn default() -> Self {
        Rules::Seed(SeedKeyword::Seed)
    }
}

/// A metric an autoscale rule watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetricName {
    /// CPU % averaged across instances.
    CpuPercent,
    /// Requests per minute divided by the instance count.
    RequestsPerInstance,
}

/// Which way a rule scales.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Out,
    In,
}

/// How a rule compares its metric with the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OperatorName {
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// One autoscale rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// `cpu_percent` or `requests_per_instance` (per minute).
    pub metric: MetricName,
    /// `out` (add instances) or `in` (remove them).
    pub direction: Direction,
    /// `greater_than`, `greater_than_or_equal`, `less_than` or `less_than_or_equal`.
    pub operator: OperatorName,
    /// The value compared with the metric's average over the window.
    pub threshold: f64,
    /// Look-back of the average in minutes (1–720, default 10).
    #[serde(default = "ten")]
    pub window_minutes: f64,
    /// Instances added or removed (1–30, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub change_count: f64,
    /// Minutes after the action before the next one (0–10080, default 5).
    #[serde(default = "five")]
    pub cooldown_minutes: f64,
}

fn ten() -> f64 {
    10.0
}
fn five() -> f64 {
    5.0
}

/// Azure Monitor autoscale on the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Autoscale {
    /// Fewest instances (1–30).
    pub minimum: f64,
    /// Most instances (minimum–30).
    pub maximum: f64,
    /// Instances at the start of the month (minimum–maximum, default the minimum).
    #[serde(default)]
    pub default: Option<f64>,
    /// `seed` (default) or a list of rules.
    #[serde(default)]
    pub rules: Rules,
}

impl Autoscale {
    pub fn validate(&self, issues: &mut Vec<FieldIssue>) {
        check_range(
            issues,
            "autoscale.minimum",
            Some(self.minimum),
            1.0,
            MAX_INSTANCES,
        );
        check_range(
            issues,
            "autoscale.maximum",
            Some(self.maximum),
            self.minimum.max(1.0),
            MAX_INSTANCES,
        );
        check_range(
            issues,
            "autoscale.default",
            self.default,
            self.minimum,
            self.maximum,
        );
        let counts = [
            ("autoscale.minimum", Some(self.minimum)),
            ("autoscale.maximum", Some(self.maximum)),
            ("autoscale.default", self.default),
        ];
        for (field, value) in counts {
            if let Some(value) = value {
                check_whole(issues, field, value);
            }
        }
        let Rules::List(rules) = &self.rules else {
            return;
        };
        if !rules.iter().any(|rule| rule.direction == Direction::Out) {
            issues.push(FieldIssue::new(
                "autoscale.rules",
                "autoscale needs at least one scale-out rule (direction: out)",
            ));
        }
        for (index, rule) in rules.iter().enumerate() {
            let path = |field: &str| format!("autoscale.rules.{index}.{field}");
            check_range(issues, &path("threshold"), Some(rule.threshold), 0.0, 1e9);
            let whole = [
                ("window_minutes", rule.window_minutes, 1.0, 720.0),
                ("change_count", rule.change_count, 1.0, MAX_INSTANCES),
                ("cooldown_minutes", rule.cooldown_minutes, 0.0, 10_080.0),
            ];
            for (field, value, low, high) in whole {
                check_range(issues, &path(field), Some(value), low, high);
                check_whole(issues, &path(field), value);
            }
        }
    }

    /// The engine's profile (counts and rules validated first).
    pub fn profile(&self) -> AutoscaleProfile {
        let (minimum, maximum) = (self.minimum as u32, self.maximum as u32);
        let mut profile = AutoscaleProfile::seed(minimum, maximum);
        profile.default = self.default.map_or(minimum, |count| count as u32);
        if let Rules::List(rules) = &self.rules {
            let convert = |rule: &RuleSpec| ScaleRule {
                metric: match rule.metric {
                    MetricName::CpuPercent => Metric::CpuPercent,
                    MetricName::RequestsPerInstance => Metric::RequestsPerInstance,
                },
                operator: match rule.operator {
                    OperatorName::GreaterThan => Operator::GreaterThan,
                    OperatorName::GreaterThanOrEqual => Operator::GreaterThanOrEqual,
                    OperatorName::LessThan => Operator::LessThan,
                    OperatorName::LessThanOrEqual => Operator::LessThanOrEqual,
                },
                threshold: rule.threshold,
                time_window_minutes: rule.window_minutes as u32,
                change_count: rule.change_count as u32,
                cooldown_minutes: rule.cooldown_minutes as u32,
            };
            let direction = |wanted| {
                rules
                    .iter()
                    .filter(|rule| rule.direction == wanted)
                    .map(convert)
                    .collect()
            };
            profile.scale_out = direction(Direction::Out);
            profile.scale_in = direction(Direction::In);
        }
        profile
    }

    /// "autoscale 2–6 (seed rules)", for notes.
    pub fn describe(&self) -> String {
        let rules = match self.rules {
            Rules::Seed(_) => "seed rules",
            Rules::List(_) => "custom rules",
        };
        format!("autoscale {}–{} ({rules})", self.minimum, self.maximum)
    }
}
