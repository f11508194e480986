//! JSON: the versioned Estimate itself, money as decimal strings. One estimate is an object;
//! several are an array of objects.

use crate::estimate::Estimate;

pub fn render(estimates: &[Estimate]) -> Result<String, serde_json::Error> {
    let text = match estimates {
        [single] => serde_json::to_string_pretty(single)?,
        many => serde_json::to_string_pretty(many)?,
    };
    Ok(text + "\n")
}

/// Reads back what [`render`] wrote (an object or an array).
pub fn parse(text: &str) -> Result<Vec<Estimate>, serde_json::Error> {
    // The error worth showing is the one for the shape the text has: an object is one
    // estimate, anything else is tried as the array `estimate` writes for several files.
    if text.trim_start().starts_with('{') {
        serde_json::from_str::<Estimate>(text).map(|single| vec![single])
    } else {
        serde_json::from_str::<Vec<Estimate>>(text)
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    /// Regression: an object missing a field was reported as "expected a sequence", the error
    /// of the array fallback, instead of naming the field.
    #[test]
    fn an_incomplete_estimate_names_its_missing_field() {
        let error = parse(r#"{"schema_version": 1}"#).unwrap_err().to_string();
        assert!(error.contains("missing field"), "{error}");
        let error = parse("[1]").unwrap_err().to_string();
        assert!(error.contains("expected struct Estimate"), "{error}");
    }
}
