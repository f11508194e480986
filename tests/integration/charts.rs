//! `azcost chart`: every chart is a well-formed SVG (or a PNG) holding its series and labels.

use std::fs;
use std::path::Path;

use azcost::report::chart::style::currency;
use azcost::report::chart::{categories, render, ImageFormat};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::support::{estimate_json, run, AS_OF};

const SCENARIO: &str = "scenarios/app-service-postgres-redis.yaml";
const COSMOS: &str = "scenarios/container-apps-cosmos.yaml";

/// Parses an XML document to the end (tags must match); returns the root element's name.
pub fn well_formed(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut root = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                if depth == 0 {
                    assert!(root.is_none(), "one root element");
                    root = Some(String::from_utf8_lossy(element.name().as_ref()).into_owned());
                }
                depth += 1;
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Empty(element)) if depth == 0 => {
                root = Some(String::from_utf8_lossy(element.name().as_ref()).into_owned());
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!("not well-formed at {}: {error}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    root.expect("a root element")
}

/// Runs `azcost chart` into a fresh directory; returns it and the files it printed.
fn charts(files: &[&str], extra: &[&str]) -> (tempfile::TempDir, Vec<String>) {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let output = directory.path().display().to_string();
    let mut arguments = vec!["chart"];
    arguments.extend_from_slice(files);
    arguments.extend_from_slice(&["--as-of", AS_OF, "--runs", "50", "--output-dir", &output]);
    arguments.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&arguments);
    assert_eq!(code, 0, "{stderr}");
    let written = stdout
        .lines()
        .map(|line| {
            Path::new(line)
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    (directory, written)
}

fn read(directory: &tempfile::TempDir, name: &str) -> String {
    let text = fs::read_to_string(directory.path().join(name)).expect("the chart exists");
    assert_eq!(well_formed(&text), "svg", "{name}");
    text
}

#[test]
fn one_scenario_gets_its_charts() {
    let (directory, written) = charts(&[SCENARIO], &[]);
    insta::assert_snapshot!("chart-files", written.join("\n"));
    let estimate = estimate_json(SCENARIO, &["--runs", "50"]);

    let capacity = read(&directory, "app-service-postgres-redis-prod-capacity.svg");
    for label in [
        "Requests per second",
        "Instances",
        "Days into the month",
        "backend",
        "requests/s (left)",
    ] {
        assert!(capacity.contains(label), "capacity lacks {label}");
    }
    assert!(capacity.contains("<polyline"), "the instances line");

    let budget = read(&directory, "app-service-postgres-redis-prod-budget.svg");
    for label in [
        "Cumulative spend (USD)",
        "cumulative spend as simulated",
        "50% actual",
        "80% actual",
        "run-rate forecast",
    ] {
        assert!(budget.contains(label), "budget lacks {label}");
    }
    assert!(
        budget.matches("<polyline").count() >= 2,
        "spend and threshold lines"
    );

    let range = read(&directory, "app-service-postgres-redis-range.svg");
    let p90 = estimate
        .range
        .as_ref()
        .expect("a range")
        .environments
        .iter()
        .find(|environment| environment.environment == "prod")
        .expect("prod")
        .percentiles
        .p90;
    let label = format!("P90 {}", currency(p90.to_f64(), "USD"));
    assert!(range.contains(&label), "range lacks {label}");
    assert!(range.contains("Monthly cost (USD)"));

    let projection = read(&directory, "app-service-postgres-redis-projection.svg");
    assert!(projection.contains("12-month projection") && projection.contains("Month"));
    for environment in ["dev:", "staging:", "prod:", "total:"] {
        assert!(
            projection.contains(environment),
            "projection lacks {environment}"
        );
    }

    let categories = read(&directory, "app-service-postgres-redis-categories.svg");
    for environment in &estimate.environments {
        assert!(categories.contains(&environment.name));
        let label = currency(environment.monthly.to_f64(), "USD");
        assert!(categories.contains(&label), "bar total {label}");
    }
}

#[test]
fn several_scenarios_also_compare_categories() {
    let (directory, written) = charts(&[SCENARIO, COSMOS], &[]);
    assert!(
        written.contains(&"compare-categories.svg".to_string()),
        "{written:?}"
    );
    assert!(written.contains(&"container-apps-cosmos-prod-capacity.svg".to_string()));
    let compare = read(&directory, "compare-categories.svg");
    for label in [
        "app-service-postgres-redis",
        "container-apps-cosmos",
        "compute",
        "Monthly cost (USD)",
    ] {
        assert!(compare.contains(label), "compare lacks {label}");
    }
    let cosmos = read(&directory, "container-apps-cosmos-prod-capacity.svg");
    for label in [
        "RU/s needed (right)",
        "RU/s billed per region (right)",
        "replicas needed (right)",
    ] {
        assert!(cosmos.contains(label), "cosmos capacity lacks {label}");
    }
}

#[test]
fn png_charts_are_pngs_of_the_chart_size() {
    let (directory, written) = charts(&[SCENARIO], &["--image", "png", "--env", "prod"]);
    assert!(!written.is_empty());
    for name in written {
        assert!(name.ends_with(".png"), "{name}");
        let bytes = fs::read(directory.path().join(&name)).expect("the chart");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{name}");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        assert_eq!(width, 960, "{name}");
    }
}

#[test]
fn charts_are_deterministic() {
    let (first, written) = charts(&[SCENARIO], &["--env", "prod"]);
    let (second, _) = charts(&[SCENARIO], &["--env", "prod"]);
    for name in written {
        let one = fs::read(first.path().join(&name)).unwrap();
        let two = fs::read(second.path().join(&name)).unwrap();
        assert!(one == two, "{name} differs between runs");
    }
}

#[test]
fn the_category_chart_takes_named_estimates() {
    let one = estimate_json(SCENARIO, &["--runs", "0", "--env", "prod"]);
    let two = estimate_json(COSMOS, &["--runs", "0", "--env", "prod"]);
    let picture = categories::categories(&[("option A", &one), ("option B", &two)]);
    let svg = String::from_utf8(render(&picture, ImageFormat::Svg).expect("drawn")).unwrap();
    assert_eq!(well_formed(&svg), "svg");
    assert!(svg.contains("option A") && svg.contains("option B"));
    assert!(svg.contains("Monthly cost by category"));
}

#[test]
fn a_missing_file_exits_2() {
    let (code, _, stderr) = run(&[
        "chart",
        "no-such.yaml",
        "--output-dir",
        "/tmp/azcost-no-charts",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such.yaml"), "{stderr}");
}
