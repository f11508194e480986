//! The command line, as clap derive types only: the `///` comments are the `--help` text.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Price an Azure deployment, and size its capacity, before you deploy it.
///
/// Prices come from real Azure Retail Prices API rows (a snapshot is built in; `--pricing DIR`
/// selects another). Exit status: 0 ok, 1 findings (unpriced lines without --allow-unpriced),
/// 2 error.
#[derive(Debug, Parser)]
#[command(name = "azcost", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Monthly and annual cost of one or more scenario files, per environment and resource.
    Estimate(EstimateArgs),
    /// Capacity a scenario's traffic needs (instances, replicas, RU/s), its cost range, and a
    /// month-by-month projection.
    Simulate(SimulateArgs),
    /// Print the JSON Schema of scenario files (for editor autocompletion).
    Schema(SchemaArgs),
    /// Options for the same application side by side: cost per environment and category, the
    /// cheapest marked, the deltas, and each option's capacity verdicts.
    Compare(CompareArgs),
    /// Cost change between two versions of a scenario (a pull-request comment in markdown).
    ///
    /// Scenario sides are priced alike (`--env`, `--as-of`, `--month`, `--pricing` apply to
    /// both) and without the Monte Carlo range; a saved JSON estimate keeps its own
    /// environments and prices. Exit 1 when `--fail-above` or `--fail-increase-percent` is
    /// crossed.
    Diff(DiffArgs),
    /// A recommended monthly budget for one environment, its alert thresholds as amounts and
    /// the day each is expected to be crossed; `--export DIR` writes an ARM template and a
    /// Bicep file of the `Microsoft.Consumption/budgets` resource. Exit 1 when the month as
    /// simulated exceeds the budget or a line is unpriced.
    Budget(BudgetArgs),
    /// Charts (SVG, or PNG) of one or more scenarios: traffic against capacity, cumulative
    /// spend against the budget thresholds, the P10–P90 range, a month-by-month projection,
    /// and with several files the monthly cost by category of each.
    Chart(ChartArgs),
    /// Inspect and build price snapshots.
    #[command(subcommand)]
    Prices(PricesCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured markdown.
    Markdown,
    /// The versioned Estimate (an array when several files are given).
    Json,
    /// One row per priced meter, for spreadsheets.
    Csv,
    /// One self-contained HTML page (tables and inline SVG charts, nothing fetched), for
    /// email; write it with --output.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BudgetFormat {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured markdown.
    Markdown,
    /// The budget: amount, basis, thresholds with amounts and crossing days, daily spend.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartImage {
    /// Scalable vector graphics (text stays text).
    Svg,
    /// Bitmap, with the bundled DejaVu Sans font.
    Png,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimulateFormat {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured markdown.
    Markdown,
    /// The capacity lines (or, with --months, the projection) as JSON.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReservationTerms {
    /// The only 1-year/3-year assignment under which every row's effective hourly rate (total
    /// ÷ hours in its term) is below the pay-as-you-go rate; noted on the line.
    Infer,
    /// Only rows that record `reservationTerm`; others leave the line unpriced.
    Recorded,
}

#[derive(Clone, Debug, Args)]
pub struct PricingArgs {
    /// Price snapshot directory (prices.jsonl + manifest.json) instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub pricing: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// Scenario files (YAML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Exit 0 even when some lines could not be priced (they are still shown as unpriced).
    #[arg(long)]
    pub allow_unpriced: bool,
    #[command(flatten)]
    pub options: ScenarioOptions,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// Scenario file (YAML) whose environments have `traffic`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Months to project (1–60): with more than one, a month-by-month table with traffic
    /// growth compounding.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=60))]
    pub months: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SimulateFormat::Table)]
    pub format: SimulateFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub options: ScenarioOptions,
}

/// How to price a scenario (shared by every command that prices one).
#[derive(Clone, Debug, Args)]
pub struct PriceOptions {
    /// Only this environment (repeatable).
    #[arg(long = "env", value_name = "NAME")]
    pub environments: Vec<String>,
    /// Use the prices in force on this date (YYYY-MM-DD); default: the scenario's `as_of`,
    /// else today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Month length: `average` (730 h) or a calendar month `YYYY-MM`; default: the scenario's.
    #[arg(long, value_name = "MONTH")]
    pub month: Option<String>,
    /// How to tell a Reservation row's term (for resources with `pricing: reservation-1y|3y`)
    /// when the row has no `reservationTerm`.
    #[arg(long, value_enum, default_value_t = ReservationTerms::Infer, value_name = "RULE")]
    pub reservation_terms: ReservationTerms,
    #[command(flatten)]
    pub pricing: PricingArgs,
}

/// How to price and simulate a scenario.
#[derive(Debug, Args)]
pub struct ScenarioOptions {
    #[command(flatten)]
    pub price: PriceOptions,
    #[command(flatten)]
    pub simulation: SimulationArgs,
}

#[derive(Debug, Args)]
pub struct SimulationArgs {
    /// Monte Carlo runs over traffic uncertainty (environments whose traffic states
    /// `uncertainty_percent`); 0 turns the range off.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub runs: u32,
    /// Seed of the Monte Carlo draws: the same seed gives the same range.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Scenario file (YAML), or an Estimate written by `estimate --format json` (its lines then
    /// accrue evenly: the hourly simulation is not in the JSON).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Which point of the Monte Carlo cost range the amount starts from: 10, 50 or 90. Without
    /// a range (no traffic uncertainty) the month as simulated is used.
    #[arg(long, default_value_t = 90, value_parser = clap::builder::PossibleValuesParser::new(["10", "50", "90"]).map(|text| text.parse::<u8>().unwrap_or(90)))]
    pub percentile: u8,
    /// Round the amount up to a multiple of N (default: up to two significant figures, at
    /// least to the next 10).
    #[arg(long, value_name = "N")]
    pub round_to: Option<u64>,
    /// Actual-cost alert thresholds, percent of the budget (comma-separated, 0.01–1000;
    /// `none` for no actual alerts). At most five alerts in all.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "50,80,100",
        value_name = "PERCENTS"
    )]
    pub thresholds: Vec<String>,
    /// Forecast alert thresholds, percent of the budget (comma-separated; `none` for none).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "100",
        value_name = "PERCENTS"
    )]
    pub forecast_thresholds: Vec<String>,
    /// Who receives the alerts (repeatable). Without one, the exported template asks for
    /// `contactEmails` at deploy time.
    #[arg(long = "contact-email", value_name = "ADDRESS")]
    pub contact_emails: Vec<String>,
    /// Roles on the scope that receive the alerts (repeatable): Owner, Contributor, Reader.
    #[arg(long = "contact-role", value_name = "ROLE", default_value = "Owner",
          value_parser = ["Owner", "Contributor", "Reader"])]
    pub contact_roles: Vec<String>,
    /// Action group resource IDs that receive the alerts (repeatable).
    #[arg(long = "contact-group", value_name = "ID")]
    pub contact_groups: Vec<String>,
    /// First day of the budget, the first of a month (YYYY-MM-01), not before the as-of date
    /// and at most twelve months after it; default: the first of the month on or after it.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Write budget.json (ARM template) and budget.bicep into DIR (each replaced atomically).
    #[arg(long, value_name = "DIR")]
    pub export: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BudgetFormat::Table)]
    pub format: BudgetFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub options: ScenarioOptions,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Scenario files (YAML); with several, also the monthly cost by category of each.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Directory the charts are written to (created if missing).
    #[arg(long, value_name = "DIR", default_value = "reports")]
    pub output_dir: PathBuf,
    /// Image format.
    #[arg(long, value_enum, default_value_t = ChartImage::Svg)]
    pub image: ChartImage,
    /// Months in the projection chart (2–60).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(2..=60))]
    pub months: u32,
    #[command(flatten)]
    pub options: ScenarioOptions,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Aligned text for a terminal.
    Table,
    /// GitHub-flavoured markdown.
    Markdown,
    /// The comparison as JSON (options, rows, cheapest, deltas, verdicts), money as strings.
    Json,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two or more options: scenario files (YAML) or saved `estimate --format json` files. Price
    /// them with the same traffic for a fair comparison.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Exit 0 even when some lines could not be priced (they are still counted and flagged).
    #[arg(long)]
    pub allow_unpriced: bool,
    #[command(flatten)]
    pub options: ScenarioOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Aligned text for a terminal.
    Table,
    /// A pull-request comment: hidden marker, headline, tables, collapsed details, kept under
    /// GitHub's 65,536 characters.
    Markdown,
    /// The diff as JSON (totals, environments, resources, matched lines), money as strings.
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The side before the change: a scenario file (YAML), a saved `estimate --format json`, or
    /// a file at a git revision `REV:PATH` (e.g. `main:scenarios/prod.yaml`, read with `git
    /// show`; an argument is taken as `REV:PATH` when no such file exists and it contains `:`).
    #[arg(value_name = "BASE")]
    pub base: String,
    /// The side after the change, in the same forms as BASE.
    #[arg(value_name = "HEAD")]
    pub head: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Exit 1 when the monthly total rises by more than AMOUNT, in the scenario's currency
    /// (head total − base total, all environments compared; e.g. `--fail-above 100` fails a
    /// rise of 100.01). A decrease never fails.
    #[arg(long, value_name = "AMOUNT")]
    pub fail_above: Option<String>,
    /// Exit 1 when the monthly total rises by more than P percent of the base's total (a rise
    /// from a zero or missing base exceeds any P).
    #[arg(long, value_name = "P")]
    pub fail_increase_percent: Option<String>,
    /// Treat a side that does not exist (a file, or a path not in that revision) as an empty
    /// estimate: a new scenario is all added, a deleted one all removed. Default: an error.
    #[arg(long)]
    pub allow_missing: bool,
    /// Markdown only: the key in the hidden marker `<!-- azcost-diff:KEY -->` a bot uses to
    /// find and update its comment (one comment per KEY, e.g. the scenario's path); default
    /// `<!-- azcost-diff -->`.
    #[arg(long, value_name = "KEY")]
    pub marker: Option<String>,
    #[command(flatten)]
    pub price: PriceOptions,
}
