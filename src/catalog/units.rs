//! Units of measure: the one place where Azure's free-text `unitOfMeasure` is understood.
//!
//! The API writes units as text ("1 Hour", "1/Hour", "100 Hours", "10K", "1 GB/Month", "1 GiB
//! Second"…). [`UnitOfMeasure::parse`] turns each into a dimension and a block size, and
//! [`UnitOfMeasure::blocks`] converts a service's quantity (instance-hours, GB-months,
//! operations…) into the number of price blocks, converting between hours, days and months
//! with the estimate's month length. Nothing else in azcost multiplies by 730.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::MonthLength;

/// What a quantity measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Time something exists or runs (instance-hours, unit-days, months of a base fee).
    Hours,
    /// Countable events or items: operations, requests, emails, keys, rotations.
    Count,
    /// Data volume (transfer, ingestion, processing) in GB.
    Gigabytes,
    /// Data volume in MB.
    Megabytes,
    /// Stored data over time: GB-months.
    GigabyteMonths,
    /// Stored data over time: GB-hours.
    GigabyteHours,
    /// Compute over time: vCPU-seconds or GPU-seconds.
    Seconds,
    /// Memory over time: GiB-seconds.
    GibibyteSeconds,
}

impl Dimension {
    /// The unit a quantity of this dimension is written in on a report line.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Hours => "hours",
            Dimension::Count => "units",
            Dimension::Gigabytes => "GB",
            Dimension::Megabytes => "MB",
            Dimension::GigabyteMonths => "GB-months",
            Dimension::GigabyteHours => "GB-hours",
            Dimension::Seconds => "seconds",
            Dimension::GibibyteSeconds => "GiB-seconds",
        }
    }
}

/// The time base of a meter priced per period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Period {
    Second,
    Hour,
    Day,
    Month,
    Year,
}

/// A parsed `unitOfMeasure`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitOfMeasure {
    /// The text as the API wrote it.
    pub text: String,
    dimension: Dimension,
    /// How many base units one price covers ("10K" = 10,000; "100 Hours" = 100).
    block: Decimal,
    /// For time-based meters, the period the block is counted in.
    period: Option<Period>,
}

#[derive(Debug, Error, PartialEq)]
pub enum UnitError {
    #[error("unit of measure `{0}` is not understood by azcost")]
    Unknown(String),
    #[error("a quantity in {given} cannot be priced by a meter sold per `{unit}`")]
    Mismatch { given: &'static str, unit: String },
}

impl UnitOfMeasure {
    pub fn parse(text: &str) -> Result<UnitOfMeasure, UnitError> {
        let unknown = || UnitError::Unknown(text.to_string());
        let trimmed = text.trim();
        // "1/Hour", "1/Month", "10K/Month", "100/Month", "1 GB/Day": a count or size per period.
        let (head, per) = match trimmed.split_once('/') {
            Some((head, per)) => (head.trim(), Some(per.trim())),
            None => (trimmed, None),
        };
        let (number, word) = split_number(head).ok_or_else(unknown)?;
        let word = word.trim();
        let per_period = match per {
            None => None,
            Some(period) => Some(parse_period(period).ok_or_else(unknown)?),
        };
        let time_word = parse_period(word);
        let (dimension, period) = match (word, per_period, time_word) {
            // "1 Hour", "100 Hours", "1 Second": time on its own.
            (_, None, Some(Period::Second)) => (Dimension::Seconds, None),
            (_, None, Some(period)) => (Dimension::Hours, Some(period)),
            // "1/Hour", "1/Month", "1/Day", "1/Year": one unit held for a period.
            ("", Some(Period::Second), None) => (Dimension::Seconds, None),
            ("", Some(period), None) => (Dimension::Hours, Some(period)),
            // "10K/Month", "100/Month": a count of things per month is still a count.
            ("K" | "M", Some(Period::Month), None) => (Dimension::Count, None),
            ("GB" | "GiB", Some(Period::Month), None) => (Dimension::GigabyteMonths, None),
            ("GB" | "GiB", Some(Period::Day), None) => (Dimension::Gigabytes, None),
            ("GB" | "GiB", None, None) => (Dimension::Gigabytes, None),
            ("MB", None, None) => (Dimension::Megabytes, None),
            ("GiB Second" | "GB Second", None, None) => (Dimension::GibibyteSeconds, None),
            ("GiB Hour" | "GB Hour", None, None) => (Dimension::GigabyteHours, None),
            ("" | "K" | "M" | "Rotation" | "Rotations", None, None) => (Dimension::Count, None),
            _ => return Err(unknown()),
        };
        let multiplier = match word {
            "K" => Decimal::from(1_000),
            "M" => Decimal::from(1_000_000),
            _ => Decimal::ONE,
        };
        Ok(UnitOfMeasure {
            text: text.to_string(),
            dimension,
            block: number * multiplier,
            period,
        })
    }

    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// How many price blocks a quantity is: 2 instances for a 730-hour month priced "1 Hour"
    /// is 1,460 blocks; 25,000 operations priced "10K" are 2.5 blocks; a month of a "1/Day"
    /// registry unit is 30.4 blocks with the 730-hour month.
    pub fn blocks(
        &self,
        quantity: Decimal,
        dimension: Dimension,
        month: &MonthLength,
    ) -> Result<Decimal, UnitError> {
        if dimension != self.dimension {
            return Err(UnitError::Mismatch {
                given: dimension.label(),
                unit: self.text.clone(),
            });
        }
        let base = match (self.dimension, self.period) {
            (Dimension::Hours, Some(period)) => quantity / period_hours(period, month),
            _ => quantity,
        };
        Ok(base / self.block)
    }
}

fn period_hours(period: Period, month: &MonthLength) -> Decimal {
    match period {
        Period::Second => Decimal::ONE / Decimal::from(3_600),
        Period::Hour => Decimal::ONE,
        Period::Day => Decimal::from(24),
        Period::Month => month.hours_decimal(),
        Period::Year => Decimal::from(crate::money::HOURS_PER_YEAR),
    }
}

fn parse_period(word: &str) -> Option<Period> {
    match word {
        "Second" | "Seconds" => Some(Period::Second),
        "Hour" | "Hours" => Some(Period::Hour),
        "Day" | "Days" => Some(Period::Day),
        "Month" | "Months" => Some(Period::Month),
        "Year" | "Years" => Some(Period::Year),
        _ => None,
    }
}

/// Splits "100 Hours" into (100, "Hours") and "10K" into (10, "K").
fn split_number(text: &str) -> Option<(Decimal, &str)> {
    let end = text
        .find(|character: char| !(character.is_ascii_digit() || character == '.'))
        .unwrap_or(text.len());
    let number: Decimal = text[..end].parse().ok()?;
    Some((number, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(unit: &str, quantity: i64, dimension: Dimension) -> Decimal {
        UnitOfMeasure::parse(unit)
            .unwrap()
            .blocks(Decimal::from(quantity), dimension, &MonthLength::average())
            .unwrap()
    }

    #[test]
    fn hourly_units_count_hours() {
        assert_eq!(
            blocks("1 Hour", 1460, Dimension::Hours),
            Decimal::from(1460)
        );
        assert_eq!(blocks("1/Hour", 730, Dimension::Hours), Decimal::from(730));
        assert_eq!(
            blocks("100 Hours", 730, Dimension::Hours),
            Decimal::new(73, 1)
        );
    }

    #[test]
    fn monthly_and_daily_units_follow_the_month_length() {
        assert_eq!(blocks("1/Month", 730, Dimension::Hours), Decimal::ONE);
        assert_eq!(blocks("1/Day", 720, Dimension::Hours), Decimal::from(30));
        assert_eq!(blocks("1/Year", 8760, Dimension::Hours), Decimal::ONE);
        let calendar = MonthLength::parse("2026-02").unwrap();
        let unit = UnitOfMeasure::parse("1/Month").unwrap();
        assert_eq!(
            unit.blocks(Decimal::from(672), Dimension::Hours, &calendar)
                .unwrap(),
            Decimal::ONE
        );
    }

    #[test]
    fn count_units_scale_by_their_block() {
        assert_eq!(blocks("10K", 25_000, Dimension::Count), Decimal::new(25, 1));
        assert_eq!(blocks("1M", 3_000_000, Dimension::Count), Decimal::from(3));
        assert_eq!(blocks("1K", 500, Dimension::Count), Decimal::new(5, 1));
        assert_eq!(
            blocks("10K/Month", 20_000, Dimension::Count),
            Decimal::from(2)
        );
        assert_eq!(blocks("1", 7, Dimension::Count), Decimal::from(7));
        assert_eq!(blocks("1 Rotation", 4, Dimension::Count), Decimal::from(4));
        assert_eq!(
            blocks("10M", 20_000_000, Dimension::Count),
            Decimal::from(2)
        );
    }

    #[test]
    fn data_units() {
        assert_eq!(
            blocks("1 GB/Month", 128, Dimension::GigabyteMonths),
            Decimal::from(128)
        );
        assert_eq!(
            blocks("1 GiB/Month", 128, Dimension::GigabyteMonths),
            Decimal::from(128)
        );
        assert_eq!(blocks("1 GB", 5, Dimension::Gigabytes), Decimal::from(5));
        assert_eq!(blocks("1 MB", 5, Dimension::Megabytes), Decimal::from(5));
        assert_eq!(
            blocks("1 GiB Hour", 5, Dimension::GigabyteHours),
            Decimal::from(5)
        );
        assert_eq!(
            blocks("1 GiB Second", 9, Dimension::GibibyteSeconds),
            Decimal::from(9)
        );
        assert_eq!(blocks("1 Second", 9, Dimension::Seconds), Decimal::from(9));
    }

    #[test]
    fn mismatched_dimensions_are_an_error() {
        let unit = UnitOfMeasure::parse("1 Hour").unwrap();
        let error = unit
            .blocks(Decimal::ONE, Dimension::Count, &MonthLength::average())
            .unwrap_err();
        assert!(error.to_string().contains("1 Hour"));
    }

    #[test]
    fn unknown_units_are_an_error() {
        assert!(matches!(
            UnitOfMeasure::parse("1 Furlong"),
            Err(UnitError::Unknown(_))
        ));
    }
}
