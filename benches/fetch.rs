//! `cargo bench --bench fetch`: how much bounded concurrency buys `prices fetch`.
//!
//! Against the local Retail Prices API stand-in (the integration tests' server, 127.0.0.1)
//! with 100 ms added to every page, it times 50 one-page queries at concurrency 1 and at the
//! default concurrency, and one 50-page query (whose pages must follow each other) at the
//! default. Each one-page query gets 90 rows: a short last page, as most real queries end (a
//! full page with an empty NextPageLink would cost a `$skip` probe, one more request). Each figure is the median of `AZCOST_BENCH_RUNS` runs (default 3) and is reported
//! against the ideal pages × latency / concurrency.

#[path = "../tests/integration/retail_server.rs"]
mod retail_server;

use std::time::{Duration, Instant};

use azcost::catalog::odata::{query_url, FetchQuery};
use azcost::catalog::paging::RetryPolicy;
use azcost::catalog::retail_api::{fetch_all, FetchSettings, DEFAULT_CONCURRENCY};
use retail_server::{westus_rows, Config, RetailServer};

const PAGES: usize = 50;
const LATENCY: Duration = Duration::from_millis(100);
const PAGE_SIZE: usize = 100;
/// Rows per one-page query: fewer than a page, so the page is plainly the last.
const SHORT_PAGE: usize = 90;

fn median(
    runs: usize,
    queries: &[FetchQuery],
    concurrency: usize,
    expected_rows: usize,
) -> Duration {
    let settings = FetchSettings {
        concurrency,
        timeout: Duration::from_secs(10),
        retry: RetryPolicy {
            retries: 0,
            base: Duration::from_millis(10),
            cap: Duration::from_secs(1),
        },
    };
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let rows = fetch_all(queries, &settings, &|_| {}).expect("the fetch succeeds");
            let elapsed = started.elapsed();
            assert_eq!(rows.iter().map(Vec::len).sum::<usize>(), expected_rows);
            elapsed
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(label: &str, measured: Duration, ideal: Duration, baseline: Option<Duration>) {
    let versus = baseline.map_or(String::new(), |baseline| {
        format!(
            ", {:.2}× faster than concurrency 1",
            baseline.as_secs_f64() / measured.as_secs_f64()
        )
    });
    println!(
        "{label:<44} {:>7.0} ms   ideal {:>5.0} ms   measured/ideal {:.2}{versus}",
        measured.as_secs_f64() * 1_000.0,
        ideal.as_secs_f64() * 1_000.0,
        measured.as_secs_f64() / ideal.as_secs_f64()
    );
}

fn main() {
    let runs = std::env::var("AZCOST_BENCH_RUNS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(3);
    let rows = westus_rows();
    // 50 queries, one page each, every one its own slice of recorded rows.
    let mut config = Config::new(rows.clone(), PAGE_SIZE);
    config.latency = LATENCY;
    let filters: Vec<String> = (0..PAGES)
        .map(|index| format!("armRegionName eq 'bench-{index}'"))
        .collect();
    for (index, filter) in filters.iter().enumerate() {
        let start = (index * SHORT_PAGE) % (rows.len() - SHORT_PAGE);
        config
            .routes
            .insert(filter.clone(), rows[start..start + SHORT_PAGE].to_vec());
    }
    let server = RetailServer::start(config);
    let queries: Vec<FetchQuery> = filters
        .iter()
        .map(|filter| query_url(&server.url, filter, "USD"))
        .collect();
    let default = usize::from(DEFAULT_CONCURRENCY);
    let serial_ideal = LATENCY * PAGES as u32;
    println!(
        "{PAGES} pages ({SHORT_PAGE} rows per one-page query, {PAGE_SIZE} per page of the long one), {} ms per page, median of {runs} runs",
        LATENCY.as_millis()
    );
    let serial = median(runs, &queries, 1, PAGES * SHORT_PAGE);
    report(
        "50 one-page queries, concurrency 1",
        serial,
        serial_ideal,
        None,
    );
    let concurrent = median(runs, &queries, default, PAGES * SHORT_PAGE);
    report(
        &format!("50 one-page queries, concurrency {default} (default)"),
        concurrent,
        serial_ideal / default as u32,
        Some(serial),
    );
    // One query of 50 pages: each page's link comes from the one before. The last is short.
    let long_rows = PAGES * PAGE_SIZE - 10;
    let mut long = Config::new(
        rows.iter().cycle().take(long_rows).cloned().collect(),
        PAGE_SIZE,
    );
    long.latency = LATENCY;
    let long_server = RetailServer::start(long);
    let one = vec![query_url(
        &long_server.url,
        "armRegionName eq 'bench'",
        "USD",
    )];
    let paged = median(runs, &one, default, long_rows);
    report(
        "one 50-page query (pages are sequential)",
        paged,
        serial_ideal,
        Some(serial),
    );
}
