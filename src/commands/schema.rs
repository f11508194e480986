//! `azcost schema`: the JSON Schema of scenario files, generated from the types.

use anyhow::Result;

use super::{emit, Outcome};
use crate::cli::SchemaArgs;

pub fn run(args: &SchemaArgs) -> Result<Outcome> {
    let schema = crate::scenario::json_schema();
    let text = serde_json::to_string_pretty(&schema)? + "\n";
    emit(args.output.as_deref(), &text)?;
    Ok(Outcome::Clean)
}
