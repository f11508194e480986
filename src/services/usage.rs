//! Shared helpers for service kinds: usage inputs with defaults, range and SKU checks, and
//! decoding a resource body with the path of any error.
//!
//! Every check returns a [`FieldIssue`] with a path relative to the resource, which the
//! scenario loader turns into `file:line:column` and a "did you mean" when it can.

use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::catalog::{nearest_name, nearest_names};
use crate::money::decimal_from_f64;

/// serde's default for counts that default to one (`count`, `regions`, `instances`…).
pub(crate) fn one() -> f64 {
    1.0
}

/// A problem with one field of a resource.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldIssue {
    /// Dotted path relative to the resource, e.g. `sku` or `autoscale.maximum`.
    pub path: String,
    pub message: String,
    /// The nearest valid name, when the problem is an unknown name.
    pub suggestion: Option<String>,
    /// Point at the key rather than the value (unknown fields).
    pub at_key: bool,
}

impl FieldIssue {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldIssue {
            path: path.into(),
            message: message.into(),
            suggestion: None,
            at_key: false,
        }
    }

    /// "unknown sku `P2V3`" with the nearest valid name as a suggestion.
    pub fn unknown(field: &str, given: &str, valid: &[&str]) -> Self {
        let options: Vec<String> = valid.iter().map(|name| name.to_string()).collect();
        let suggestion = nearest_names(given, &options, 1).into_iter().next();
        FieldIssue {
            path: field.to_string(),
            message: format!("unknown {field} `{given}`; valid: {}", list(valid)),
            suggestion,
            at_key: false,
        }
    }
}

fn list(valid: &[&str]) -> String {
    if valid.len() > 12 {
        format!("{} … ({} in all)", valid[..12].join(", "), valid.len())
    } else {
        valid.join(", ")
    }
}

/// A usage quantity and whether it was assumed (the scenario did not give it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Usage<T> {
    pub value: T,
    pub assumed: bool,
}

impl<T: Copy> Usage<T> {
    /// The scenario's value, or `default` marked as assumed.
    pub fn or(given: Option<T>, default: T) -> Usage<T> {
        match given {
            Some(value) => Usage {
                value,
                assumed: false,
            },
            None => Usage {
                value: default,
                assumed: true,
            },
        }
    }
}

/// Checks `value` is within `[min, max]`, naming the allowed range when it is not.
pub fn check_range(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: Option<f64>,
    min: f64,
    max: f64,
) {
    let Some(value) = value else { return };
    if !value.is_finite() || value < min || value > max {
        issues.push(FieldIssue::new(
            field,
            format!("{field} must be between {min} and {max} (got {value})"),
        ));
    }
}

/// Checks `value` is a whole number (a count of instances, zones, units…).
pub fn check_whole(issues: &mut Vec<FieldIssue>, field: &str, value: f64) {
    if value.fract() != 0.0 {
        issues.push(FieldIssue::new(
            field,
            format!("{field} must be a whole number (got {value})"),
        ));
    }
}

/// Checks a text field is not blank.
pub fn check_not_empty(issues: &mut Vec<FieldIssue>, field: &str, value: &str) {
    if value.trim().is_empty() {
        issues.push(FieldIssue::new(field, format!("{field} must not be empty")));
    }
}

/// Checks a SKU against the kind's list, case-sensitively as Azure's API is, with a
/// suggestion for near misses (`P2V3` → `P2v3`).
pub fn check_sku(issues: &mut Vec<FieldIssue>, field: &str, given: &str, valid: &[&str]) {
    if !valid.contains(&given) {
        issues.push(FieldIssue::unknown(field, given, valid));
    }
}

/// A scenario number as a decimal quantity (scenario numbers are validated finite first).
pub fn decimal(value: f64) -> Decimal {
    decimal_from_f64(value).unwrap_or(Decimal::ZERO)
}

/// Decodes a resource body, turning serde's error into a located [`FieldIssue`].
pub fn decode<T: DeserializeOwned>(body: serde_norway::Value) -> Result<T, FieldIssue> {
    serde_path_to_error::deserialize::<_, T>(body).map_err(|error| {
        let mut path: Vec<String> = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        let message = error.inner().to_string();
        let mut issue = FieldIssue::new(String::new(), message.clone());
        if let Some((name, expected)) = parse_unknown(&message, "unknown field `") {
            // serde_path_to_error may already have entered the unknown key.
            if path.last() != Some(&name) {
                path.push(name.clone());
            }
            issue.message = format!(
                "unknown field `{name}`; expected one of {}",
                expected.join(", ")
            );
            issue.suggestion = suggest_field(&name, &expected);
            issue.at_key = true;
        } else if let Some((name, expected)) = parse_unknown(&message, "unknown variant `") {
            issue.message = format!(
                "unknown value `{name}`; expected one of {}",
                expected.join(", ")
            );
            issue.suggestion = nearest_names(&name, &expected, 1).into_iter().next();
        }
        issue.path = path.join(".");
        issue
    })
}

/// Words people write for a field that azcost spells otherwise.
const FIELD_SYNONYMS: &[(&str, &str)] = &[
    ("instances", "count"),
    ("instance_count", "count"),
    ("capacity", "count"),
    ("size", "sku"),
    ("plan", "sku"),
    ("storage", "storage_gb"),
];

/// A synonym the kind has, else a field name that is genuinely close.
fn suggest_field(name: &str, expected: &[String]) -> Option<String> {
    FIELD_SYNONYMS
        .iter()
        .find(|(from, to)| *from == name && expected.iter().any(|field| field == to))
        .map(|(_, to)| to.to_string())
        .or_else(|| nearest_name(name, expected, 0.8))
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" into (x, [a, b]).
fn parse_unknown(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?;
    let (name, tail) = rest.split_once('`')?;
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((name.to_string(), expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_unknown_field_messages_are_parsed() {
        let (name, expected) = parse_unknown(
            "unknown field `skew`, expected one of `sku`, `count`",
            "unknown field `",
        )
        .unwrap();
        assert_eq!(name, "skew");
        assert_eq!(expected, vec!["sku", "count"]);
    }

    #[test]
    fn sku_check_suggests_the_nearest_name() {
        let mut issues = Vec::new();
        check_sku(&mut issues, "sku", "P2V3", &["P1v3", "P2v3", "P3v3"]);
        assert_eq!(issues[0].suggestion.as_deref(), Some("P2v3"));
    }

    #[test]
    fn range_check_names_the_range() {
        let mut issues = Vec::new();
        check_range(&mut issues, "count", Some(-1.0), 1.0, 30.0);
        assert_eq!(issues[0].message, "count must be between 1 and 30 (got -1)");
        check_range(&mut issues, "count", Some(3.0), 1.0, 30.0);
        assert_eq!(issues.len(), 1);
    }
}
