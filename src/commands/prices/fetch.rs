//! `azcost prices fetch`: refresh a snapshot from the Azure Retail Prices API.
//!
//! The queries come from what the given scenarios look up (planned exactly as `estimate`
//! plans them, alternatives included) and/or whole services and regions; `catalog::odata`
//! turns them into `$filter`s and `catalog::retail_api` runs them. Rows are merged into the
//! existing snapshot by natural key (or replace it with `--replace`) and written with the same
//! builder as `prices import`, so order and de-duplication are identical. A failed query
//! writes nothing: the snapshot on disk stays byte-for-byte as it was.

use std::collections::BTreeSet;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};

use super::super::estimate::{load_scenario, read_measured};
use super::super::{load_snapshot, today, Outcome};
use super::write_snapshot;
use crate::catalog::commitment::PricingMode;
use crate::catalog::odata::{filters_for_queries, filters_for_scope, query_url, API_VERSION};
use crate::catalog::paging::RetryPolicy;
use crate::catalog::retail_api::{fetch_all, FetchSettings, Progress};
use crate::catalog::snapshot::{Manifest, ManifestInput, MANIFEST_FILE};
use crate::catalog::snapshot_diff::merge;
use crate::catalog::PriceQuery;
use crate::cli::FetchArgs;
use crate::plan::plan;
use crate::services::MeterSource;

/// The longest exponential backoff between retries.
const BACKOFF_CAP: Duration = Duration::from_secs(60);

pub fn run(args: &FetchArgs) -> Result<Outcome> {
    if args.scenarios.is_empty() && args.services.is_empty() && args.regions.is_empty() {
        bail!("say what to fetch: --scenario FILE..., --service NAME or --region NAME (the whole catalog is about a million rows)");
    }
    if !args.timeout.is_finite() || args.timeout <= 0.0 {
        bail!("--timeout must be a positive number of seconds");
    }
    let mut filters = filters_for_queries(&scenario_queries(&args.scenarios)?);
    filters.extend(filters_for_scope(&args.services, &args.regions));
    let queries: Vec<_> = filters
        .iter()
        .map(|filter| query_url(&args.api_url, filter, &args.currency))
        .collect();
    if queries.is_empty() {
        bail!("the scenarios look up no catalog prices (only `custom` ones); nothing to fetch");
    }
    if args.dry_run {
        let mut text = format!(
            "# {} quer{} to {} (api-version {API_VERSION}, currency {})\n",
            queries.len(),
            if queries.len() == 1 { "y" } else { "ies" },
            args.api_url,
            args.currency
        );
        for query in &queries {
            text.push_str(&query.filter);
            text.push('\n');
        }
        super::super::emit(None, &text)?;
        return Ok(Outcome::Clean);
    }
    // Read the snapshot to merge into before the network, so a damaged one stops us early.
    let existing = existing_snapshot(&args.output, args.replace)?;
    if let Some(existing) = &existing {
        if existing.manifest.currency != args.currency {
            bail!(
                "{} holds {} prices and this fetch is in {}; fetch into another directory or pass --replace",
                args.output.display(),
                existing.manifest.currency,
                args.currency
            );
        }
    }
    let settings = FetchSettings {
        concurrency: usize::from(args.concurrency),
        timeout: Duration::from_secs_f64(args.timeout),
        retry: RetryPolicy {
            retries: args.retries,
            base: Duration::from_millis(args.backoff_ms),
            cap: BACKOFF_CAP,
        },
    };
    let started = Instant::now();
    let bar = ProgressBar::new();
    let fetched = fetch_all(&queries, &settings, &|progress| bar.draw(progress));
    bar.finish();
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|error| format!("  {error}")).collect();
            bail!(
                "{} of {} queries failed; {} was left unchanged:\n{}\n\
                 Check --api-url and the network, then run again (throttling or outages: a \
                 larger --retries, --backoff-ms or --timeout, or a lower --concurrency)",
                errors.len(),
                queries.len(),
                args.output.display(),
                lines.join("\n")
            );
        }
    };
    let fetched_count: usize = fetched.iter().map(Vec::len).sum();
    let empty = fetched.iter().filter(|rows| rows.is_empty()).count();
    let rows: Vec<_> = fetched.into_iter().flatten().collect();
    if let Some(row) = rows.iter().find(|row| row.currency_code != args.currency) {
        bail!(
            "asked for {} prices but the API sent {} ({}); nothing was written",
            args.currency,
            row.currency_code,
            row.meter_name
        );
    }
    let source = format!("Azure Retail Prices API, {}", args.api_url);
    let fetch_input = ManifestInput {
        file: args.api_url.clone(),
        rows: fetched_count,
        note: Some(format!(
            "fetched {} with {} queries",
            today(),
            queries.len()
        )),
    };
    let (rows, mut inputs, mut old_filters) = match existing {
        Some(existing) => (
            merge(existing.catalog.rows().to_vec(), rows),
            existing.manifest.inputs,
            existing.manifest.filters,
        ),
        None => (rows, Vec::new(), Vec::new()),
    };
    inputs.push(fetch_input);
    old_filters.extend(filters.iter().cloned());
    let filters: Vec<String> = old_filters
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let manifest = Manifest {
        source,
        prices_as_of: today(),
        api_version: API_VERSION.to_string(),
        currency: args.currency.clone(),
        filters,
        row_count: 0,
        sha256: String::new(),
        inputs,
    };
    let manifest = write_snapshot(&args.output, rows, manifest)?;
    eprintln!(
        "azcost: fetched {fetched_count} rows with {} queries in {:.1} s; {} now holds {} rows",
        queries.len(),
        started.elapsed().as_secs_f64(),
        args.output.display(),
        manifest.row_count
    );
    if empty > 0 {
        eprintln!(
            "azcost: warning: {empty} quer{} returned no rows (names are case-sensitive; see `azcost prices fetch --dry-run`)",
            if empty == 1 { "y" } else { "ies" }
        );
    }
    Ok(Outcome::Clean)
}

/// Every catalog query the scenarios' resources make, alternatives included.
pub(super) fn scenario_queries(files: &[PathBuf]) -> Result<Vec<PriceQuery>> {
    let mut queries = BTreeSet::new();
    for file in files {
        let scenario = load_scenario(file)?;
        let inputs = read_measured(&scenario)?;
        let plan =
            plan(&scenario, &inputs).with_context(|| format!("cannot plan {}", file.display()))?;
        let alternatives = plan
            .alternatives
            .iter()
            .flat_map(|planned| planned.options.iter())
            .flat_map(|option| option.meters.iter())
            .map(|meter| (meter, PricingMode::PayAsYouGo));
        let meters = plan
            .lines
            .iter()
            .map(|line| (&line.meter, line.pricing))
            .chain(alternatives);
        for (meter, pricing) in meters {
            if let MeterSource::Catalog(query) = &meter.source {
                queries.insert(query.clone());
            }
            // A committed meter's Reservation rows may sit on another meter (PostgreSQL's
            // per-vCore rows): fetch those too, or `pricing: reservation-…` finds nothing.
            if let Some(commitment) = meter
                .commitment
                .as_ref()
                .filter(|_| pricing != PricingMode::PayAsYouGo)
            {
                queries.insert(commitment.reservation.clone());
            }
        }
    }
    Ok(queries.into_iter().collect())
}

/// The snapshot in `directory` to merge into: none with `--replace` or when there is none yet.
fn existing_snapshot(
    directory: &Path,
    replace: bool,
) -> Result<Option<crate::catalog::snapshot::Snapshot>> {
    if replace || !directory.join(MANIFEST_FILE).exists() {
        return Ok(None);
    }
    load_snapshot(Some(directory))
        .map(Some)
        .context("cannot merge into it; fix or remove it, or pass --replace")
}

/// A one-line progress bar on standard error, drawn only when that is a terminal.
struct ProgressBar {
    terminal: bool,
}

impl ProgressBar {
    fn new() -> Self {
        ProgressBar {
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn draw(&self, progress: Progress) {
        if !self.terminal {
            return;
        }
        const WIDTH: usize = 30;
        let filled = (progress.queries_done * WIDTH)
            .checked_div(progress.queries_total)
            .unwrap_or(WIDTH);
        let retries = if progress.retries > 0 {
            format!(", {} retries", progress.retries)
        } else {
            String::new()
        };
        let mut stderr = std::io::stderr().lock();
        let _ = write!(
            stderr,
            "\r[{}{}] {}/{} queries, {} pages, {} rows{retries}\x1b[K",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            progress.queries_done,
            progress.queries_total,
            progress.pages,
            progress.rows
        );
        let _ = stderr.flush();
    }

    fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}
