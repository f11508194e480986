//! Bad input: each mistake gets `file:line:column`, says what is wrong, suggests the fix, and
//! exits 2; a missing price is a loud *unpriced* line and exit 1.

use crate::support::{azcost, estimate, fixture};

fn failure(name: &str) -> String {
    let (code, stdout, stderr) = estimate(&fixture(name), &[]);
    assert_eq!(code, 2, "{name} must fail with exit 2; stderr: {stderr}");
    assert!(stdout.is_empty(), "nothing is printed on failure: {stdout}");
    stderr
}

#[test]
fn malformed_yaml_names_the_place() {
    let stderr = failure("malformed.yaml");
    assert!(
        stderr.starts_with("error: tests/fixtures/malformed.yaml:"),
        "{stderr}"
    );
    assert!(stderr.contains("not valid YAML"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_kind_lists_kinds_and_suggests_one() {
    let stderr = failure("unknown-kind.yaml");
    assert!(
        stderr.contains("tests/fixtures/unknown-kind.yaml:7:15: unknown kind `app_servce_plan`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(did you mean `app_service_plan`?)"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn unknown_sku_suggests_the_nearest() {
    let stderr = failure("unknown-sku.yaml");
    assert!(
        stderr.contains("tests/fixtures/unknown-sku.yaml:8:14:"),
        "{stderr}"
    );
    assert!(stderr.contains("unknown sku `P2V3`"), "{stderr}");
    assert!(stderr.contains("(did you mean `P2v3`?)"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn negative_count_gives_the_allowed_range() {
    let stderr = failure("negative-count.yaml");
    assert!(
        stderr.contains("tests/fixtures/negative-count.yaml:9:16:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("count must be between 1 and 30 (got -2)"),
        "{stderr}"
    );
}

#[test]
fn unknown_field_points_at_the_key_and_suggests() {
    let stderr = failure("unknown-field.yaml");
    assert!(
        stderr.contains(
            "tests/fixtures/unknown-field.yaml:9:9: resource `backend`: unknown field `instances`"
        ),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn every_mistake_in_an_override_is_reported_with_its_place() {
    let stderr = failure("bad-override.yaml");
    assert!(
        stderr.contains(
            "bad-override.yaml:13:16: resource `backend`: count must be between 1 and 30 (got 40)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad-override.yaml:14:7: resource `bakend` has no `kind`"),
        "{stderr}"
    );
    assert!(stderr.contains("(did you mean `backend`?)"), "{stderr}");
}

#[test]
fn an_unknown_region_suggests_a_known_one() {
    let stderr = failure("wrong-region.yaml");
    assert!(
        stderr.contains(
            "wrong-region.yaml:2:9: the price snapshot has no prices for region `westuss`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("(did you mean `westus`?)"), "{stderr}");
}

#[test]
fn an_unpriced_meter_is_loud_and_exits_1() {
    let (code, stdout, stderr) = estimate(&fixture("unpriced.yaml"), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("UNPRICED"), "{stdout}");
    assert!(
        stdout.contains("INCOMPLETE: 1 line could not be priced"),
        "{stdout}"
    );
    assert!(
        stdout.contains("serviceName eq 'Azure App Service' and armRegionName eq 'westeurope'"),
        "{stdout}"
    );
    assert!(stderr.contains("--allow-unpriced"), "{stderr}");
    insta::assert_snapshot!(stdout);
    let (allowed, _, _) = estimate(&fixture("unpriced.yaml"), &["--allow-unpriced"]);
    assert_eq!(allowed, 0);
}

#[test]
fn unpriced_lines_are_never_zero_in_json() {
    let (_, stdout, _) = estimate(&fixture("unpriced.yaml"), &["--format", "json"]);
    let estimate: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let line = estimate["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["status"] == "unpriced")
        .expect("an unpriced line");
    assert!(line["monthly"].is_null());
    assert!(line["unpriced_reason"]
        .as_str()
        .unwrap()
        .contains("no price for"));
    assert_eq!(estimate["totals"]["complete"], false);
}

#[test]
fn an_unknown_environment_is_an_error_with_a_suggestion() {
    let (code, _, stderr) = estimate(&fixture("inheritance.yaml"), &["--env", "prd"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no environment `prd` (did you mean `prod`?)"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_is_an_error() {
    let output = azcost()
        .args(["estimate", "no/such/file.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot read scenario no/such/file.yaml")
    );
}

#[test]
fn a_damaged_pricing_directory_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let root = crate::support::root();
    std::fs::copy(
        root.join("pricing/manifest.json"),
        directory.path().join("manifest.json"),
    )
    .unwrap();
    std::fs::write(directory.path().join("prices.jsonl"), "{}\n").unwrap();
    let (code, _, stderr) = estimate(
        &fixture("inheritance.yaml"),
        &["--pricing", directory.path().to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("do not match their manifest"), "{stderr}");
}
