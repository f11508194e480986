//! Reading a measured traffic series (an Application Insights export or any two-column CSV).
//!
//! The first column is a timestamp — RFC 3339 (`2026-08-03T14:05:00Z`, with or without a
//! fraction or `Z`, UTC assumed) or Unix seconds — and the second the number of requests in
//! that bucket. A header row is skipped when its second cell is not a number.

use anyhow::{anyhow, bail, Context as _, Result};

pub(crate) fn parse_series(text: &str) -> Result<Vec<(i64, f64)>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut series = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("line {}", index + 1))?;
        let (Some(time), Some(count)) = (record.get(0), record.get(1)) else {
            bail!(
                "line {}: expected two columns: timestamp, requests",
                index + 1
            );
        };
        let Ok(count) = count.trim().parse::<f64>() else {
            if index == 0 {
                continue; // the header
            }
            bail!(
                "line {}: `{}` is not a request count",
                index + 1,
                count.trim()
            );
        };
        if !count.is_finite() || count < 0.0 {
            bail!(
                "line {}: the request count must be ≥ 0 (got {count})",
                index + 1
            );
        }
        let seconds = parse_time(time.trim()).ok_or_else(|| {
            anyhow!(
                "line {}: `{}` is not a timestamp (RFC 3339 or Unix seconds)",
                index + 1,
                time.trim()
            )
        })?;
        series.push((seconds, count));
    }
    if series.is_empty() {
        bail!("no rows");
    }
    Ok(series)
}

/// Unix seconds from `YYYY-MM-DDTHH:MM[:SS[.fff]][Z]` (or a space instead of `T`) or digits.
fn parse_time(text: &str) -> Option<i64> {
    if let Ok(seconds) = text.parse::<i64>() {
        return Some(seconds);
    }
    let text = text.trim_end_matches('Z');
    let (date, time) = text.split_once(['T', ' '])?;
    let mut date_parts = date.split('-').map(|part| part.parse::<i64>().ok());
    let (year, month, day) = (
        date_parts.next()??,
        date_parts.next()??,
        date_parts.next()??,
    );
    let time = time.split('.').next()?;
    let mut time_parts = time.split(':').map(|part| part.parse::<i64>().ok());
    let hour = time_parts.next()??;
    let minute = time_parts.next()??;
    let second = time_parts.next().unwrap_or(Some(0))?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_time("2026-08-03T14:05:00.123Z"), Some(1_785_765_900));
        assert_eq!(parse_time("2026-08-03 14:05"), Some(1_785_765_900));
        assert_eq!(parse_time("1785765900"), Some(1_785_765_900));
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn a_series_with_a_header() {
        let series = parse_series(
            "timestamp [UTC],count\n2026-08-03T00:00:00Z,60\n2026-08-03T00:01:00Z,120\n",
        )
        .unwrap();
        assert_eq!(series.len(), 2);
        assert_eq!(series[1].1, 120.0);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let error = parse_series("time,count\n2026-08-03T00:00:00Z,-5\n").unwrap_err();
        assert!(error.to_string().contains("line 2"), "{error}");
        let error = parse_series("time,count\nnot-a-time,5\n").unwrap_err();
        assert!(error.to_string().contains("not a timestamp"), "{error}");
    }
}
