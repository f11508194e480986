//! `azcost prices fetch` against the local Retail Prices API stand-in: clean fetches (pages of
//! 100 and 1,000, NextPageLink and the $skip fallback), merging, scenario queries, dry runs.
//! The injected faults are in `fetch_faults.rs`.

use std::path::Path;

use azcost::catalog::snapshot::{build, rows_from_document, Manifest};
use azcost::catalog::snapshot_diff::merge;
use azcost::catalog::PriceRow;
use serde_json::Value;

use super::retail_server::{preview_rows, westus_rows, Config, RetailServer};
use super::support::run;

/// Runs `prices fetch --region westus` into `output` with fast retries and a `timeout`.
pub(super) fn fetch(server: &RetailServer, output: &Path, timeout: &str) -> (i32, String, String) {
    let output = output.display().to_string();
    run(&[
        "prices",
        "fetch",
        "--region",
        "westus",
        "--api-url",
        &server.url,
        "--output",
        &output,
        "--concurrency",
        "1",
        "--retries",
        "2",
        "--backoff-ms",
        "10",
        "--timeout",
        timeout,
    ])
}

pub(super) fn rows(values: &[Value]) -> Vec<PriceRow> {
    rows_from_document("served", &Value::Array(values.to_vec())).expect("recorded rows parse")
}

/// The prices.jsonl `prices import` would build from these rows.
pub(super) fn expected_text(rows: Vec<PriceRow>) -> String {
    let manifest: Manifest = serde_json::from_str(
        r#"{"source":"","prices_as_of":"","api_version":"","currency":"USD","row_count":0,"sha256":""}"#,
    )
    .expect("a manifest");
    build(rows, manifest).0
}

pub(super) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("the file exists")
}

/// A snapshot directory holding a copy of the bundled snapshot.
pub(super) fn existing_snapshot() -> tempfile::TempDir {
    let directory = tempfile::tempdir().expect("a temporary directory");
    for file in ["prices.jsonl", "manifest.json"] {
        std::fs::copy(
            super::support::root().join("pricing").join(file),
            directory.path().join(file),
        )
        .expect("copy the bundled snapshot");
    }
    directory
}

pub(super) fn clean_fetch(config: Config, expected_requests: usize) {
    clean_fetch_within(config, expected_requests, "5");
}

pub(super) fn clean_fetch_within(config: Config, expected_requests: usize, timeout: &str) {
    let served = config.rows.clone();
    let server = RetailServer::start(config);
    let output = tempfile::tempdir().expect("a temporary directory");
    let (code, _, stderr) = fetch(&server, output.path(), timeout);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        read(&output.path().join("prices.jsonl")),
        expected_text(rows(&served))
    );
    let manifest: Value = serde_json::from_str(&read(&output.path().join("manifest.json")))
        .expect("the manifest is JSON");
    assert_eq!(manifest["api_version"], "2023-01-01-preview");
    assert_eq!(manifest["currency"], "USD");
    assert_eq!(manifest["row_count"], served.len());
    assert!(manifest["source"].as_str().unwrap().contains(&server.url));
    let seen = server.seen();
    assert_eq!(seen.len(), expected_requests, "{seen:#?}");
    for request in &seen {
        assert!(request.target.contains("api-version=2023-01-01-preview"));
        assert_eq!(
            request.filter,
            "armRegionName eq 'westus' and (priceType eq 'Consumption' or priceType eq 'Reservation')"
        );
    }
}

#[test]
fn a_clean_fetch_of_1000_row_pages_follows_next_page_link() {
    clean_fetch(Config::new(westus_rows(), 1_000), 2);
}

#[test]
fn a_clean_fetch_of_100_row_pages_follows_next_page_link() {
    clean_fetch(Config::new(westus_rows(), 100), 13);
}

#[test]
fn an_empty_next_page_link_on_a_full_page_falls_back_to_skip() {
    let mut config = Config::new(westus_rows(), 100);
    config.next_links = false;
    // 12 full pages, one of 50 (short, so the last).
    clean_fetch(config, 13);
}

#[test]
fn an_empty_link_on_an_exactly_full_last_page_costs_one_empty_request() {
    let mut config = Config::new(westus_rows()[..1_000].to_vec(), 1_000);
    config.next_links = false;
    clean_fetch(config, 2);
}

#[test]
fn a_server_that_ignores_skip_is_caught_instead_of_looping() {
    let mut config = Config::new(westus_rows(), 100);
    config.next_links = false;
    config.ignore_skip = true;
    let server = RetailServer::start(config);
    let output = tempfile::tempdir().expect("a temporary directory");
    let (code, _, stderr) = fetch(&server, output.path(), "5");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("page 2 repeats the page before it"),
        "{stderr}"
    );
    assert_eq!(server.seen().len(), 2);
    assert!(!output.path().join("prices.jsonl").exists());
}

#[test]
fn a_fetch_merges_into_the_existing_snapshot_by_natural_key() {
    // The recorded preview rows, already in the bundled snapshot, come back with the first
    // one's price doubled, as a price revision would.
    let mut served = preview_rows();
    for field in ["retailPrice", "unitPrice"] {
        served[0][field] = Value::from(served[0][field].as_f64().unwrap() * 2.0);
    }
    let server = RetailServer::start(Config::new(served.clone(), 1_000));
    let output = existing_snapshot();
    let existing = rows_from_document(
        "bundled",
        &Value::Array(
            read(&output.path().join("prices.jsonl"))
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect(),
        ),
    )
    .unwrap();
    let (code, _, stderr) = fetch(&server, output.path(), "5");
    assert_eq!(code, 0, "{stderr}");
    let written = read(&output.path().join("prices.jsonl"));
    assert_eq!(
        written,
        expected_text(merge(existing.clone(), rows(&served)))
    );
    assert!(
        written.contains("\"savingsPlan\":[{"),
        "savings-plan rates are kept"
    );
    let revised = serde_json::to_string(&rows(&served[..1])[0]).unwrap();
    assert!(
        written.lines().any(|line| line == revised),
        "the revised row is in"
    );
    assert_eq!(
        written.lines().count(),
        existing.len(),
        "it replaced its old row"
    );
    // The merged snapshot is one azcost can use.
    let (code, stdout, stderr) = run(&[
        "prices",
        "info",
        "--pricing",
        &output.path().display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let manifest: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        manifest["inputs"].as_array().unwrap().last().unwrap()["file"],
        server.url
    );
}

#[test]
fn several_queries_run_concurrently_and_each_gets_its_own_rows() {
    let all = westus_rows();
    let app_service = "serviceName eq 'Azure App Service' and armRegionName eq 'westus' and (priceType eq 'Consumption' or priceType eq 'Reservation')";
    let cosmos = "serviceName eq 'Azure Cosmos DB' and armRegionName eq 'westus' and (priceType eq 'Consumption' or priceType eq 'Reservation')";
    let of = |service: &str| -> Vec<Value> {
        all.iter()
            .filter(|row| row["serviceName"] == service)
            .cloned()
            .collect()
    };
    let mut config = Config::new(Vec::new(), 100);
    config
        .routes
        .insert(app_service.to_string(), of("Azure App Service"));
    config
        .routes
        .insert(cosmos.to_string(), of("Azure Cosmos DB"));
    let server = RetailServer::start(config);
    let output = tempfile::tempdir().unwrap();
    let path = output.path().display().to_string();
    let (code, _, stderr) = run(&[
        "prices",
        "fetch",
        "--service",
        "Azure App Service",
        "--service",
        "Azure Cosmos DB",
        "--region",
        "westus",
        "--api-url",
        &server.url,
        "--output",
        &path,
        "--concurrency",
        "2",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut served = of("Azure App Service");
    served.extend(of("Azure Cosmos DB"));
    assert_eq!(
        read(&output.path().join("prices.jsonl")),
        expected_text(rows(&served))
    );
    // 335 App Service rows in 4 pages, 112 Cosmos DB rows in 2.
    assert_eq!(server.seen().len(), 6);
}

#[test]
fn a_scenario_fetch_asks_for_exactly_the_dry_run_queries() {
    let server = RetailServer::start(Config::new(Vec::new(), 1_000));
    let scenario = "scenarios/app-service-postgres-redis.yaml";
    let (code, dry_run, stderr) = run(&[
        "prices",
        "fetch",
        "--scenario",
        scenario,
        "--api-url",
        &server.url,
        "--output",
        "unused",
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(server.seen().is_empty(), "a dry run sends nothing");
    let output = tempfile::tempdir().unwrap();
    let path = output.path().display().to_string();
    let (code, _, stderr) = run(&[
        "prices",
        "fetch",
        "--scenario",
        scenario,
        "--api-url",
        &server.url,
        "--output",
        &path,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("returned no rows"), "{stderr}");
    let mut asked: Vec<String> = server.seen().into_iter().map(|seen| seen.filter).collect();
    asked.sort();
    let mut planned: Vec<String> = dry_run.lines().skip(1).map(str::to_string).collect();
    planned.sort();
    assert_eq!(asked, planned);
}

#[test]
fn the_dry_run_of_a_bundled_scenario() {
    let (code, stdout, stderr) = run(&[
        "prices",
        "fetch",
        "--scenario",
        "scenarios/app-service-postgres-redis.yaml",
        "--api-url",
        "http://127.0.0.1:9/api/retail/prices",
        "--currency",
        "EUR",
        "--output",
        "unused",
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

/// Regression: a reserved PostgreSQL server is priced from its series' per-vCore Reservation
/// rows, which the server-hour meter's own filter (its armSkuName) does not match.
#[test]
fn a_scenario_fetch_asks_for_the_reservation_rows_its_commitments_use() {
    let dry_run = |file: &str| {
        let (code, stdout, stderr) = run(&[
            "prices",
            "fetch",
            "--scenario",
            file,
            "--api-url",
            "http://127.0.0.1:9/api/retail/prices",
            "--output",
            "unused",
            "--dry-run",
        ]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let reserved = dry_run("tests/fixtures/reserved.yaml");
    let postgres: Vec<&str> = reserved
        .lines()
        .filter(|line| line.contains("Azure Database for PostgreSQL"))
        .collect();
    assert!(
        postgres.iter().any(|line| line.contains("vCore")),
        "no per-vCore query in {postgres:#?}"
    );
    assert!(
        postgres
            .iter()
            .all(|line| line.contains("priceType eq 'Reservation'")),
        "{postgres:#?}"
    );
}

#[test]
fn rows_in_another_currency_than_asked_are_refused() {
    let server = RetailServer::start(Config::new(westus_rows(), 1_000));
    let output = existing_snapshot();
    let before = read(&output.path().join("prices.jsonl"));
    let path = output.path().display().to_string();
    let (code, _, stderr) = run(&[
        "prices",
        "fetch",
        "--region",
        "westus",
        "--currency",
        "EUR",
        "--api-url",
        &server.url,
        "--output",
        &path,
        "--replace",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("asked for EUR prices but the API sent USD"),
        "{stderr}"
    );
    assert!(server.seen()[0].target.contains("currencyCode=%27EUR%27"));
    assert_eq!(read(&output.path().join("prices.jsonl")), before);
}

#[test]
fn fetching_nothing_is_refused() {
    let (code, _, stderr) = run(&["prices", "fetch", "--output", "unused"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("say what to fetch"), "{stderr}");
}
