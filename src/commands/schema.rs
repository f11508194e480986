//! `azcost schema`: the JSON Schema of scenario files, generated from the types.

use anyhow::Result;

use super::{emit, Outcome};
use crate::cli::SchemaArgs;
use crate::scenario::ScenarioFile;

pub fn run(args: &SchemaArgs) -> Result<Outcome> {
    let schema = schemars::schema_for!(ScenarioFile);
    let text = serde_json::to_string_pretty(&schema)? + "\n";
    emit(args.output.as_deref(), &text)?;
    Ok(Outcome::Clean)
}
