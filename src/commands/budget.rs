//! `azcost budget FILE --env NAME`: price and simulate one environment, recommend a monthly
//! budget with alert thresholds, and with `--export DIR` write it as an ARM template and a
//! Bicep file.

use anyhow::{bail, Context as _, Result};
use rust_decimal::Decimal;

use super::estimate::{estimate_one, load_scenario};
use super::{emit, load_snapshot, write_atomically, Outcome};
use crate::budget::{budget, BudgetSettings};
use crate::cli::{BudgetArgs, BudgetFormat};
use crate::estimate::Estimate;
use crate::report::budget_notifications::{budget_name, Contacts};
use crate::report::{budget_arm, budget_bicep, budget_summary};

pub fn run(args: &BudgetArgs) -> Result<Outcome> {
    let environment = match args.options.price.environments.as_slice() {
        [one] => one.clone(),
        [] => bail!("name the environment to budget: --env NAME"),
        _ => bail!("a budget covers one environment: give --env once"),
    };
    let settings_without_date = (
        percents(&args.thresholds, "--thresholds")?,
        percents(&args.forecast_thresholds, "--forecast-thresholds")?,
    );
    let estimate = if args
        .file
        .extension()
        .is_some_and(|extension| extension == "json")
    {
        read_estimate(&args.file)?
    } else {
        let snapshot = load_snapshot(args.options.price.pricing.pricing.as_deref())?;
        let scenario = load_scenario(&args.file)?;
        estimate_one(&scenario, &snapshot, &args.options)?
    };
    let settings = BudgetSettings {
        percentile: args.percentile,
        round_to: args.round_to.map(Decimal::from),
        actual: settings_without_date.0,
        forecast: settings_without_date.1,
        start: args.start.clone(),
        ..BudgetSettings::defaults(&environment, &estimate.pricing.as_of)
    };
    let budget = budget(&estimate, &settings)?;
    let text = match args.format {
        BudgetFormat::Table => budget_summary::table(&budget),
        BudgetFormat::Markdown => budget_summary::markdown(&budget),
        BudgetFormat::Json => budget_summary::json(&budget)?,
    };
    if let Some(directory) = &args.export {
        let contacts = Contacts {
            emails: args.contact_emails.clone(),
            roles: args.contact_roles.clone(),
            groups: args.contact_groups.clone(),
        };
        let name = budget_name(&budget);
        let template = budget_arm::render(&budget, &name, &contacts)
            .context("cannot write the ARM template")?;
        let bicep = budget_bicep::render(&budget, &name, &contacts);
        let json_path = directory.join("budget.json");
        let bicep_path = directory.join("budget.bicep");
        write_atomically(&json_path, template.as_bytes())?;
        write_atomically(&bicep_path, bicep.as_bytes())?;
        eprintln!(
            "azcost: wrote {} and {}",
            json_path.display(),
            bicep_path.display()
        );
        if contacts.emails.is_empty() && contacts.groups.is_empty() {
            eprintln!(
                "azcost: no --contact-email: give contactEmails when deploying (Azure requires an email or action group)"
            );
        }
    }
    emit(args.output.as_deref(), &text)?;
    if !budget.complete {
        eprintln!(
            "azcost: some lines could not be priced; the budget leaves them out (exit status 1)"
        );
        return Ok(Outcome::Findings);
    }
    if budget.exceeded() {
        eprintln!(
            "azcost: the month as simulated ({} {}) exceeds the budget ({} {}) (exit status 1)",
            budget.currency,
            budget.simulated_monthly.grouped(),
            budget.currency,
            budget.amount.grouped()
        );
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}

/// An Estimate written by `estimate --format json` (one scenario). It carries no hourly
/// series, so its lines accrue evenly over the month.
fn read_estimate(path: &std::path::Path) -> Result<Estimate> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read estimate {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let value = match value {
        serde_json::Value::Array(mut items) if items.len() == 1 => items.remove(0),
        serde_json::Value::Array(_) => {
            bail!(
                "{} holds several estimates; budget one scenario at a time",
                path.display()
            )
        }
        other => other,
    };
    serde_json::from_value(value).with_context(|| {
        format!(
            "{} is not an azcost Estimate (write one with `azcost estimate FILE --format json`)",
            path.display()
        )
    })
}

/// "50,80,100" → percents; `none` (or nothing) → no thresholds of that kind.
fn percents(values: &[String], flag: &str) -> Result<Vec<Decimal>> {
    let values: Vec<&str> = values
        .iter()
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
        .collect();
    if values == ["none"] {
        return Ok(Vec::new());
    }
    values
        .into_iter()
        .map(|value| {
            value
                .trim_end_matches('%')
                .parse::<Decimal>()
                .with_context(|| format!("{flag} `{value}` is not a percent (e.g. 50,80,100)"))
        })
        .collect()
}
