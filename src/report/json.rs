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
    match serde_json::from_str::<Estimate>(text) {
        Ok(single) => Ok(vec![single]),
        Err(_) => serde_json::from_str::<Vec<Estimate>>(text),
    }
}
