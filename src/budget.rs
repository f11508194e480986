//! Estimate → Budget: a monthly amount to give finance, its alert thresholds as amounts, and
//! the day of the month each one is expected to be crossed.
//!
//! Rules (stated here once; the reports repeat them):
//! - **Amount**: the environment's P90 monthly cost from the Monte Carlo range (`--percentile`
//!   10, 50 or 90), or, without a range (no traffic uncertainty), the as-simulated monthly
//!   total. Rounded *up* to two significant figures, at least to the next 10 ($1,252.68 →
//!   $1,300; $87 → $90; $12,345 → $13,000), or to the next multiple of `--round-to`.
//! - **Actual thresholds** (default 50, 80, 100 %) are crossed on the first day whose
//!   cumulative as-simulated spend reaches the threshold amount (hour by hour, see
//!   [`accrual`]).
//! - **Forecast thresholds** (default 100 %) are crossed on the first day whose run-rate
//!   forecast reaches the amount: spend to date ÷ hours elapsed × hours in the month. Azure
//!   Cost Management forecasts from the usage it has seen so far; a run rate is the simplest
//!   such forecast, and it is what this rule assumes.
//! - Azure allows at most five notifications per budget, thresholds of 0.01–1000 % with at most
//!   two decimals, and a start date on the first of a month; these are checked here so the
//!   exported template deploys as is.

pub mod accrual;
mod start;

use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

use crate::estimate::Estimate;
use crate::money::Money;
pub use accrual::{accrue, Accrual};
use start::start_date;

/// Azure's limit on notifications per budget.
pub const MAX_NOTIFICATIONS: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct BudgetSettings {
    pub environment: String,
    /// 10, 50 or 90.
    pub percentile: u8,
    /// Round the amount up to a multiple of this instead of two significant figures.
    pub round_to: Option<Decimal>,
    /// Actual-cost thresholds, percent of the amount.
    pub actual: Vec<Decimal>,
    /// Forecast-cost thresholds, percent of the amount.
    pub forecast: Vec<Decimal>,
    /// First day of the budget (YYYY-MM-01); default: the first of the month on or after
    /// `as_of`.
    pub start: Option<String>,
    /// The date the estimate is priced at (YYYY-MM-DD): the start may not be before it.
    pub as_of: String,
}

impl BudgetSettings {
    /// P90, actual alerts at 50/80/100 %, a forecast alert at 100 %, the default start.
    pub fn defaults(environment: &str, as_of: &str) -> Self {
        BudgetSettings {
            environment: environment.to_string(),
            percentile: 90,
            round_to: None,
            actual: vec![50.into(), 80.into(), 100.into()],
            forecast: vec![100.into()],
            start: None,
            as_of: as_of.to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ThresholdType {
    Actual,
    Forecasted,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Threshold {
    pub threshold_type: ThresholdType,
    #[serde(with = "rust_decimal::serde::str")]
    pub percent: Decimal,
    pub amount: Money,
    /// Day of the month (1 = the first) the as-simulated month crosses it; `None`: not crossed.
    pub crossing_day: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Budget {
    pub scenario: String,
    pub environment: String,
    pub currency: String,
    /// "P90 of 1000 simulated months" or "as simulated (no traffic uncertainty)".
    pub basis: String,
    /// The figure the amount is rounded up from.
    pub basis_amount: Money,
    /// The environment's monthly cost as simulated (the month the crossing days come from).
    pub simulated_monthly: Money,
    pub rounding: String,
    /// Whole currency units (Azure takes an integer amount).
    pub amount: Money,
    pub time_grain: String,
    pub start_date: String,
    pub thresholds: Vec<Threshold>,
    pub forecast_rule: String,
    /// Spend to the end of each day of the as-simulated month.
    pub daily_cumulative: Vec<Money>,
    /// False when some line could not be priced (the amount leaves it out).
    pub complete: bool,
    pub notes: Vec<String>,
}

impl Budget {
    /// True when the as-simulated month spends more than the budget.
    pub fn exceeded(&self) -> bool {
        self.simulated_monthly > self.amount
    }
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum BudgetError {
    #[error("the estimate has no environment `{0}`; it has: {1}")]
    NoEnvironment(String, String),
    #[error("--percentile {0}: the range has P10, P50 and P90; use 10, 50 or 90")]
    Percentile(u8),
    #[error("{count} notifications: Azure allows at most {MAX_NOTIFICATIONS} per budget; drop some of --thresholds / --forecast-thresholds")]
    TooManyNotifications { count: usize },
    #[error("no thresholds: give --thresholds or --forecast-thresholds")]
    NoNotifications,
    #[error("threshold {0}%: Azure takes 0.01–1000 percent with at most two decimals")]
    ThresholdOutOfRange(Decimal),
    #[error("threshold {0}% ({1}) is given twice")]
    DuplicateThreshold(Decimal, &'static str),
    #[error("--round-to {0}: give a whole amount of at least 1")]
    RoundTo(Decimal),
    #[error("--start {0}: a budget starts on the first of a month (YYYY-MM-01)")]
    StartNotFirst(String),
    #[error("--start {start} is before the as-of date {as_of}: Azure starts budgets in the current or a future month; use {suggestion}")]
    StartInPast {
        start: String,
        as_of: String,
        suggestion: String,
    },
    #[error("--start {start} is more than twelve months after the as-of date {as_of}; Azure refuses start dates that far ahead")]
    StartTooFar { start: String, as_of: String },
    #[error("environment `{0}` costs nothing a month: a budget amount must be more than 0")]
    NothingToBudget(String),
}

/// The budget for one environment of a priced estimate.
pub fn budget(estimate: &Estimate, settings: &BudgetSettings) -> Result<Budget, BudgetError> {
    let environment = estimate
        .environments
        .iter()
        .find(|environment| environment.name == settings.environment)
        .ok_or_else(|| {
            let names: Vec<&str> = estimate
                .environments
                .iter()
                .map(|environment| environment.name.as_str())
                .collect();
            BudgetError::NoEnvironment(settings.environment.clone(), names.join(", "))
        })?;
    let range = estimate.range.as_ref().and_then(|range| {
        range
            .environments
            .iter()
            .find(|candidate| candidate.environment == settings.environment)
            .map(|found| (range.runs, found.percentiles))
    });
    let (basis, basis_amount) = match range {
        Some((runs, percentiles)) => {
            let amount = match settings.percentile {
                10 => percentiles.p10,
                50 => percentiles.p50,
                90 => percentiles.p90,
                other => return Err(BudgetError::Percentile(other)),
            };
            (
                format!("P{} of {runs} simulated months", settings.percentile),
                amount,
            )
        }
        None => (
            "as simulated (no traffic uncertainty, so no range)".to_string(),
            environment.monthly,
        ),
    };
    let (amount, rounding) = round_up(basis_amount, settings.round_to)?;
    if amount <= Money::ZERO {
        return Err(BudgetError::NothingToBudget(settings.environment.clone()));
    }
    let start_date = start_date(settings)?;
    let accrual = accrue(estimate, &settings.environment);
    let thresholds = thresholds(settings, amount, &accrual)?;
    let mut notes = Vec::new();
    if !accrual.simulated {
        notes.push(
            "no hourly simulation for this environment: every line accrues evenly over the month"
                .to_string(),
        );
    }
    if environment.unpriced_lines > 0 {
        notes.push(format!(
            "INCOMPLETE: {} unpriced line(s) are left out of the amount",
            environment.unpriced_lines
        ));
    }
    notes.push(
        "the budget covers the resource group (or subscription) it is deployed to: deploy it where only this environment's resources live".into(),
    );
    Ok(Budget {
        scenario: estimate.scenario.name.clone(),
        environment: settings.environment.clone(),
        currency: estimate.scenario.currency.clone(),
        basis,
        basis_amount,
        simulated_monthly: environment.monthly,
        rounding,
        amount,
        time_grain: "Monthly".into(),
        start_date,
        thresholds,
        forecast_rule: "run rate: spend to date ÷ hours elapsed × hours in the month".into(),
        daily_cumulative: accrual.cumulative_by_day(),
        complete: environment.unpriced_lines == 0,
        notes,
    })
}

/// Rounds up to two significant figures (at least to 10), or to a multiple of `step`.
pub fn round_up(amount: Money, step: Option<Decimal>) -> Result<(Money, String), BudgetError> {
    if let Some(step) = step {
        if step < Decimal::ONE || step.fract() != Decimal::ZERO {
            return Err(BudgetError::RoundTo(step));
        }
        return Ok((
            amount.ceil_to(step),
            format!("rounded up to the next multiple of {}", step.normalize()),
        ));
    }
    let whole = amount.amount().ceil();
    let digits = whole.to_string().trim_start_matches('-').len() as u32;
    let step = Decimal::from(10u64.pow(digits.saturating_sub(2).max(1)));
    Ok((
        amount.ceil_to(step),
        "rounded up to two significant figures (at least to the next 10)".into(),
    ))
}

fn thresholds(
    settings: &BudgetSettings,
    amount: Money,
    accrual: &Accrual,
) -> Result<Vec<Threshold>, BudgetError> {
    let count = settings.actual.len() + settings.forecast.len();
    if count > MAX_NOTIFICATIONS {
        return Err(BudgetError::TooManyNotifications { count });
    }
    if count == 0 {
        return Err(BudgetError::NoNotifications);
    }
    let minimum = Decimal::new(1, 2);
    let cumulative = accrual.cumulative();
    let daily = accrual.cumulative_by_day();
    let hours = Decimal::from(accrual.hours() as u64);
    let mut result: Vec<Threshold> = Vec::new();
    let kinds = [
        (ThresholdType::Actual, &settings.actual, "actual"),
        (ThresholdType::Forecasted, &settings.forecast, "forecast"),
    ];
    for (threshold_type, percents, label) in kinds {
        for &percent in percents.iter() {
            if percent < minimum || percent > Decimal::from(1000) || percent.scale() > 2 {
                return Err(BudgetError::ThresholdOutOfRange(percent));
            }
            if result
                .iter()
                .any(|seen| seen.threshold_type == threshold_type && seen.percent == percent)
            {
                return Err(BudgetError::DuplicateThreshold(percent, label));
            }
            let level = (amount * (percent / Decimal::ONE_HUNDRED)).rounded();
            let crossing_day = match threshold_type {
                ThresholdType::Actual => cumulative
                    .iter()
                    .position(|spent| *spent >= level)
                    .map(|hour| hour / 24 + 1),
                ThresholdType::Forecasted => daily.iter().enumerate().position(|(day, spent)| {
                    let elapsed = Decimal::from(((day + 1) * 24).min(accrual.hours()) as u64);
                    *spent * (hours / elapsed) >= level
                }),
            }
            .map(|day| match threshold_type {
                ThresholdType::Actual => day,
                ThresholdType::Forecasted => day + 1,
            });
            result.push(Threshold {
                threshold_type,
                percent: percent.normalize(),
                amount: level,
                crossing_day,
            });
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests;
