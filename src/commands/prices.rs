//! `azcost prices`: show a snapshot's manifest, build a snapshot from recorded API pages.
//! `fetch` (from the live API), `search`/`show` (finding names) and `diff` live in `prices/`.

mod diff;
mod fetch;
mod search;

use std::fs;
use std::path::Path;

use anyhow::{bail, Context as _, Result};

use super::{emit, load_snapshot, write_atomically, Outcome};
use crate::catalog::is_date;
use crate::catalog::row::PriceRow;
use crate::catalog::snapshot::{
    build, rows_from_document, Manifest, ManifestInput, MANIFEST_FILE, PRICES_FILE,
};
use crate::cli::{ImportArgs, PricesCommand, PricingArgs};

pub fn run(command: &PricesCommand) -> Result<Outcome> {
    match command {
        PricesCommand::Info(args) => info(args),
        PricesCommand::Import(args) => import(args),
        PricesCommand::Fetch(args) => fetch::run(args),
        PricesCommand::Search(args) => search::search(args),
        PricesCommand::Show(args) => search::show(args),
        PricesCommand::Diff(args) => diff::run(args),
    }
}

/// Builds a snapshot (rows sorted and de-duplicated, checksum in the manifest) and writes both
/// files into `directory`, each to a temporary name and renamed: `import` and `fetch` alike.
fn write_snapshot(directory: &Path, rows: Vec<PriceRow>, manifest: Manifest) -> Result<Manifest> {
    let (text, manifest) = build(rows, manifest);
    write_atomically(&directory.join(PRICES_FILE), text.as_bytes())?;
    write_atomically(
        &directory.join(MANIFEST_FILE),
        (serde_json::to_string_pretty(&manifest)? + "\n").as_bytes(),
    )?;
    Ok(manifest)
}

fn info(args: &PricingArgs) -> Result<Outcome> {
    let snapshot = load_snapshot(args.pricing.as_deref())?;
    let text = serde_json::to_string_pretty(&snapshot.manifest)? + "\n";
    emit(None, &text)?;
    Ok(Outcome::Clean)
}

/// Reads every input before writing anything; writes rows then manifest, each atomically.
fn import(args: &ImportArgs) -> Result<Outcome> {
    if !is_date(&args.prices_as_of) {
        bail!(
            "--prices-as-of `{}` is not a date; use YYYY-MM-DD",
            args.prices_as_of
        );
    }
    let mut rows = Vec::new();
    let mut inputs = Vec::new();
    let mut currencies = std::collections::BTreeSet::new();
    for file in &args.files {
        let text =
            fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let document: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", file.display()))?;
        let name = file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let found = rows_from_document(&name, &document)?;
        currencies.extend(found.iter().map(|row| row.currency_code.clone()));
        inputs.push(ManifestInput {
            file: name,
            rows: found.len(),
            note: None,
        });
        rows.extend(found);
    }
    if currencies.len() > 1 {
        bail!(
            "the inputs mix currencies ({}); a snapshot holds one currency",
            currencies.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    let manifest = Manifest {
        source: args.source.clone(),
        prices_as_of: args.prices_as_of.clone(),
        api_version: args.api_version.clone(),
        currency: currencies
            .into_iter()
            .next()
            .unwrap_or_else(|| "USD".to_string()),
        filters: Vec::new(),
        row_count: 0,
        sha256: String::new(),
        inputs,
    };
    let manifest = write_snapshot(&args.output, rows, manifest)?;
    eprintln!(
        "azcost: wrote {} rows ({} inputs) to {}",
        manifest.row_count,
        manifest.inputs.len(),
        args.output.display()
    );
    Ok(Outcome::Clean)
}
