//! A budget as an ARM template: one `Microsoft.Consumption/budgets` resource, deployable to a
//! resource group as is (`az deployment group create --template-file budget.json`).
//!
//! The amount, start date, name and contacts are template parameters whose defaults are the
//! recommendation, so finance can deploy it unchanged or override one value. Without
//! `--contact-email` the `contactEmails` parameter has no default and must be given at deploy
//! time: Azure requires a contact email or group on resource-group budgets.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::budget_notifications::{notification_key, Contacts, API_VERSION, OPERATOR};
use crate::budget::{Budget, ThresholdType};

pub fn render(
    budget: &Budget,
    name: &str,
    contacts: &Contacts,
) -> Result<String, serde_json::Error> {
    let mut notifications = Map::new();
    for threshold in &budget.thresholds {
        let mut notification = json!({
            "enabled": true,
            "operator": OPERATOR,
            "threshold": number(threshold.percent),
            "thresholdType": match threshold.threshold_type {
                ThresholdType::Actual => "Actual",
                ThresholdType::Forecasted => "Forecasted",
            },
            "contactEmails": "[parameters('contactEmails')]",
            "contactRoles": "[parameters('contactRoles')]",
        });
        if !contacts.groups.is_empty() {
            notification["contactGroups"] = json!("[parameters('contactGroups')]");
        }
        notifications.insert(notification_key(threshold), notification);
    }
    let mut emails = json!({
        "type": "array",
        "metadata": { "description": "Who receives the alerts (Azure requires an email or an action group on resource-group budgets)." },
    });
    if !contacts.emails.is_empty() {
        emails["defaultValue"] = json!(contacts.emails);
    }
    let mut parameters = json!({
        "budgetName": {
            "type": "string",
            "defaultValue": name,
            "maxLength": 63,
            "metadata": { "description": "Name of the budget (1–63 letters, digits, - and _)." },
        },
        "amount": {
            "type": "int",
            "defaultValue": number(budget.amount.amount().trunc()),
            "minValue": 1,
            "metadata": { "description": format!("Monthly budget in {}: {}, {}.", budget.currency, budget.basis, budget.rounding) },
        },
        "startDate": {
            "type": "string",
            "defaultValue": budget.start_date,
            "metadata": { "description": "First day of the budget: the first of a month (YYYY-MM-DD)." },
        },
        "contactEmails": emails,
        "contactRoles": {
            "type": "array",
            "defaultValue": contacts.roles,
            "metadata": { "description": "Roles on the scope that receive the alerts (Owner, Contributor, Reader)." },
        },
    });
    if !contacts.groups.is_empty() {
        parameters["contactGroups"] = json!({
            "type": "array",
            "defaultValue": contacts.groups,
            "metadata": { "description": "Action group resource IDs that receive the alerts." },
        });
    }
    let expected: Vec<Value> = budget
        .thresholds
        .iter()
        .map(|threshold| {
            json!({
                "notification": notification_key(threshold),
                "amount": threshold.amount.to_string(),
                "expectedDay": threshold.crossing_day,
            })
        })
        .collect();
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "metadata": {
            "generator": "azcost",
            "scenario": budget.scenario,
            "environment": budget.environment,
            "currency": budget.currency,
            "basis": format!("{} = {}", budget.basis, budget.basis_amount),
            "asSimulatedMonthly": budget.simulated_monthly.to_string(),
            "thresholds": expected,
        },
        "parameters": parameters,
        "resources": [{
            "type": "Microsoft.Consumption/budgets",
            "apiVersion": API_VERSION,
            "name": "[parameters('budgetName')]",
            "properties": {
                "category": "Cost",
                "amount": "[parameters('amount')]",
                "timeGrain": budget.time_grain,
                "timePeriod": { "startDate": "[parameters('startDate')]" },
                "notifications": notifications,
            },
        }],
    });
    Ok(serde_json::to_string_pretty(&template)? + "\n")
}

/// A JSON number: an integer when whole (`50`), else the decimal (`12.5`).
fn number(value: Decimal) -> Value {
    let value = value.normalize();
    match value.to_i64().filter(|_| value.fract().is_zero()) {
        Some(whole) => json!(whole),
        None => json!(value.to_f64().unwrap_or_default()),
    }
}
