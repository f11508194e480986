//! Every bundled scenario prices end to end, in every format, from the snapshot's rows.

use std::path::Path;

use azcost::estimate::{Estimate, Status};
use azcost::money::Money;

use crate::support::{estimate, root};

/// Kinds whose rows the bundled snapshot does not have (priced under global or zone regions
/// the recorded samples do not cover); their lines are honestly unpriced.
const KINDS_WITHOUT_ROWS: [&str; 3] = ["private_endpoint", "dns_zone", "front_door"];

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
            let (code, stdout, stderr) = estimate(&file, &["--format", format, "--allow-unpriced"]);
            assert_eq!(code, 0, "{file} {format}: {stderr}");
            insta::assert_snapshot!(format!("{stem}-{format}"), stdout);
        }
    }
}

#[test]
fn bundled_scenarios_cite_their_seed_and_price_every_line_the_snapshot_can() {
    for file in bundled() {
        let (_, stdout, stderr) = estimate(&file, &["--format", "json", "--allow-unpriced"]);
        let estimate: Estimate =
            serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{file}: {stderr}"));
        assert!(
            estimate.scenario.description.contains("shared/seeds/"),
            "{file} cites its seed document"
        );
        for line in &estimate.lines {
            if line.status == Status::Unpriced {
                assert!(
                    KINDS_WITHOUT_ROWS.contains(&line.kind.as_str()),
                    "{file}: {}/{} ({}) is unpriced: {:?}",
                    line.environment,
                    line.resource,
                    line.kind,
                    line.unpriced_reason
                );
            } else {
                assert!(line.monthly.is_some());
            }
        }
        let sum: Money = estimate.lines.iter().filter_map(|line| line.monthly).sum();
        assert_eq!(estimate.totals.monthly, sum, "{file}: totals add up");
        assert_eq!(estimate.totals.complete, estimate.counts.unpriced == 0);
    }
}
