//! `azcost budget` output for people and scripts: the amount, how it was chosen, and each
//! alert threshold as an amount with the day it is expected to be crossed.

use super::grid::Grid;
use crate::budget::{Budget, ThresholdType};

fn threshold_grid(budget: &Budget) -> Grid {
    let mut grid = Grid::new(&["Alert", "Percent", "Amount", "Expected"], &[1, 2]);
    for threshold in &budget.thresholds {
        grid.push(vec![
            match threshold.threshold_type {
                ThresholdType::Actual => "actual".to_string(),
                ThresholdType::Forecasted => "forecast".to_string(),
            },
            format!("{}%", threshold.percent),
            format!("{} {}", budget.currency, threshold.amount.grouped()),
            match threshold.crossing_day {
                Some(day) => format!("day {day}"),
                None => "not crossed".to_string(),
            },
        ]);
    }
    grid
}

fn facts(budget: &Budget) -> Vec<(String, String)> {
    let money = |amount: crate::money::Money| format!("{} {}", budget.currency, amount.grouped());
    vec![
        ("Monthly budget".into(), money(budget.amount)),
        (
            "From".into(),
            format!("{} = {}", budget.basis, money(budget.basis_amount)),
        ),
        ("Rounding".into(), budget.rounding.clone()),
        (
            "As simulated".into(),
            format!(
                "{} a month (the month the expected days come from)",
                money(budget.simulated_monthly)
            ),
        ),
        (
            "Period".into(),
            format!("{} from {}", budget.time_grain, budget.start_date),
        ),
        ("Forecast rule".into(), budget.forecast_rule.clone()),
    ]
}

pub fn table(budget: &Budget) -> String {
    let mut out = format!(
        "{} / {} — recommended budget\n\n",
        budget.scenario, budget.environment
    );
    for (label, value) in facts(budget) {
        out.push_str(&format!("  {:<15} {value}\n", format!("{label}:")));
    }
    out.push('\n');
    out.push_str(&threshold_grid(budget).text("  "));
    for note in &budget.notes {
        out.push_str(&format!("  - {note}\n"));
    }
    if budget.exceeded() {
        out.push_str("\nThe as-simulated month exceeds this budget.\n");
    }
    out
}

pub fn markdown(budget: &Budget) -> String {
    let mut out = format!(
        "## {} / {} — recommended budget\n\n",
        budget.scenario, budget.environment
    );
    for (label, value) in facts(budget) {
        out.push_str(&format!("- **{label}**: {value}\n"));
    }
    out.push('\n');
    out.push_str(&threshold_grid(budget).markdown());
    if !budget.notes.is_empty() {
        out.push('\n');
        for note in &budget.notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    out
}

pub fn json(budget: &Budget) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string_pretty(budget)? + "\n")
}
