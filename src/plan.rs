//! Scenario → Plan: the meters every resource of every environment uses in one month.
//!
//! Today a plan takes each resource's counts as written; the capacity simulation (traffic →
//! instances, replicas, RU/s) will produce the same structure with simulated quantities, so
//! pricing and every renderer stay unchanged.

use crate::scenario::Scenario;
use crate::services::{Context, MeterUse};

/// One meter of one resource in one environment.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedLine {
    pub environment: String,
    pub resource: String,
    pub kind: String,
    pub sku: String,
    pub meter: MeterUse,
}

/// Everything a scenario uses in a month, environment by environment, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub environments: Vec<String>,
    pub lines: Vec<PlannedLine>,
}

/// Lists the meters of every resource; resources are in name order within an environment.
pub fn plan(scenario: &Scenario) -> Plan {
    let mut lines = Vec::new();
    for environment in &scenario.environments {
        let context = Context {
            region: scenario.region.clone(),
            month: scenario.month.clone(),
            environment: environment.name.clone(),
            simulated: None,
        };
        let mut resources: Vec<_> = environment.resources.iter().collect();
        resources.sort_by(|a, b| a.name.cmp(&b.name));
        for resource in resources {
            let service = resource.spec.service();
            for meter in service.meters(&context) {
                lines.push(PlannedLine {
                    environment: environment.name.clone(),
                    resource: resource.name.clone(),
                    kind: resource.spec.kind().to_string(),
                    sku: service.sku_label(),
                    meter,
                });
            }
        }
    }
    Plan {
        environments: scenario
            .environments
            .iter()
            .map(|environment| environment.name.clone())
            .collect(),
        lines,
    }
}
