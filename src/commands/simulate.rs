//! `azcost simulate FILE`: the capacity a scenario's traffic needs, its cost range, and with
//! `--months N` a month-by-month projection.

use anyhow::{bail, Result};

use super::estimate::{estimate_one, load_scenario, prepare, project_months};
use super::{emit, load_snapshot, Outcome};
use crate::cli::{SimulateArgs, SimulateFormat};
use crate::report;

pub fn run(args: &SimulateArgs) -> Result<Outcome> {
    let snapshot = load_snapshot(args.options.price.pricing.pricing.as_deref())?;
    let scenario = load_scenario(&args.file)?;
    if !scenario
        .environments
        .iter()
        .any(|environment| environment.traffic.is_some())
    {
        bail!(
            "{}: no environment has `traffic` (or `traffic_csv`), so there is nothing to simulate; \
             add a traffic profile (see README, \"Traffic and capacity\")",
            scenario.file
        );
    }
    let text = if args.months > 1 {
        let (prepared, settings) = prepare(&scenario, &snapshot, &args.options)?;
        let projection = project_months(&prepared, &snapshot, &settings, args.months as usize)?;
        match args.format {
            SimulateFormat::Json => serde_json::to_string_pretty(&projection)? + "\n",
            SimulateFormat::Markdown => report::simulation::projection_markdown(&projection),
            _ => report::simulation::projection_table(&projection),
        }
    } else {
        let estimate = estimate_one(&scenario, &snapshot, &args.options)?;
        match args.format {
            SimulateFormat::Json => serde_json::to_string_pretty(&estimate.capacity)? + "\n",
            SimulateFormat::Markdown => report::simulation::capacity_markdown(&estimate),
            _ => report::simulation::capacity_table(&estimate),
        }
    };
    emit(args.output.as_deref(), &text)?;
    Ok(Outcome::Clean)
}
