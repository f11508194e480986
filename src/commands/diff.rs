//! `azcost diff BASE HEAD`: the cost change between two versions of a scenario.
//!
//! Each side is a scenario file, a saved `estimate --format json` (recognised by its
//! `schema_version`), or a file at a git revision, `REV:PATH` (an argument that is not an
//! existing path and contains `:`), read with `git show`. Scenario sides are priced alike with
//! the same options and without the Monte Carlo range (`--runs 0`): a diff compares the point
//! estimates, which keeps it deterministic and fast enough for every push of a pull request.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{anyhow, bail, Context as _, Result};
use rust_decimal::Decimal;

use super::estimate::estimate_one;
use super::{emit, load_snapshot, Outcome};
use crate::catalog::snapshot::Snapshot;
use crate::cli::{DiffArgs, DiffFormat, ScenarioOptions, SimulationArgs};
use crate::diff::{crossed, diff, Input, Thresholds};
use crate::estimate::{Estimate, SCHEMA_VERSION};
use crate::money::Money;
use crate::report;
use crate::scenario::{Scenario, Traffic};

pub fn run(args: &DiffArgs) -> Result<Outcome> {
    let thresholds = Thresholds {
        fail_above: amount("--fail-above", args.fail_above.as_deref())?.map(Money::new),
        fail_increase_percent: amount(
            "--fail-increase-percent",
            args.fail_increase_percent.as_deref(),
        )?,
    };
    if let Some(key) = &args.marker {
        if key.contains("--") || key.contains('>') || key.contains('\n') {
            bail!("--marker `{key}`: an HTML comment cannot hold `--`, `>` or a line break");
        }
    }
    let snapshot = load_snapshot(args.price.pricing.pricing.as_deref())?;
    let options = ScenarioOptions {
        price: args.price.clone(),
        simulation: SimulationArgs { runs: 0, seed: 1 },
    };
    let base = read_side(&args.base, args.allow_missing, &snapshot, &options)?;
    let head = read_side(&args.head, args.allow_missing, &snapshot, &options)?;
    let diff = diff(
        Input {
            label: args.base.clone(),
            estimate: base.as_ref(),
        },
        Input {
            label: args.head.clone(),
            estimate: head.as_ref(),
        },
    )?;
    let text = match args.format {
        DiffFormat::Table => report::diff::render_table(&diff),
        DiffFormat::Markdown => report::pull_request::render(
            &diff,
            args.marker.as_deref(),
            report::pull_request::MAX_CHARACTERS,
        ),
        DiffFormat::Json => report::diff::render_json(&diff)?,
    };
    emit(args.output.as_deref(), &text)?;
    let crossed = crossed(&diff, &thresholds);
    for reason in &crossed {
        eprintln!("azcost: {reason}; exit status 1");
    }
    Ok(if crossed.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// A non-negative decimal option.
fn amount(flag: &str, text: Option<&str>) -> Result<Option<Decimal>> {
    let Some(text) = text else { return Ok(None) };
    match text.trim().parse::<Decimal>() {
        Ok(value) if !value.is_sign_negative() => Ok(Some(value)),
        _ => bail!("{flag} `{text}`: give a number of zero or more, such as 100 or 12.5"),
    }
}

/// One side of the diff: `None` when it does not exist and `--allow-missing` says that is fine.
fn read_side(
    argument: &str,
    allow_missing: bool,
    snapshot: &Snapshot,
    options: &ScenarioOptions,
) -> Result<Option<Estimate>> {
    let path = Path::new(argument);
    let text = if path.exists() {
        Some(fs::read_to_string(path).with_context(|| format!("cannot read {argument}"))?)
    } else if let Some((revision, file)) = argument.split_once(':') {
        git_show(revision, file)?
    } else {
        None
    };
    let Some(text) = text else {
        if allow_missing {
            return Ok(None);
        }
        bail!(
            "{argument}: no such file{}; pass --allow-missing to diff a scenario that is \
             added or deleted",
            if argument.contains(':') {
                " in that revision"
            } else {
                ""
            }
        );
    };
    if !path.exists() && schema_version(&text).is_none() {
        // A measured series (`traffic_csv`) is read next to the scenario file, which a
        // revision's file does not have on disk.
        let scenario = Scenario::parse(&text, argument).map_err(|error| anyhow!(error))?;
        if scenario
            .environments
            .iter()
            .any(|environment| matches!(environment.traffic, Some(Traffic::Measured { .. })))
        {
            bail!(
                "{argument}: its traffic is a measured series (traffic_csv), which azcost cannot \
                 read from a git revision; check the revision out, or diff a saved \
                 `estimate --format json` of it"
            );
        }
    }
    estimate_from_text(&text, argument, snapshot, options).map(Some)
}

/// A saved estimate (JSON with `schema_version`) as it is, or a scenario priced with `options`.
pub(crate) fn estimate_from_text(
    text: &str,
    label: &str,
    snapshot: &Snapshot,
    options: &ScenarioOptions,
) -> Result<Estimate> {
    if let Some(version) = schema_version(text) {
        if version != u64::from(SCHEMA_VERSION) {
            bail!(
                "{label}: a saved estimate of schema_version {version}, but this azcost reads \
                 schema_version {SCHEMA_VERSION}; save it again with `azcost estimate --format json`"
            );
        }
        if !options.price.environments.is_empty() {
            bail!(
                "{label}: --env applies to scenarios only; a saved estimate keeps the \
                 environments it was saved with (save it with --env instead)"
            );
        }
        let mut estimates = report::json::parse(text)
            .with_context(|| format!("{label}: not a saved azcost estimate"))?;
        if estimates.len() != 1 {
            bail!(
                "{label}: holds {} estimates; save one scenario per file",
                estimates.len()
            );
        }
        return Ok(estimates.remove(0));
    }
    let scenario = Scenario::parse(text, label).map_err(|error| anyhow!(error))?;
    estimate_one(&scenario, snapshot, options)
}

/// The `schema_version` of a JSON estimate (or of the first in an array); `None` for YAML.
fn schema_version(text: &str) -> Option<u64> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let object = match &value {
        serde_json::Value::Array(items) => items.first()?,
        object => object,
    };
    object.get("schema_version")?.as_u64()
}

/// The file at `revision:path` in the git repository of the working directory, or `None` when
/// the revision exists but has no such file.
fn git_show(revision: &str, path: &str) -> Result<Option<String>> {
    let git = |arguments: &[&str]| {
        Command::new("git")
            .args(arguments)
            .output()
            .context("cannot run `git` (is it installed and on PATH?)")
    };
    let commit = format!("{revision}^{{commit}}");
    let verified = git(&["rev-parse", "--verify", "--quiet", &commit])?;
    if !verified.status.success() {
        bail!(
            "{revision}:{path}: `{revision}` is not a git revision here (run azcost inside the \
             repository; in CI, fetch the base branch: actions/checkout with fetch-depth: 0){}",
            stderr_of(&verified.stderr)
        );
    }
    let object = format!("{revision}:{path}");
    if !git(&["cat-file", "-e", &object])?.status.success() {
        return Ok(None);
    }
    let shown = git(&["show", &object])?;
    if !shown.status.success() {
        bail!("git show {object} failed{}", stderr_of(&shown.stderr));
    }
    String::from_utf8(shown.stdout)
        .map(Some)
        .with_context(|| format!("{object} is not UTF-8 text"))
}

fn stderr_of(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).trim().to_string();
    if text.is_empty() {
        String::new()
    } else {
        format!(": {text}")
    }
}
