//! `cargo bench --bench estimate`: whole-process time of `azcost estimate` on every bundled
//! scenario, in release, against a baseline measured in the same run.
//!
//! Baselines: `azcost --version` (process start, no snapshot) and `azcost prices info` (process
//! start + loading and verifying the embedded snapshot). Each figure is the median of
//! `AZCOST_BENCH_RUNS` runs (default 25) after 3 warm-up runs.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

fn median_of(arguments: &[&str], runs: usize) -> Duration {
    let binary = env!("CARGO_BIN_EXE_azcost");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let run_once = || {
        let started = Instant::now();
        let output = Command::new(binary)
            .args(arguments)
            .current_dir(&root)
            .output()
            .expect("azcost runs");
        let elapsed = started.elapsed();
        assert!(
            output.status.code().is_some_and(|code| code <= 1),
            "{arguments:?} failed"
        );
        elapsed
    };
    for _ in 0..3 {
        run_once();
    }
    let mut times: Vec<Duration> = (0..runs).map(|_| run_once()).collect();
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs = std::env::var("AZCOST_BENCH_RUNS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(25);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut scenarios: Vec<String> = std::fs::read_dir(root.join("scenarios"))
        .expect("scenarios/ exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .map(|path| {
            format!(
                "scenarios/{}",
                path.file_name().unwrap_or_default().to_string_lossy()
            )
        })
        .collect();
    scenarios.sort();
    let start = median_of(&["--version"], runs);
    let load = median_of(&["prices", "info"], runs);
    println!("median of {runs} runs, release build");
    println!("{:<52} {:>9} {:>12}", "command", "median", "× --version");
    println!(
        "{:<52} {:>7.2}ms {:>12.2}",
        "azcost --version (baseline)",
        ms(start),
        1.0
    );
    println!(
        "{:<52} {:>7.2}ms {:>12.2}",
        "azcost prices info (snapshot load)",
        ms(load),
        ratio(load, start)
    );
    for scenario in &scenarios {
        // Pricing alone (no Monte Carlo): what issue 2's 50 ms aim is about.
        let time = median_of(
            &["estimate", scenario, "--as-of", "2026-11-01", "--runs", "0"],
            runs,
        );
        println!(
            "{:<52} {:>7.2}ms {:>12.2}",
            format!("estimate {scenario}"),
            ms(time),
            ratio(time, start)
        );
    }
    with_range(&scenarios, runs, start);
    decisions(runs, start);
}

/// Issue 5's commands on the bundled comparison, against pricing the same scenario alone.
fn decisions(runs: usize, start: Duration) {
    let runs = runs.clamp(1, 10);
    let option_a = "scenarios/compare/app-service-postgres.yaml";
    let option_b = "scenarios/compare/container-apps-cosmos.yaml";
    let output = std::env::temp_dir().join("azcost-bench");
    let output = output.to_string_lossy().to_string();
    let html = format!("{output}/estimate.html");
    let pinned = ["--as-of", "2026-11-01", "--runs", "0"];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        (
            "estimate A --runs 0 (the baseline)",
            vec!["estimate", option_a],
        ),
        ("compare A B --runs 0", vec!["compare", option_a, option_b]),
        ("diff A B", vec!["diff", option_a, option_b]),
        (
            "budget A --env prod --runs 0 --export",
            vec!["budget", option_a, "--env", "prod", "--export", &output],
        ),
        (
            "chart A B --runs 0 (SVG)",
            vec!["chart", option_a, option_b, "--output-dir", &output],
        ),
        (
            "estimate A --format html --runs 0",
            vec!["estimate", option_a, "--format", "html", "-o", &html],
        ),
    ];
    println!("issue 5 commands (median of {runs} runs)");
    println!(
        "{:<52} {:>9} {:>12} {:>12}",
        "command", "median", "× --version", "× baseline"
    );
    let mut baseline = None;
    for (label, mut arguments) in cases {
        if arguments[0] == "diff" {
            arguments.extend(["--as-of", "2026-11-01"]);
        } else {
            arguments.extend(pinned);
        }
        let time = median_of(&arguments, runs);
        let base = *baseline.get_or_insert(time);
        println!(
            "{:<52} {:>7.2}ms {:>12.2} {:>12.2}",
            label,
            ms(time),
            ratio(time, start),
            ratio(time, base)
        );
    }
}

/// The default estimate also runs the 1,000-run Monte Carlo where traffic is uncertain.
fn with_range(scenarios: &[String], runs: usize, start: Duration) {
    let runs = runs.clamp(1, 5);
    println!("with the default 1,000-run Monte Carlo range (median of {runs} runs)");
    for scenario in scenarios {
        let time = median_of(&["estimate", scenario, "--as-of", "2026-11-01"], runs);
        println!(
            "{:<52} {:>7.2}ms {:>12.2}",
            format!("estimate {scenario}"),
            ms(time),
            ratio(time, start)
        );
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn ratio(time: Duration, baseline: Duration) -> f64 {
    time.as_secs_f64() / baseline.as_secs_f64()
}
