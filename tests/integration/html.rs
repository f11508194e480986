//! `azcost estimate --format html`: one page, readable offline, holding the tables and charts.

use std::fs;

use crate::charts::well_formed;
use crate::support::{estimate, estimate_json};

const SCENARIO: &str = "scenarios/app-service-postgres-redis.yaml";
const COSMOS: &str = "scenarios/container-apps-cosmos.yaml";

fn page(files: &[&str]) -> String {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("report.html");
    let path_text = path.display().to_string();
    let (code, stdout, stderr) = if files.len() == 1 {
        estimate(
            files[0],
            &["--runs", "50", "--format", "html", "--output", &path_text],
        )
    } else {
        let mut arguments = vec!["estimate"];
        arguments.extend_from_slice(files);
        arguments.extend_from_slice(&[
            "--as-of",
            crate::support::AS_OF,
            "--runs",
            "50",
            "--format",
            "html",
            "--output",
            &path_text,
        ]);
        crate::support::run(&arguments)
    };
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "--output writes the file, not stdout");
    fs::read_to_string(&path).expect("the page was written")
}

/// Every `<svg>…</svg>` in the page.
fn svgs(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = start + rest[start..].find("</svg>").expect("a closed svg") + "</svg>".len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

#[test]
fn the_page_is_self_contained() {
    let html = page(&[SCENARIO]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    let lower = html.to_lowercase();
    for forbidden in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "<script",
        "<link",
        "@import",
        "url(",
        "<iframe",
        "<img",
    ] {
        assert!(
            !lower.contains(forbidden),
            "the page fetches something: {forbidden}"
        );
    }
    assert!(html.contains("<style>"), "the style sheet is inline");
}

#[test]
fn the_page_holds_the_tables_and_the_charts() {
    let html = page(&[SCENARIO]);
    let estimate = estimate_json(SCENARIO, &["--runs", "50"]);
    for environment in &estimate.environments {
        let cell = format!("USD {}", environment.monthly.grouped());
        assert!(html.contains(&cell), "{} monthly {cell}", environment.name);
    }
    assert!(html.contains(&format!("USD {}", estimate.totals.monthly.grouped())));
    let charts = svgs(&html);
    assert!(
        charts.len() >= 5,
        "categories, capacity, budgets, range, projection: {}",
        charts.len()
    );
    for chart in &charts {
        assert_eq!(well_formed(chart), "svg");
    }
    let headings: Vec<&str> = html
        .lines()
        .filter(|line| {
            ["<h1>", "<h2>", "<h3>", "<figcaption>"]
                .iter()
                .any(|tag| line.starts_with(tag))
        })
        .collect();
    insta::assert_snapshot!("html-outline", headings.join("\n"));
}

#[test]
fn several_files_share_one_page_with_a_comparison() {
    let html = page(&[SCENARIO, COSMOS]);
    assert!(html.contains("<h2>app-service-postgres-redis</h2>"));
    assert!(html.contains("<h2>container-apps-cosmos</h2>"));
    assert!(html.contains("Monthly cost by category, per option"));
}
