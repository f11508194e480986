//! Scenario → Plan: the meters every resource of every environment uses in one month.
//!
//! In an environment with traffic, each resource whose kind has a capacity model is simulated
//! first ([`crate::simulate`]); the quantities it measures replace the counts the scenario
//! wrote, and its capacity report and alternatives travel with the plan. Everything else keeps
//! the counts as written.

use thiserror::Error;

use crate::catalog::PricingMode;
use crate::scenario::Scenario;
use crate::services::{Alternative, CapacityReport, Context, MeterSource, MeterUse};
use crate::simulate::{demand_for, DemandError, SimulationInputs};

/// One meter of one resource in one environment.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedLine {
    pub environment: String,
    pub resource: String,
    pub kind: String,
    pub sku: String,
    pub meter: MeterUse,
    /// How the resource's compute is bought; applies to meters with a `commitment`.
    pub pricing: PricingMode,
}

/// Other ways to run one simulated resource for the same demand.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedAlternatives {
    pub environment: String,
    pub resource: String,
    pub options: Vec<Alternative>,
}

/// Everything a scenario uses in a month, environment by environment, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub environments: Vec<String>,
    pub lines: Vec<PlannedLine>,
    /// One report per simulated resource.
    pub capacity: Vec<CapacityReport>,
    pub alternatives: Vec<PlannedAlternatives>,
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum PlanError {
    #[error(transparent)]
    Demand(#[from] DemandError),
    #[error("{file}: environment `{environment}`, resource `{resource}`: {message}")]
    Simulation {
        file: String,
        environment: String,
        resource: String,
        message: String,
    },
}

/// Lists the meters of every resource (in name order within an environment), simulating
/// traffic-driven resources first.
pub fn plan(scenario: &Scenario, inputs: &SimulationInputs) -> Result<Plan, PlanError> {
    let mut plan = Plan {
        environments: scenario
            .environments
            .iter()
            .map(|environment| environment.name.clone())
            .collect(),
        lines: Vec::new(),
        capacity: Vec::new(),
        alternatives: Vec::new(),
    };
    for environment in &scenario.environments {
        let demand = demand_for(environment, &scenario.month, inputs)?;
        let mut resources: Vec<_> = environment.resources.iter().collect();
        resources.sort_by(|a, b| a.name.cmp(&b.name));
        for resource in resources {
            let service = resource.spec.service();
            let simulation = match &demand {
                Some(demand) => {
                    service
                        .simulate(demand)
                        .map_err(|message| PlanError::Simulation {
                            file: scenario.file.clone(),
                            environment: environment.name.clone(),
                            resource: resource.name.clone(),
                            message,
                        })?
                }
                None => None,
            };
            let context = Context {
                region: scenario.region.clone(),
                month: scenario.month.clone(),
                environment: environment.name.clone(),
                simulated: simulation
                    .as_ref()
                    .map(|simulation| simulation.quantities.clone()),
            };
            if let Some(simulation) = simulation {
                let mut report = simulation.report;
                report.environment = environment.name.clone();
                report.resource = resource.name.clone();
                report.kind = resource.spec.kind().to_string();
                plan.capacity.push(report);
                if !simulation.alternatives.is_empty() {
                    let mut options = simulation.alternatives;
                    // A kind's `simulate` does not know the region; its alternatives are
                    // priced where the resource is.
                    for meter in options
                        .iter_mut()
                        .flat_map(|option| option.meters.iter_mut())
                    {
                        if let MeterSource::Catalog(query) = &mut meter.source {
                            if query.region.is_empty() {
                                query.region = scenario.region.clone();
                            }
                        }
                    }
                    plan.alternatives.push(PlannedAlternatives {
                        environment: environment.name.clone(),
                        resource: resource.name.clone(),
                        options,
                    });
                }
            }
            for meter in service.meters(&context) {
                plan.lines.push(PlannedLine {
                    environment: environment.name.clone(),
                    resource: resource.name.clone(),
                    kind: resource.spec.kind().to_string(),
                    sku: service.sku_label(),
                    meter,
                    pricing: resource.pricing,
                });
            }
        }
    }
    Ok(plan)
}
