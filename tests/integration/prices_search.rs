//! `azcost prices search`, `show` and `diff`: finding names and comparing snapshots, as users
//! see them.

use azcost::catalog::snapshot::{build, Snapshot};

use super::support::{root, run};

#[test]
fn search_finds_meters_by_words_in_any_name() {
    let (code, stdout, stderr) = run(&[
        "prices", "search", "p1", "V3", "linux", "--region", "westus",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn search_output_is_cut_at_the_limit_and_says_how_many_more() {
    let (code, stdout, stderr) = run(&["prices", "search", "cache", "--limit", "3"]);
    assert_eq!(code, 0, "{stderr}");
    let table: Vec<&str> = stdout
        .lines()
        .skip(2)
        .take_while(|line| !line.starts_with('…'))
        .collect();
    assert_eq!(table.len(), 3, "{stdout}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_search_without_a_match_is_an_error() {
    let (code, _, stderr) = run(&["prices", "search", "no-such-meter-anywhere"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no meter in the snapshot has all of"),
        "{stderr}"
    );
}

#[test]
fn show_lists_every_row_of_a_sku() {
    let (code, stdout, stderr) = run(&[
        "prices",
        "show",
        "--service",
        "Redis Cache",
        "--sku",
        "P1",
        "--region",
        "westus",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn show_suggests_the_nearest_sku() {
    let (code, _, stderr) = run(&[
        "prices",
        "show",
        "--service",
        "Azure App Service",
        "--sku",
        "P1v3",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("has no SKU `P1v3` (nearest: P1 v3"),
        "{stderr}"
    );
}

/// A snapshot directory: the bundled rows with one price doubled, one row dropped and one
/// row's meter renamed (so it vanishes under its old key and appears under a new one).
fn edited_snapshot() -> tempfile::TempDir {
    let snapshot = Snapshot::embedded().expect("the bundled snapshot");
    let mut rows = snapshot.catalog.rows().to_vec();
    let doubled = rows
        .iter()
        .position(|row| {
            row.arm_region_name == "westus"
                && row.meter_name == "P1 Cache Instance"
                && row.price_type == "Consumption"
        })
        .expect("the Redis P1 row");
    rows[doubled].retail_price *= 2.0;
    rows[doubled].unit_price *= 2.0;
    let dropped = rows
        .iter()
        .position(|row| {
            row.arm_region_name == "westus"
                && row.meter_name == "Operations"
                && row.service_name == "Key Vault"
        })
        .expect("a Key Vault row");
    rows.remove(dropped);
    let renamed = rows
        .iter()
        .position(|row| row.service_name == "Bandwidth" && row.arm_region_name == "westus")
        .expect("a Bandwidth row");
    rows[renamed].meter_id = format!("{}-new", rows[renamed].meter_id);
    let (text, manifest) = build(rows, snapshot.manifest.clone());
    let directory = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(directory.path().join("prices.jsonl"), text).unwrap();
    std::fs::write(
        directory.path().join("manifest.json"),
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
    directory
}

#[test]
fn diff_lists_changes_and_the_bundled_scenarios_they_affect() {
    let new = edited_snapshot();
    let new = new.path().display().to_string();
    let (code, stdout, stderr) = run(&["prices", "diff", "pricing", &new]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn diff_checks_only_the_scenarios_given() {
    let new = edited_snapshot();
    let new = new.path().display().to_string();
    let scenario = root()
        .join("scenarios/container-apps-cosmos.yaml")
        .display()
        .to_string();
    let (code, stdout, stderr) = run(&["prices", "diff", "pricing", &new, "--scenario", &scenario]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("app-service-postgres-redis"), "{stdout}");
    assert!(
        stdout.contains("1 changed, 1 appeared, 2 vanished"),
        "{stdout}"
    );
}

#[test]
fn identical_snapshots_have_no_differences() {
    let (code, stdout, stderr) = run(&["prices", "diff", "pricing", "pricing"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "No price changed, appeared or vanished.\n");
}
