//! The decisions a Retail Prices API client makes between requests, as pure functions: reading
//! a page, where the next page is, whether and how long to wait before trying again.
//!
//! `retail_api.rs` does the HTTP; everything here is tested without a server. The rules come
//! from real responses (shared API notes §3.4–3.5): `Count` is the size of *this* page, page
//! sizes have been 100 and 1,000 (never hard-code one), `NextPageLink` is followed verbatim,
//! and when it came back empty on a full page (a known API fault) the client walks on with
//! `$skip`. 429 and 5xx (and timeouts, dropped connections and truncated bodies) are retried
//! with exponential backoff and jitter, waiting at least as long as `Retry-After` says; any
//! other 4xx is the query's fault and is not retried.

use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

use super::row::PriceRow;

/// Page sizes the API has been seen to use; a page of exactly this many rows may not be the
/// last even when `NextPageLink` is empty.
pub const KNOWN_PAGE_SIZES: [usize; 2] = [100, 1_000];
/// The longest `Retry-After` honoured; a server asking for more gets this.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(300);

/// One response page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub items: Vec<PriceRow>,
    /// `None` when absent, `null` or empty.
    pub next_page_link: Option<String>,
    /// The API's `Count` (this page's size), or the number of items when absent.
    pub count: usize,
}

#[derive(Debug, Error, PartialEq)]
#[error("the response is not a Retail Prices API page: {0}")]
pub struct PageError(pub String);

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Items")]
    items: Vec<PriceRow>,
    #[serde(rename = "NextPageLink", default)]
    next_page_link: Option<String>,
    #[serde(rename = "Count", default)]
    count: Option<usize>,
}

/// Parses a response body (`{"Items":[...],"NextPageLink":...,"Count":...}`).
pub fn parse_page(body: &[u8]) -> Result<Page, PageError> {
    let envelope: Envelope =
        serde_json::from_slice(body).map_err(|error| PageError(error.to_string()))?;
    let count = envelope.count.unwrap_or(envelope.items.len());
    Ok(Page {
        next_page_link: envelope
            .next_page_link
            .filter(|link| !link.trim().is_empty()),
        count,
        items: envelope.items,
    })
}

/// Where to go after a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextStep {
    Done,
    /// Follow `NextPageLink` as given.
    Follow(String),
    /// `NextPageLink` was empty on a full page: ask for the rows after this many.
    Skip(usize),
}

/// The step after `page`, the `page_number`-th (from 1) of a query whose first page had
/// `first_count` rows, `received` rows in all so far.
pub fn next_step(page: &Page, page_number: usize, first_count: usize, received: usize) -> NextStep {
    if let Some(link) = &page.next_page_link {
        return NextStep::Follow(link.clone());
    }
    let full = page.count > 0
        && (KNOWN_PAGE_SIZES.contains(&page.count)
            || (page_number > 1 && page.count == first_count));
    if full {
        NextStep::Skip(received)
    } else {
        NextStep::Done
    }
}

/// Whether an HTTP status is worth another try.
pub fn is_retryable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// `Retry-After` in seconds (the HTTP-date form is not used by this API and is ignored).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// How often and how patiently to retry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The wait before the first retry; it doubles with each further one.
    pub base: Duration,
    /// The longest exponential wait.
    pub cap: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `attempt` (from 1): `base × 2^(attempt−1)` capped, scaled
    /// by `jitter` (0–1) into its upper half so concurrent clients spread out, and never
    /// shorter than `retry_after` (itself capped at [`MAX_RETRY_AFTER`]).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
        let doublings = attempt.saturating_sub(1).min(30);
        let exponential = self.base.saturating_mul(1 << doublings).min(self.cap);
        let jittered = exponential.mul_f64(0.5 + jitter.clamp(0.0, 1.0) / 2.0);
        match retry_after {
            Some(asked) => jittered.max(asked.min(MAX_RETRY_AFTER)),
            None => jittered,
        }
    }
}

/// A small xorshift generator for backoff jitter: seeded from the clock by the client, fixed
/// in tests.
#[derive(Clone, Debug)]
pub struct Jitter(u64);

impl Jitter {
    pub fn new(seed: u64) -> Self {
        Jitter(seed | 1)
    }

    /// The next value in [0, 1).
    pub fn next_unit(&mut self) -> f64 {
        let mut state = self.0;
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        self.0 = state;
        (state >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
