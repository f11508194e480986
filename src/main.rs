//! The `azcost` binary: parse arguments, run, print any error chain, and exit
//! 0 (ok), 1 (findings: unpriced lines, thresholds crossed) or 2 (error).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = azcost::cli::Cli::parse();
    match azcost::run(cli) {
        Ok(azcost::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(azcost::Outcome::Findings) => ExitCode::from(1),
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
