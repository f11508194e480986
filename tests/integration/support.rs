//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The as-of date every test pins, so results do not depend on the day they run.
pub const AS_OF: &str = "2026-11-01";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `azcost` run from the repository root (so relative paths in output are stable).
pub fn azcost() -> Command {
    let mut command = Command::cargo_bin("azcost").expect("the azcost binary is built");
    command.current_dir(root());
    command
}

pub fn fixture(name: &str) -> String {
    Path::new("tests/fixtures").join(name).display().to_string()
}

/// Runs `azcost` with `arguments` and returns (exit code, stdout, stderr).
pub fn run(arguments: &[&str]) -> (i32, String, String) {
    let output = azcost().args(arguments).output().expect("azcost runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `azcost estimate` on a file at the pinned as-of date.
pub fn estimate(file: &str, extra: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["estimate", file, "--as-of", AS_OF];
    arguments.extend_from_slice(extra);
    run(&arguments)
}

/// Runs `azcost simulate` on a file at the pinned as-of date.
pub fn simulate(file: &str, extra: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["simulate", file, "--as-of", AS_OF];
    arguments.extend_from_slice(extra);
    run(&arguments)
}

/// `azcost estimate --format json` on a file, read back as an Estimate (exit 0 required).
pub fn estimate_json(file: &str, extra: &[&str]) -> azcost::estimate::Estimate {
    let mut arguments = vec!["--format", "json"];
    arguments.extend_from_slice(extra);
    let (code, stdout, stderr) = estimate(file, &arguments);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("the JSON is an Estimate")
}
