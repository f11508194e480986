//! `azcost estimate FILE...`: load, plan, price and render scenarios.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, bail, Context as _, Result};

use super::series::parse_series;
use super::{emit, load_snapshot, today, Outcome};
use crate::catalog::TermRule;
use crate::catalog::{is_date, nearest_names, snapshot::Snapshot};
use crate::cli::{EstimateArgs, Format, ReservationTerms, ScenarioOptions};
use crate::estimate::projection::{project, Projection};
use crate::estimate::range::cost_range;
use crate::estimate::{price, Estimate, PriceBook, PriceSettings, RangeSettings};
use crate::money::MonthLength;
use crate::plan::plan;
use crate::report;
use crate::scenario::{Scenario, ScenarioError, Traffic};
use crate::simulate::SimulationInputs;

pub fn run(args: &EstimateArgs) -> Result<Outcome> {
    let snapshot = load_snapshot(args.options.price.pricing.pricing.as_deref())?;
    let mut estimates = Vec::new();
    for file in &args.files {
        let scenario = load_scenario(file)?;
        estimates.push(estimate_one(&scenario, &snapshot, &args.options)?);
    }
    let text = match args.format {
        Format::Table => report::table::render(&estimates),
        Format::Markdown => report::markdown::render(&estimates),
        Format::Json => report::json::render(&estimates)?,
        Format::Csv => report::csv::render(&estimates)?,
        Format::Html => super::chart::html(&args.files, &estimates, &snapshot, &args.options)?,
    };
    emit(args.output.as_deref(), &text)?;
    let unpriced: usize = estimates
        .iter()
        .map(|estimate| estimate.counts.unpriced)
        .sum();
    if unpriced > 0 && !args.allow_unpriced {
        eprintln!(
            "azcost: {unpriced} line{} could not be priced (shown as UNPRICED; totals are incomplete); \
             exit status 1 — pass --allow-unpriced to accept",
            if unpriced == 1 { "" } else { "s" }
        );
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}

/// Reads and validates a scenario file; every mistake in it is reported at once.
pub(crate) fn load_scenario(file: &Path) -> Result<Scenario> {
    let text = fs::read_to_string(file)
        .with_context(|| format!("cannot read scenario {}", file.display()))?;
    Scenario::parse(&text, &file.display().to_string())
        .map_err(|error: ScenarioError| anyhow!(error))
}

/// Checks a scenario against the snapshot and the command line, then plans and prices it.
pub(crate) fn estimate_one(
    scenario: &Scenario,
    snapshot: &Snapshot,
    args: &ScenarioOptions,
) -> Result<Estimate> {
    let (scenario, settings) = prepare(scenario, snapshot, args)?;
    let manifest = &snapshot.manifest;
    let inputs = read_measured(&scenario)?;
    let plan = plan(&scenario, &inputs)?;
    let mut book = PriceBook::new(&snapshot.catalog, &settings.as_of);
    let mut estimate = price(&scenario, &plan, &mut book, manifest, &settings);
    let range = RangeSettings {
        runs: args.simulation.runs,
        seed: args.simulation.seed,
    };
    estimate.range = cost_range(
        &scenario,
        &inputs,
        &snapshot.catalog,
        manifest,
        &settings,
        range,
    )?;
    Ok(estimate)
}

/// Checks a scenario against the snapshot and the command line: currency, region, month,
/// as-of date and the environments asked for.
pub(crate) fn prepare(
    scenario: &Scenario,
    snapshot: &Snapshot,
    options: &ScenarioOptions,
) -> Result<(Scenario, PriceSettings)> {
    let args = &options.price;
    let manifest = &snapshot.manifest;
    if scenario.currency != manifest.currency {
        bail!(scenario.diagnostic(
            "currency",
            format!(
                "the scenario is in {} but the price snapshot is in {}; use a snapshot fetched in {} (--pricing DIR)",
                scenario.currency, manifest.currency, scenario.currency
            )
        ));
    }
    let regions: Vec<String> = snapshot.catalog.regions().into_iter().collect();
    if !regions.contains(&scenario.region) {
        let suggestion = nearest_names(&scenario.region, &regions, 1)
            .into_iter()
            .next();
        bail!(scenario
            .diagnostic(
                "region",
                format!(
                    "the price snapshot has no prices for region `{}` (it has: {})",
                    scenario.region,
                    regions.join(", ")
                )
            )
            .suggest(suggestion));
    }
    let month = match &args.month {
        Some(text) => MonthLength::parse(text).ok_or_else(|| {
            anyhow!("--month `{text}`: use `average` (730 hours) or a calendar month like 2026-02")
        })?,
        None => scenario.month.clone(),
    };
    let as_of = match (&args.as_of, &scenario.as_of) {
        (Some(date), _) => {
            if !is_date(date) {
                bail!("--as-of `{date}` is not a date; use YYYY-MM-DD");
            }
            date.clone()
        }
        (None, Some(date)) => date.clone(),
        (None, None) => today(),
    };
    let mut scenario = scenario.clone();
    // The plan counts hours with the same month the prices are converted with.
    scenario.month = month.clone();
    if !args.environments.is_empty() {
        let names: Vec<String> = scenario
            .environments
            .iter()
            .map(|environment| environment.name.clone())
            .collect();
        for wanted in &args.environments {
            if !names.contains(wanted) {
                let hint = nearest_names(wanted, &names, 1)
                    .into_iter()
                    .next()
                    .map(|name| format!(" (did you mean `{name}`?)"))
                    .unwrap_or_default();
                bail!(
                    "{}: no environment `{wanted}`{hint}; it has: {}",
                    scenario.file,
                    names.join(", ")
                );
            }
        }
        scenario
            .environments
            .retain(|environment| args.environments.contains(&environment.name));
    }
    let reservation_terms = match args.reservation_terms {
        ReservationTerms::Infer => TermRule::Infer,
        ReservationTerms::Recorded => TermRule::Recorded,
    };
    let settings = PriceSettings {
        as_of,
        month,
        reservation_terms,
    };
    Ok((scenario, settings))
}

/// Reads the measured traffic series (`traffic_csv`) the scenario's environments name.
pub(crate) fn read_measured(scenario: &Scenario) -> Result<SimulationInputs> {
    let mut inputs = SimulationInputs::default();
    let directory = Path::new(&scenario.file).parent().unwrap_or(Path::new("."));
    for environment in &scenario.environments {
        if let Some(Traffic::Measured { csv }) = &environment.traffic {
            let path = directory.join(csv);
            let text = fs::read_to_string(&path).with_context(|| {
                format!(
                    "{}: cannot read traffic series {}",
                    scenario.file,
                    path.display()
                )
            })?;
            let series = parse_series(&text)
                .with_context(|| format!("{}: traffic series {}", scenario.file, path.display()))?;
            inputs.measured.insert(environment.name.clone(), series);
        }
    }
    Ok(inputs)
}

/// A prepared scenario's next `months` months, traffic growth compounding (`simulate --months`
/// and the projection chart).
pub(crate) fn project_months(
    prepared: &Scenario,
    snapshot: &Snapshot,
    settings: &PriceSettings,
    months: usize,
) -> Result<Projection> {
    let inputs = read_measured(prepared)?;
    let mut book = PriceBook::new(&snapshot.catalog, &settings.as_of);
    Ok(project(
        prepared,
        &inputs,
        &mut book,
        &snapshot.manifest,
        settings,
        months,
    )?)
}
