//! Subcommands: the only code that reads files, asks the clock, uses the network or writes
//! output. Each file owns one subcommand; shared I/O helpers live here.

mod budget;
mod chart;
mod compare;
mod diff;
mod estimate;
mod prices;
mod schema;
mod series;
mod simulate;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context as _, Result};

use crate::catalog::snapshot::{Snapshot, MANIFEST_FILE, PRICES_FILE};
use crate::cli::{Cli, Command};

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: exit 0.
    Clean,
    /// Findings (unpriced lines, thresholds crossed): exit 1.
    Findings,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Estimate(args) => estimate::run(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Budget(args) => budget::run(&args),
        Command::Chart(args) => chart::run(&args),
        Command::Prices(command) => prices::run(&command),
    }
}

/// The built-in snapshot, or the one in `directory`.
pub(crate) fn load_snapshot(directory: Option<&Path>) -> Result<Snapshot> {
    match directory {
        None => Snapshot::embedded().context("the built-in price snapshot is damaged"),
        Some(directory) => {
            let manifest_path = directory.join(MANIFEST_FILE);
            let prices_path = directory.join(PRICES_FILE);
            let manifest = fs::read_to_string(&manifest_path)
                .with_context(|| format!("cannot read {}", manifest_path.display()))?;
            let prices = fs::read(&prices_path)
                .with_context(|| format!("cannot read {}", prices_path.display()))?;
            Snapshot::from_parts(&manifest, &prices).with_context(|| {
                format!("cannot use the price snapshot in {}", directory.display())
            })
        }
    }
}

/// Writes `text` to `path` (via a temporary file and a rename, so a reader never sees half a
/// file), or to standard output when `path` is `None`.
pub(crate) fn emit(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .context("cannot write to standard output")?;
            stdout.flush().context("cannot write to standard output")
        }
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    fs::create_dir_all(&directory)
        .with_context(|| format!("cannot create {}", directory.display()))?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&temporary, bytes)
        .with_context(|| format!("cannot write {}", temporary.display()))
        .and_then(|()| {
            fs::rename(&temporary, path)
                .with_context(|| format!("cannot replace {}", path.display()))
        });
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Today's UTC date as `YYYY-MM-DD`.
pub(crate) fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .unwrap_or(0);
    let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 to (year, month, day), after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
