//! A month-by-month projection: the same scenario simulated for consecutive months, traffic
//! growth compounding, each month priced on its own.

use serde::{Deserialize, Serialize};

use super::{price, PriceBook, PriceSettings};
use crate::catalog::snapshot::Manifest;
use crate::money::Money;
use crate::plan::{plan, PlanError};
use crate::scenario::Scenario;
use crate::simulate::SimulationInputs;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectedMonth {
    /// 1 for the first simulated month.
    pub month: usize,
    /// Monthly cost by environment, in scenario order.
    pub environments: Vec<(String, Money)>,
    pub total: Money,
    /// False when any line could not be priced.
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub scenario: String,
    pub currency: String,
    pub hours_per_month: u32,
    pub months: Vec<ProjectedMonth>,
    pub total: Money,
}

impl Projection {
    /// The environments projected, in the estimate's order (those of the first month).
    pub fn environment_names(&self) -> Vec<String> {
        self.months
            .first()
            .map(|month| {
                month
                    .environments
                    .iter()
                    .map(|(name, _)| name.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub fn project(
    scenario: &Scenario,
    inputs: &SimulationInputs,
    book: &mut PriceBook,
    manifest: &Manifest,
    settings: &PriceSettings,
    months: usize,
) -> Result<Projection, PlanError> {
    let mut projected = Vec::with_capacity(months);
    for index in 0..months {
        let month_inputs = SimulationInputs {
            month_index: index,
            ..inputs.clone()
        };
        let planned = plan(scenario, &month_inputs)?;
        let estimate = price(scenario, &planned, book, manifest, settings);
        projected.push(ProjectedMonth {
            month: index + 1,
            environments: estimate
                .environments
                .iter()
                .map(|environment| (environment.name.clone(), environment.monthly))
                .collect(),
            total: estimate.totals.monthly,
            complete: estimate.totals.complete,
        });
    }
    let total = projected.iter().map(|month| month.total).sum();
    Ok(Projection {
        scenario: scenario.name.clone(),
        currency: scenario.currency.clone(),
        hours_per_month: settings.month.hours(),
        months: projected,
        total,
    })
}
