//! `azcost chart FILE...`: draw each scenario's charts (capacity, cumulative spend against the
//! default budget, range, projection) and, with several files, the monthly cost by category of
//! each, into `--output-dir`.

use std::path::Path;

use anyhow::{Context as _, Result};

use super::estimate::{estimate_one, load_scenario, prepare, project_months};
use super::{load_snapshot, write_atomically, Outcome};
use crate::budget::{budget, Budget, BudgetSettings};
use crate::catalog::snapshot::Snapshot;
use crate::cli::{ChartArgs, ChartImage, ScenarioOptions};
use crate::estimate::projection::Projection;
use crate::estimate::Estimate;
use crate::report::chart::{self, ImageFormat};
use crate::scenario::Scenario;

pub fn run(args: &ChartArgs) -> Result<Outcome> {
    let format = match args.image {
        ChartImage::Svg => ImageFormat::Svg,
        ChartImage::Png => ImageFormat::Png,
    };
    let snapshot = load_snapshot(args.options.price.pricing.pricing.as_deref())?;
    let mut estimates = Vec::new();
    let mut charts = Vec::new();
    for file in &args.files {
        let scenario = load_scenario(file)?;
        let estimate = estimate_one(&scenario, &snapshot, &args.options)?;
        let projection = projection(&scenario, &snapshot, &args.options, args.months as usize)?;
        let budgets = default_budgets(&estimate);
        charts.extend(chart::scenario_charts(
            &estimate,
            projection.as_ref(),
            &budgets,
            format,
        )?);
        let name = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        estimates.push((name, estimate));
    }
    if estimates.len() > 1 {
        let named: Vec<(&str, &Estimate)> = estimates
            .iter()
            .map(|(name, estimate)| (name.as_str(), estimate))
            .collect();
        charts.push(chart::chart(
            "compare-categories",
            &chart::categories::categories(&named),
            format,
        )?);
    }
    for drawn in &charts {
        let path = args
            .output_dir
            .join(format!("{}.{}", drawn.stem, format.extension()));
        write_atomically(&path, &drawn.bytes)?;
        println!("{}", display(&path));
    }
    Ok(Outcome::Clean)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The month-by-month projection, when some environment has traffic (otherwise every month
/// is the same and there is nothing to chart).
pub(crate) fn projection(
    scenario: &Scenario,
    snapshot: &Snapshot,
    options: &ScenarioOptions,
    months: usize,
) -> Result<Option<Projection>> {
    let (prepared, settings) = prepare(scenario, snapshot, options)?;
    if !prepared
        .environments
        .iter()
        .any(|environment| environment.traffic.is_some())
    {
        return Ok(None);
    }
    let projection = project_months(&prepared, snapshot, &settings, months)
        .with_context(|| format!("{}: cannot project {months} months", scenario.file))?;
    Ok(Some(projection))
}

/// The default budget (P90, 50/80/100 % actual, 100 % forecast) of every environment that
/// costs something.
pub(crate) fn default_budgets(estimate: &Estimate) -> Vec<Budget> {
    estimate
        .environments
        .iter()
        .filter_map(|environment| {
            budget(
                estimate,
                &BudgetSettings::defaults(&environment.name, &estimate.pricing.as_of),
            )
            .ok()
        })
        .collect()
}

/// `estimate --format html`: the page for the estimates of `files`, with their charts drawn
/// as SVG (a 12-month projection for scenarios with traffic) and their default budgets.
pub(crate) fn html(
    files: &[std::path::PathBuf],
    estimates: &[Estimate],
    snapshot: &Snapshot,
    options: &ScenarioOptions,
) -> Result<String> {
    const MONTHS: usize = 12;
    let mut sections = Vec::new();
    for (file, estimate) in files.iter().zip(estimates) {
        let scenario = load_scenario(file)?;
        let projection = projection(&scenario, snapshot, options, MONTHS)?;
        let budgets = default_budgets(estimate);
        let charts =
            chart::scenario_charts(estimate, projection.as_ref(), &budgets, ImageFormat::Svg)?;
        sections.push(crate::report::html::Section {
            estimate,
            budgets,
            charts,
        });
    }
    let comparison = if estimates.len() > 1 {
        let named: Vec<(&str, &Estimate)> = estimates
            .iter()
            .map(|estimate| (estimate.scenario.name.as_str(), estimate))
            .collect();
        Some(chart::chart(
            "compare-categories",
            &chart::categories::categories(&named),
            ImageFormat::Svg,
        )?)
    } else {
        None
    };
    Ok(crate::report::html::render(&sections, comparison.as_ref()))
}
