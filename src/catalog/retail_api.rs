//! The Azure Retail Prices API client: the only module that uses reqwest.
//!
//! [`fetch_all`] runs a list of [`FetchQuery`]s on a bounded number of threads pulling from a
//! shared queue; each query walks its pages one after the other (a page's link comes from the
//! page before). Every decision between requests — where the next page is, which failures are
//! retried and how long to wait — is a pure function in [`super::paging`]; this file only does
//! the I/O. The first failed query stops the others from starting, and the caller gets every
//! failure, each naming its `$filter` and what went wrong, so nothing is written from a
//! partial fetch.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use thiserror::Error;

use super::odata::{with_skip, FetchQuery};
use super::paging::{
    is_retryable_status, next_step, parse_page, parse_retry_after, Jitter, NextStep, Page,
    RetryPolicy,
};
use super::row::PriceRow;

/// Queries in flight at once unless told otherwise: a few, as the API's observed throttling
/// (about 20 parallel queries drew 429s) suggests.
pub const DEFAULT_CONCURRENCY: u16 = 4;
/// The pages one query may span before the client suspects a loop (10 million rows at 1,000).
const MAX_PAGES: usize = 10_000;

/// How to talk to the API.
#[derive(Clone, Debug)]
pub struct FetchSettings {
    /// Queries in flight at once (at least 1).
    pub concurrency: usize,
    /// Per request, connection to last byte.
    pub timeout: Duration,
    pub retry: RetryPolicy,
}

/// How far a fetch has got; passed to the progress callback after every page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub queries_done: usize,
    pub queries_total: usize,
    pub pages: usize,
    pub rows: usize,
    pub retries: usize,
}

/// One query's rows or its failure.
type QueryOutcome = Result<Vec<PriceRow>, FetchError>;
/// Applies an update to the shared progress and tells the caller's callback.
type Reporter<'a> = &'a dyn Fn(&dyn Fn(&mut Progress));

/// What went wrong with one query, or with the client itself.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum FetchError {
    #[error("cannot start the HTTP client: {0}")]
    Client(String),
    #[error("query `{filter}`: {reason}")]
    Query { filter: String, reason: String },
}

/// The rows of every query, in query order, or every failure.
pub fn fetch_all(
    queries: &[FetchQuery],
    settings: &FetchSettings,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Vec<Vec<PriceRow>>, Vec<FetchError>> {
    let client = reqwest::blocking::Client::builder()
        .timeout(settings.timeout)
        .user_agent(concat!("azcost/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|error| vec![FetchError::Client(error.to_string())])?;
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let state = Mutex::new(Progress {
        queries_total: queries.len(),
        ..Progress::default()
    });
    let results: Mutex<Vec<Option<QueryOutcome>>> = Mutex::new(vec![None; queries.len()]);
    let report = |update: &dyn Fn(&mut Progress)| {
        let snapshot = match state.lock() {
            Ok(mut state) => {
                update(&mut state);
                *state
            }
            Err(_) => return,
        };
        progress(snapshot);
    };
    std::thread::scope(|scope| {
        for worker in 0..settings.concurrency.clamp(1, queries.len().max(1)) {
            let (client, next, failed, results, report) =
                (&client, &next, &failed, &results, &report);
            scope.spawn(move || {
                let mut jitter = Jitter::new(clock_seed() ^ (worker as u64).wrapping_mul(0x9E37));
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= queries.len() || failed.load(Ordering::SeqCst) {
                        break;
                    }
                    let outcome =
                        fetch_query(client, &queries[index], settings, &mut jitter, report);
                    if outcome.is_err() {
                        failed.store(true, Ordering::SeqCst);
                    }
                    report(&|state| state.queries_done += 1);
                    if let Ok(mut results) = results.lock() {
                        results[index] = Some(outcome);
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (query, result) in queries.iter().zip(results) {
        match result {
            Some(Ok(found)) => rows.push(found),
            Some(Err(error)) => errors.push(error),
            None if errors.is_empty() && !failed.load(Ordering::SeqCst) => {
                errors.push(FetchError::Query {
                    filter: query.filter.clone(),
                    reason: "was never run".to_string(),
                });
            }
            None => {}
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Every page of one query.
fn fetch_query(
    client: &reqwest::blocking::Client,
    query: &FetchQuery,
    settings: &FetchSettings,
    jitter: &mut Jitter,
    report: Reporter,
) -> Result<Vec<PriceRow>, FetchError> {
    let fail = |reason: String| FetchError::Query {
        filter: query.filter.clone(),
        reason,
    };
    let mut rows = Vec::new();
    let mut url = query.url.clone();
    let mut first_count = 0;
    for page_number in 1..=MAX_PAGES {
        let page = fetch_page(client, &url, settings, jitter, report).map_err(&fail)?;
        if page_number == 1 {
            first_count = page.count;
        } else if !page.items.is_empty() && rows.ends_with(&page.items) {
            return Err(fail(format!(
                "page {page_number} repeats the page before it: the server ignored $skip or sent a stale NextPageLink ({url})"
            )));
        }
        rows.extend(page.items.iter().cloned());
        let added = page.items.len();
        report(&|state| {
            state.pages += 1;
            state.rows += added;
        });
        url = match next_step(&page, page_number, first_count, rows.len()) {
            NextStep::Done => return Ok(rows),
            NextStep::Follow(link) if link == url => {
                return Err(fail(format!("page {page_number} links to itself ({link})")))
            }
            NextStep::Follow(link) => link,
            NextStep::Skip(skip) => with_skip(&query.url, skip),
        };
    }
    Err(fail(format!(
        "more than {MAX_PAGES} pages; narrow the query"
    )))
}

/// One page, retried as [`RetryPolicy`] allows.
fn fetch_page(
    client: &reqwest::blocking::Client,
    url: &str,
    settings: &FetchSettings,
    jitter: &mut Jitter,
    report: Reporter,
) -> Result<Page, String> {
    let attempts = settings.retry.retries + 1;
    let mut attempt = 1;
    loop {
        let (reason, retry_after) = match try_page(client, url, settings.timeout) {
            Attempt::Page(page) => return Ok(page),
            Attempt::Fatal(reason) => return Err(format!("{reason} (not retried)")),
            Attempt::Retry {
                reason,
                retry_after,
            } => (reason, retry_after),
        };
        if attempt >= attempts {
            return Err(format!(
                "gave up after {attempts} attempt{}; the last: {reason}",
                if attempts == 1 { "" } else { "s" }
            ));
        }
        std::thread::sleep(
            settings
                .retry
                .delay(attempt, retry_after, jitter.next_unit()),
        );
        report(&|state| state.retries += 1);
        attempt += 1;
    }
}

enum Attempt {
    Page(Page),
    Retry {
        reason: String,
        retry_after: Option<Duration>,
    },
    Fatal(String),
}

fn try_page(client: &reqwest::blocking::Client, url: &str, timeout: Duration) -> Attempt {
    let transport = |error: reqwest::Error| Attempt::Retry {
        reason: if error.is_timeout() {
            format!("no complete response within {:.1} s", timeout.as_secs_f64())
        } else {
            format!("request failed: {}", error_chain(&error))
        },
        retry_after: None,
    };
    let response = match client.get(url).send() {
        Ok(response) => response,
        Err(error) => return transport(error),
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(parse_retry_after);
    let body = match response.bytes() {
        Ok(body) => body,
        Err(error) => return transport(error),
    };
    if !status.is_success() {
        let excerpt: String = String::from_utf8_lossy(&body).chars().take(300).collect();
        let reason = format!("HTTP {status}: {}", excerpt.trim());
        return if is_retryable_status(status.as_u16()) {
            Attempt::Retry {
                reason,
                retry_after,
            }
        } else {
            Attempt::Fatal(reason)
        };
    }
    match parse_page(&body) {
        Ok(page) => Attempt::Page(page),
        // A 200 with a body that is not a page is a cut connection or a proxy's page: retry.
        Err(error) => Attempt::Retry {
            reason: format!("HTTP {status} but {error}"),
            retry_after: None,
        },
    }
}

/// The error and its causes on one line (reqwest's own message hides the cause).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn clock_seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos() as u64)
        .unwrap_or(0x5EED)
}
