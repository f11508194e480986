//! Scenario errors as `file:line:column: message (did you mean `x`?)`.

use std::fmt;

use thiserror::Error;

use super::locate::Position;

/// One located problem in a scenario file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub position: Option<Position>,
    pub message: String,
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn at(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            position,
            message: message.into(),
            suggestion: None,
        }
    }

    pub fn suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(position) => write!(
                formatter,
                "{}:{}:{}: ",
                self.file, position.line, position.column
            )?,
            None => write!(formatter, "{}: ", self.file)?,
        }
        write!(formatter, "{}", self.message)?;
        if let Some(suggestion) = &self.suggestion {
            write!(formatter, " (did you mean `{suggestion}`?)")?;
        }
        Ok(())
    }
}

/// Everything wrong with a scenario file.
#[derive(Clone, Debug, Error, PartialEq)]
pub struct ScenarioError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.diagnostics.iter().map(ToString::to_string).collect();
        write!(formatter, "{}", lines.join("\n"))
    }
}

impl From<Diagnostic> for ScenarioError {
    fn from(diagnostic: Diagnostic) -> Self {
        ScenarioError {
            diagnostics: vec![diagnostic],
        }
    }
}
