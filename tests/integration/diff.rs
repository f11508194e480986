//! `azcost diff`: the pull-request comment, the thresholds' exit codes, saved estimates as a
//! side, and a file at a git revision. Expected amounts come from the estimates' own JSON.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{estimate_json, fixture, run, AS_OF};

fn base() -> String {
    fixture("inheritance.yaml")
}

fn head() -> String {
    fixture("diff-head.yaml")
}

fn diff(base: &str, head: &str, extra: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["diff", base, head, "--as-of", AS_OF];
    arguments.extend_from_slice(extra);
    run(&arguments)
}

fn decimal(value: &Value) -> Decimal {
    value.as_str().expect("money is a string").parse().unwrap()
}

fn json_diff(base: &str, head: &str) -> Value {
    let (code, stdout, stderr) = diff(base, head, &["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn pull_request_comment() {
    let (code, stdout, stderr) = diff(
        &base(),
        &head(),
        &["--format", "markdown", "--marker", "scenarios/app.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("<!-- azcost-diff:scenarios/app.yaml -->\n"));
    insta::assert_snapshot!("diff-pull-request", stdout);
}

#[test]
fn table() {
    let (code, stdout, stderr) = diff(&base(), &head(), &[]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("diff-table", stdout);
}

#[test]
fn totals_are_the_estimates_own() {
    let before = estimate_json(&base(), &[]);
    let after = estimate_json(&head(), &[]);
    let json = json_diff(&base(), &head());
    let total = &json["total"];
    assert_eq!(decimal(&total["before"]), before.totals.monthly.amount());
    assert_eq!(decimal(&total["after"]), after.totals.monthly.amount());
    assert_eq!(
        decimal(&total["change"]),
        (after.totals.monthly - before.totals.monthly).amount()
    );
    let prod = json["environments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|environment| environment["name"] == "prod")
        .unwrap();
    let kinds: Vec<(&str, &str)> = prod["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["resource"].as_str().unwrap(),
                r["change"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("backend", "changed"),
            ("cache", "added"),
            ("worker", "removed")
        ]
    );
}

#[test]
fn thresholds_exit_1_only_when_crossed() {
    let json = json_diff(&base(), &head());
    let change = decimal(&json["total"]["change"]);
    let percent: Decimal = json["total"]["percent"].as_str().unwrap().parse().unwrap();
    assert!(
        change > Decimal::ZERO,
        "the fixture's change is an increase"
    );
    let cent = Decimal::new(1, 2);
    let tenth = Decimal::new(1, 1);
    let code = |flag: &str, value: Decimal| diff(&base(), &head(), &[flag, &value.to_string()]);
    let (crossed, _, stderr) = code("--fail-above", change - cent);
    assert_eq!(crossed, 1, "{stderr}");
    assert!(stderr.contains("--fail-above"), "{stderr}");
    assert_eq!(code("--fail-above", change).0, 0, "equal is not above");
    assert_eq!(code("--fail-increase-percent", percent - tenth).0, 1);
    assert_eq!(code("--fail-increase-percent", percent).0, 0);
    // A decrease never fails.
    let (code, _, stderr) = diff(
        &head(),
        &base(),
        &["--fail-above", "0", "--fail-increase-percent", "0"],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = diff(&base(), &head(), &["--marker", "a-->b"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--marker `a-->b`"), "{stderr}");
    let (code, _, stderr) = diff(&base(), &head(), &["--fail-above=-5"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--fail-above `-5`"), "{stderr}");
}

#[test]
fn a_saved_estimate_is_a_side_and_its_schema_version_is_checked() {
    let directory = tempfile::tempdir().unwrap();
    let saved = directory.path().join("base.json");
    let saved_text = saved.display().to_string();
    let (code, _, stderr) = run(&[
        "estimate",
        &base(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "-o",
        &saved_text,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = diff(&saved_text, &base(), &["--format", "markdown"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("**Monthly cost will not change**"),
        "{stdout}"
    );

    let text = std::fs::read_to_string(&saved).unwrap();
    let future = directory.path().join("future.json");
    std::fs::write(
        &future,
        text.replace("\"schema_version\": 1", "\"schema_version\": 99"),
    )
    .unwrap();
    let (code, _, stderr) = diff(&future.display().to_string(), &base(), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("schema_version 99"), "{stderr}");

    let euros = directory.path().join("euros.json");
    std::fs::write(
        &euros,
        text.replace("\"currency\": \"USD\"", "\"currency\": \"EUR\""),
    )
    .unwrap();
    let (code, _, stderr) = diff(&euros.display().to_string(), &base(), &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("base is in EUR but the head is in USD"),
        "{stderr}"
    );
}

fn git(directory: &Path, arguments: &[&str]) {
    let status = Process::new("git")
        .args([
            "-c",
            "user.name=azcost tests",
            "-c",
            "user.email=tests@azcost.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(arguments)
        .current_dir(directory)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {arguments:?}");
}

fn azcost_in(directory: &Path, arguments: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("azcost")
        .unwrap()
        .current_dir(directory)
        .args(arguments)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_file_at_a_git_revision() {
    let root = crate::support::root();
    let directory = tempfile::tempdir().unwrap();
    let repository = directory.path();
    let scenario = repository.join("scenario.yaml");
    std::fs::copy(root.join(base()), &scenario).unwrap();
    git(repository, &["init", "-q"]);
    git(repository, &["add", "scenario.yaml"]);
    git(repository, &["commit", "-q", "-m", "base"]);
    std::fs::copy(root.join(head()), &scenario).unwrap();

    let (code, stdout, stderr) = azcost_in(
        repository,
        &[
            "diff",
            "HEAD:scenario.yaml",
            "scenario.yaml",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let from_git: Value = serde_json::from_str(&stdout).unwrap();
    let from_files = json_diff(&base(), &head());
    assert_eq!(from_git["base"]["label"], "HEAD:scenario.yaml");
    assert_eq!(from_git["total"], from_files["total"]);
    assert_eq!(from_git["environments"], from_files["environments"]);

    // A scenario the change adds: missing at the base revision.
    std::fs::copy(root.join(head()), repository.join("new.yaml")).unwrap();
    let (code, _, stderr) = azcost_in(repository, &["diff", "HEAD:new.yaml", "new.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no such file in that revision"), "{stderr}");
    let (code, stdout, stderr) = azcost_in(
        repository,
        &[
            "diff",
            "HEAD:new.yaml",
            "new.yaml",
            "--allow-missing",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let added: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(added["base"]["present"], false);
    assert_eq!(added["total"]["after"], from_files["total"]["after"]);
    assert!(added["environments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|environment| environment["kind"] == "added"));

    let (code, _, stderr) = azcost_in(
        repository,
        &["diff", "no-such-branch:scenario.yaml", "scenario.yaml"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`no-such-branch` is not a git revision"),
        "{stderr}"
    );

    // A measured traffic series cannot be read from a revision: a clear error, not a guess.
    std::fs::copy(
        root.join(fixture("measured-traffic.yaml")),
        repository.join("measured.yaml"),
    )
    .unwrap();
    git(repository, &["add", "measured.yaml"]);
    git(repository, &["commit", "-q", "-m", "measured"]);
    let (code, _, stderr) = azcost_in(repository, &["diff", "HEAD:measured.yaml", "scenario.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read from a git revision"),
        "{stderr}"
    );
}
