//! `azcost prices diff OLD NEW`: which rows changed price, appeared or vanished between two
//! snapshot directories, and which scenarios look each of them up.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::super::{emit, load_snapshot, Outcome};
use super::fetch::scenario_queries;
use crate::catalog::snapshot_diff::diff;
use crate::cli::PricesDiffArgs;
use crate::report;

pub fn run(args: &PricesDiffArgs) -> Result<Outcome> {
    let old = load_snapshot(Some(&args.old))?;
    let new = load_snapshot(Some(&args.new))?;
    let files = if args.scenarios.is_empty() {
        bundled_scenarios()?
    } else {
        args.scenarios.clone()
    };
    let mut scenarios = Vec::new();
    for file in &files {
        let name = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        scenarios.push((name, scenario_queries(std::slice::from_ref(file))?));
    }
    let changes: Vec<_> = diff(old.catalog.rows(), new.catalog.rows())
        .into_iter()
        .map(|change| {
            let affected: Vec<String> = scenarios
                .iter()
                .filter(|(_, queries)| queries.iter().any(|query| query.matches(change.row())))
                .map(|(name, _)| name.clone())
                .collect();
            (change, affected)
        })
        .collect();
    emit(None, &report::prices::diff(&changes))?;
    Ok(Outcome::Clean)
}

/// `scenarios/*.yaml` under the working directory, in name order; none if it has no such
/// folder.
fn bundled_scenarios() -> Result<Vec<PathBuf>> {
    let directory = Path::new("scenarios");
    if !directory.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(directory)
        .with_context(|| format!("cannot list {}", directory.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    files.sort();
    Ok(files)
}
