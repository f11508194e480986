//! `azcost compare A B [C…]`: options for the same application side by side.
//!
//! Every option is a scenario file priced with the same options (as-of date, month, snapshot,
//! Monte Carlo runs), or a saved `estimate --format json` taken as it is.

use std::fs;

use anyhow::{bail, Context as _, Result};

use super::diff::estimate_from_text;
use super::{emit, load_snapshot, Outcome};
use crate::cli::{CompareArgs, CompareFormat};
use crate::compare::compare;
use crate::report;

pub fn run(args: &CompareArgs) -> Result<Outcome> {
    let snapshot = load_snapshot(args.options.price.pricing.pricing.as_deref())?;
    let mut estimates = Vec::new();
    for file in &args.files {
        let label = file.display().to_string();
        let text = fs::read_to_string(file).with_context(|| format!("cannot read {label}"))?;
        estimates.push(estimate_from_text(&text, &label, &snapshot, &args.options)?);
    }
    if let Some(other) = estimates
        .iter()
        .find(|estimate| estimate.scenario.currency != estimates[0].scenario.currency)
    {
        bail!(
            "{} is in {} but {} is in {}: compare options priced in one currency",
            estimates[0].scenario.file,
            estimates[0].scenario.currency,
            other.scenario.file,
            other.scenario.currency
        );
    }
    let comparison = compare(&estimates);
    let text = match args.format {
        CompareFormat::Table => report::compare::render_table(&comparison),
        CompareFormat::Markdown => report::compare::render_markdown(&comparison),
        CompareFormat::Json => report::compare::render_json(&comparison)?,
    };
    emit(args.output.as_deref(), &text)?;
    let unpriced: usize = estimates.iter().map(|e| e.counts.unpriced).sum();
    if unpriced > 0 && !args.allow_unpriced {
        eprintln!(
            "azcost: {unpriced} line{} could not be priced (the options' totals are incomplete); \
             exit status 1 — pass --allow-unpriced to accept",
            if unpriced == 1 { "" } else { "s" }
        );
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Clean)
}
