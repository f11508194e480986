//! `azcost prices fetch` under injected faults: 429 with and without Retry-After, 500, a slow
//! response, truncated JSON and an HTTP 400 body. A passing fault is retried and the fetch
//! comes out whole; a lasting one exits 2 naming the query and status, with the snapshot in
//! place byte-for-byte unchanged.

use std::time::Duration;

use super::fetch::{clean_fetch_within, existing_snapshot, fetch, read};
use super::retail_server::{westus_rows, Config, Fault, RetailServer};

/// Each transient fault, once, is retried and the fetch comes out whole.
fn recovers_from(fault: Fault) {
    let mut config = Config::new(westus_rows(), 1_000);
    config.script = vec![Fault::None, fault];
    clean_fetch_within(config, 3, "1");
}

#[test]
fn a_429_without_retry_after_is_retried() {
    recovers_from(Fault::TooMany(None));
}

#[test]
fn a_500_is_retried() {
    recovers_from(Fault::ServerError);
}

#[test]
fn a_response_slower_than_the_timeout_is_retried() {
    recovers_from(Fault::Slow(Duration::from_secs(3)));
}

#[test]
fn a_truncated_json_body_is_retried() {
    recovers_from(Fault::Truncated);
}

#[test]
fn a_429_with_retry_after_waits_that_long() {
    let mut config = Config::new(westus_rows(), 1_000);
    config.script = vec![Fault::TooMany(Some(1))];
    let server = RetailServer::start(config);
    let output = tempfile::tempdir().expect("a temporary directory");
    let (code, _, stderr) = fetch(&server, output.path(), "5");
    assert_eq!(code, 0, "{stderr}");
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    let waited = seen[1].at - seen[0].at;
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
}

/// A fault that does not go away: exit 2, the query and status named, `attempts` requests,
/// and the snapshot in place untouched.
fn fails_without_harm(fault: Fault, attempts: usize, message: &str) {
    fails_within(fault, attempts, message, "5");
}

fn fails_within(fault: Fault, attempts: usize, message: &str, timeout: &str) {
    let mut config = Config::new(westus_rows(), 1_000);
    config.after_script = fault;
    let server = RetailServer::start(config);
    let output = existing_snapshot();
    let before = (
        read(&output.path().join("prices.jsonl")),
        read(&output.path().join("manifest.json")),
    );
    let (code, _, stderr) = fetch(&server, output.path(), timeout);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("query `armRegionName eq 'westus' and (priceType eq 'Consumption' or priceType eq 'Reservation')`"),
        "{stderr}"
    );
    assert!(stderr.contains(message), "{stderr}");
    assert!(stderr.contains("was left unchanged"), "{stderr}");
    assert_eq!(server.seen().len(), attempts);
    let after = (
        read(&output.path().join("prices.jsonl")),
        read(&output.path().join("manifest.json")),
    );
    assert!(before == after, "the snapshot changed");
    let leftovers: Vec<_> = std::fs::read_dir(output.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn a_400_is_not_retried_and_changes_nothing() {
    fails_without_harm(
        Fault::BadRequest,
        1,
        r#"HTTP 400 Bad Request: {"Error":{"Code":"BadRequest","Message":"Invalid parameters supplied"}} (not retried)"#,
    );
}

#[test]
fn a_lasting_500_gives_up_after_the_retries_and_changes_nothing() {
    fails_without_harm(
        Fault::ServerError,
        3,
        "gave up after 3 attempts; the last: HTTP 500 Internal Server Error",
    );
}

#[test]
fn lasting_429s_give_up_and_change_nothing() {
    fails_without_harm(Fault::TooMany(Some(0)), 3, "HTTP 429 Too Many Requests");
}

#[test]
fn a_lasting_timeout_gives_up_and_changes_nothing() {
    fails_within(
        Fault::Slow(Duration::from_secs(2)),
        3,
        "no complete response within 0.3 s",
        "0.3",
    );
}

#[test]
fn lasting_truncated_bodies_give_up_and_change_nothing() {
    fails_without_harm(
        Fault::Truncated,
        3,
        "HTTP 200 OK but the response is not a Retail Prices API page",
    );
}

#[test]
fn no_server_at_all_is_retried_then_changes_nothing() {
    // A port that was just free: nothing listens there, so every connection is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let output = existing_snapshot();
    let before = (
        read(&output.path().join("prices.jsonl")),
        read(&output.path().join("manifest.json")),
    );
    let path = output.path().display().to_string();
    let url = format!("http://127.0.0.1:{port}/api/retail/prices");
    let (code, _, stderr) = super::support::run(&[
        "prices",
        "fetch",
        "--region",
        "westus",
        "--api-url",
        &url,
        "--output",
        &path,
        "--retries",
        "2",
        "--backoff-ms",
        "10",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("gave up after 3 attempts"), "{stderr}");
    assert!(stderr.contains("was left unchanged"), "{stderr}");
    let after = (
        read(&output.path().join("prices.jsonl")),
        read(&output.path().join("manifest.json")),
    );
    assert!(before == after, "the snapshot changed");
}
