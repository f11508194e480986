//! The command line, as clap derive types only: the `///` comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod decisions;
mod prices;

pub use decisions::*;
pub use prices::*;

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
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,
}
