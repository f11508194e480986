//! What the ARM template and the Bicep file of a budget share: the API version, the
//! comparison, notification names, the budget's resource name and its contacts.

use crate::budget::{Budget, Threshold, ThresholdType};

/// `Microsoft.Consumption/budgets` API version both exports use.
pub const API_VERSION: &str = "2021-10-01";
/// Alerts fire when spend reaches the threshold (the crossing-day rule uses ≥ too).
pub const OPERATOR: &str = "GreaterThanOrEqualTo";

/// Who receives the alerts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contacts {
    pub emails: Vec<String>,
    /// Owner, Contributor or Reader.
    pub roles: Vec<String>,
    /// Action group resource IDs.
    pub groups: Vec<String>,
}

/// `actual_80_percent`, `forecasted_100_percent`, `actual_12_5_percent`.
pub fn notification_key(threshold: &Threshold) -> String {
    let kind = match threshold.threshold_type {
        ThresholdType::Actual => "actual",
        ThresholdType::Forecasted => "forecasted",
    };
    format!(
        "{kind}_{}_percent",
        threshold.percent.normalize().to_string().replace('.', "_")
    )
}

/// `azcost-<scenario>-<environment>`: letters, digits, `-` and `_`, at most 63 characters.
pub fn budget_name(budget: &Budget) -> String {
    let raw = format!("azcost-{}-{}", budget.scenario, budget.environment);
    let cleaned: String = raw
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || character == '-' || character == '_' {
                character
            } else {
                '-'
            }
        })
        .take(63)
        .collect();
    cleaned
}
