//! Every bundled scenario prices end to end, in every format, from the snapshot's rows.

use std::path::Path;

use azcost::estimate::{Estimate, Status};
use azcost::money::Money;

use crate::support::{estimate, root};

fn bundled() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join("scenarios"))
        .expect("scenarios/ exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .map(|path| {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            Path::new("scenarios").join(name).display().to_string()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn there_is_one_scenario_per_seed() {
    let seeds = std::fs::read_dir(root().join("../shared/seeds"))
        .map(|entries| entries.count())
        .unwrap_or(5);
    assert_eq!(bundled().len(), seeds, "{:?}", bundled());
}

#[test]
fn every_bundled_scenario_in_every_format() {
    for file in bundled() {
        let stem = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for format in ["table", "markdown", "json", "csv"] {
            // 100 Monte Carlo runs keep the suite quick; the range's shape is what is pinned.
            let (code, stdout, stderr) = estimate(&file, &["--format", format, "--runs", "100"]);
            assert_eq!(code, 0, "{file} {format}: {stderr}");
            insta::assert_snapshot!(format!("{stem}-{format}"), stdout);
        }
    }
}

#[test]
fn bundled_scenarios_cite_their_seed_and_price_every_line() {
    for file in bundled() {
        let (code, stdout, stderr) = estimate(&file, &["--format", "json", "--runs", "0"]);
        assert_eq!(code, 0, "{file}: {stderr}");
        let estimate: Estimate =
            serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{file}: {stderr}"));
        assert!(
            estimate.scenario.description.contains("shared/seeds/"),
            "{file} cites its seed document"
        );
        for line in &estimate.lines {
            assert_ne!(line.status, Status::Unpriced, "{file}: {line:?}");
            assert!(line.monthly.is_some());
            // A stated price must say where it comes from; every other price is an API row.
            assert!(
                line.price_source.starts_with("retail-api meterId ")
                    || (line.kind == "custom" && line.price_source.len() > "custom: ".len() + 20),
                "{file}: {line:?}"
            );
        }
        let sum: Money = estimate.lines.iter().filter_map(|line| line.monthly).sum();
        assert_eq!(estimate.totals.monthly, sum, "{file}: totals add up");
        assert!(estimate.totals.complete);
    }
}
