//! `azcost prices …`: the snapshot's subcommands and their flags (clap derive only).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::PricingArgs;

#[derive(Debug, Subcommand)]
pub enum PricesCommand {
    /// Show the snapshot's manifest: source, date, api-version, currency, rows, checksum.
    Info(PricingArgs),
    /// Build a snapshot from recorded Retail Prices API pages or arrays of rows.
    Import(ImportArgs),
    /// Fetch rows from the Azure Retail Prices API into a snapshot directory.
    ///
    /// Fetched rows are MERGED into the snapshot already in --output by natural key (meterId,
    /// skuId, type, tier, reservation term): a refreshed meter replaces its old rows, every
    /// other row stays. --replace writes only the fetched rows. Nothing is written unless every
    /// query succeeded. Exit status 2 on any failure.
    Fetch(FetchArgs),
    /// Find services, SKUs and meters in a snapshot by words in their names.
    Search(SearchArgs),
    /// Every meter and price row of one SKU: the names a scenario's resources look up.
    Show(ShowArgs),
    /// Rows whose price changed, appeared or vanished between two snapshot directories, and
    /// the scenarios each change affects.
    Diff(PricesDiffArgs),
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// Fetch the rows these scenarios look up (every environment; Consumption and Reservation
    /// rows of each meter).
    #[arg(long = "scenario", value_name = "FILE", num_args = 1..)]
    pub scenarios: Vec<PathBuf>,
    /// Fetch a whole service (serviceName, exact case; repeatable), in every --region given.
    #[arg(long = "service", value_name = "NAME")]
    pub services: Vec<String>,
    /// Fetch a whole region (armRegionName, e.g. westus; repeatable), or only the --service
    /// ones in it.
    #[arg(long = "region", value_name = "NAME")]
    pub regions: Vec<String>,
    /// Currency of the prices: any code the API accepts (USD, EUR, GBP, JPY…); Azure converts,
    /// azcost does not.
    #[arg(long, default_value = "USD")]
    pub currency: String,
    /// Snapshot directory to write (prices.jsonl + manifest.json).
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
    /// Write only the fetched rows instead of merging them into the existing snapshot.
    #[arg(long)]
    pub replace: bool,
    /// Print the queries (OData $filter, one per line) and fetch nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The Retail Prices API endpoint (another server, e.g. a mirror or a test server).
    #[arg(
        long,
        value_name = "URL",
        default_value = "https://prices.azure.com/api/retail/prices"
    )]
    pub api_url: String,
    /// Queries in flight at once (1–16).
    #[arg(long, default_value_t = crate::catalog::retail_api::DEFAULT_CONCURRENCY,
          value_parser = clap::value_parser!(u16).range(1..=16))]
    pub concurrency: u16,
    /// Seconds one request may take, connection to last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Retries of a request after 429, 5xx, a timeout or a truncated body (other 4xx are not
    /// retried).
    #[arg(long, default_value_t = 4)]
    pub retries: u32,
    /// The wait before the first retry in milliseconds; it doubles each retry (capped at 60 s),
    /// with jitter, and is never shorter than the server's Retry-After.
    #[arg(long, value_name = "MS", default_value_t = 2000)]
    pub backoff_ms: u64,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words that must all appear (any case) in the service, product, SKU, meter or armSkuName.
    #[arg(required = true, value_name = "TEXT")]
    pub words: Vec<String>,
    /// Only this service (serviceName, exact).
    #[arg(long)]
    pub service: Option<String>,
    /// Only this region (armRegionName).
    #[arg(long)]
    pub region: Option<String>,
    /// Show at most this many meters.
    #[arg(long, default_value_t = 40)]
    pub limit: usize,
    #[command(flatten)]
    pub pricing: PricingArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// serviceName, exact (e.g. "Azure App Service").
    #[arg(long)]
    pub service: String,
    /// skuName, exact (e.g. "P1 v3").
    #[arg(long)]
    pub sku: String,
    /// Only this region (armRegionName).
    #[arg(long)]
    pub region: Option<String>,
    #[command(flatten)]
    pub pricing: PricingArgs,
}

#[derive(Debug, Args)]
pub struct PricesDiffArgs {
    /// The older snapshot directory.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer snapshot directory.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Scenarios to check each change against (default: scenarios/*.yaml, if present).
    #[arg(long = "scenario", value_name = "FILE", num_args = 1..)]
    pub scenarios: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Recorded API pages (`{"Items": [...]}`), arrays of rows, or recorded exchanges.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Snapshot directory to write (prices.jsonl + manifest.json), replaced atomically.
    #[arg(long, short, value_name = "DIR")]
    pub output: PathBuf,
    /// Where the rows come from, recorded in the manifest.
    #[arg(long)]
    pub source: String,
    /// The date the prices reflect (YYYY-MM-DD), recorded in the manifest.
    #[arg(long, value_name = "DATE")]
    pub prices_as_of: String,
    /// The api-version the rows were fetched with.
    #[arg(long, default_value = "2023-01-01-preview")]
    pub api_version: String,
}
