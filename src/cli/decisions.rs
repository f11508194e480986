//! The decision commands' flags: `budget`, `chart`, `compare`, `diff` (clap derive only).

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, ValueEnum};

use super::{PriceOptions, ScenarioOptions};

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
