//! `cargo bench --bench simulate`: the capacity simulation's throughput, in release.
//!
//! A 10-resource scenario (4 autoscaled App Service plans, 3 Container Apps, 3 Cosmos DB
//! accounts) is simulated minute by minute for a year (12 × 730 h), and a 1,000-run Monte Carlo
//! prices its first month a thousand times. The baseline, measured in the same process, is one
//! plain month (plan + price once); figures are reported as ratios against it.

use std::time::{Duration, Instant};

use azcost::catalog::snapshot::Snapshot;
use azcost::catalog::TermRule;
use azcost::estimate::projection::project;
use azcost::estimate::range::cost_range;
use azcost::estimate::{price, PriceBook, PriceSettings, RangeSettings};
use azcost::money::MonthLength;
use azcost::plan::plan;
use azcost::scenario::Scenario;
use azcost::simulate::SimulationInputs;

fn scenario_text() -> String {
    let mut resources = String::new();
    for index in 0..4 {
        resources.push_str(&format!(
            "      web{index}:\n        kind: app_service_plan\n        sku: P1v3\n        traffic_share: 0.25\n        workload: {{cpu_ms: 40, wall_ms: 200, worker_class: uvicorn, workers: auto}}\n        autoscale: {{minimum: 2, maximum: 8, rules: seed}}\n"
        ));
    }
    for index in 0..3 {
        resources.push_str(&format!(
            "      app{index}:\n        kind: container_app\n        vcpu: 0.5\n        memory_gib: 1\n        min_replicas: 0\n        max_replicas: 10\n        request_duration_ms: 300\n        traffic_share: 0.3\n"
        ));
    }
    for index in 0..3 {
        resources.push_str(&format!(
            "      db{index}:\n        kind: cosmos_db\n        mode: autoscale\n        throughput: 4000\n        traffic_share: 0.3\n        operations: {{point_reads: 2, creates: 0.5, queries: 0.3, item_size_kb: 2}}\n"
        ));
    }
    format!(
        "name: bench\nregion: westus\nenvironments:\n  prod:\n    traffic:\n      peak_requests_per_second: 120\n      daily_shape: business_hours\n      monthly_growth_percent: 3\n      uncertainty_percent: 25\n    resources:\n{resources}"
    )
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let result = work();
    (result, started.elapsed())
}

fn main() {
    let snapshot = Snapshot::embedded().expect("the snapshot loads");
    let scenario =
        Scenario::parse(&scenario_text(), "bench.yaml").expect("the bench scenario is valid");
    let settings = PriceSettings {
        as_of: "2026-11-01".to_string(),
        month: MonthLength::average(),
        reservation_terms: TermRule::Infer,
    };
    let inputs = SimulationInputs::default();
    let resources = scenario.environments[0].resources.len();
    let minutes_per_month = (MonthLength::average().hours() * 60) as f64;

    let (_, baseline) = timed(|| {
        let planned = plan(&scenario, &inputs).expect("plans");
        let mut book = PriceBook::new(&snapshot.catalog, &settings.as_of);
        price(
            &scenario,
            &planned,
            &mut book,
            &snapshot.manifest,
            &settings,
        )
    });
    let (projection, year) = timed(|| {
        let mut book = PriceBook::new(&snapshot.catalog, &settings.as_of);
        project(
            &scenario,
            &inputs,
            &mut book,
            &snapshot.manifest,
            &settings,
            12,
        )
        .expect("projects")
    });
    let (range, monte_carlo) = timed(|| {
        cost_range(
            &scenario,
            &inputs,
            &snapshot.catalog,
            &snapshot.manifest,
            &settings,
            RangeSettings {
                runs: 1000,
                seed: 1,
            },
        )
        .expect("runs")
        .expect("a range")
    });
    let resource_minutes = resources as f64 * minutes_per_month * 12.0;
    println!(
        "scenario: {resources} simulated resources, one-minute steps, {} h months",
        settings.month.hours()
    );
    println!(
        "baseline: one month planned and priced once      {:>9.1} ms",
        ms(baseline)
    );
    println!(
        "one year (12 months), minute by minute            {:>9.1} ms  ({:.1} × baseline; {:.2} M resource-minutes/s)",
        ms(year),
        ratio(year, baseline),
        resource_minutes / year.as_secs_f64() / 1e6
    );
    println!(
        "Monte Carlo, 1,000 runs of one month              {:>9.1} ms  ({:.1} × baseline; {:.2} ms per run)",
        ms(monte_carlo),
        ratio(monte_carlo, baseline),
        ms(monte_carlo) / 1000.0
    );
    println!(
        "(year total {} {}; P10/P50/P90 {} / {} / {})",
        projection.currency,
        projection.total.grouped(),
        range.total.p10.grouped(),
        range.total.p50.grouped(),
        range.total.p90.grouped()
    );
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn ratio(time: Duration, baseline: Duration) -> f64 {
    time.as_secs_f64() / baseline.as_secs_f64()
}
