//! Money, month lengths and the rounding rules every cost in azcost goes through.
//!
//! Costs are `rust_decimal::Decimal`, never `f64`: totals must add up to the cent in every
//! format, and a JSON estimate read back by `diff` must compare equal. Rounding happens in one
//! place ([`Money::rounded`]) and only when a figure is shown or summed into a report line.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Azure's convention for a "monthly" estimate: 730 hours (8,760 / 12).
pub const HOURS_PER_MONTH: u32 = 730;
/// Hours in a (non-leap) year, used to turn reservation term totals into hourly rates.
pub const HOURS_PER_YEAR: u32 = 8_760;
/// Decimal places kept on a priced line and on every total.
pub const MONEY_DECIMALS: u32 = 2;
/// Decimal places shown for unit prices (Azure quotes some meters to 6 places or more).
pub const UNIT_PRICE_DECIMALS: u32 = 6;

/// An amount of money in the scenario's currency.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(#[serde(with = "rust_decimal::serde::str")] pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(amount: Decimal) -> Self {
        Money(amount)
    }

    /// The amount rounded half away from zero to [`MONEY_DECIMALS`] places.
    pub fn rounded(self) -> Money {
        Money(
            self.0
                .round_dp_with_strategy(MONEY_DECIMALS, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// Rounds up to the next multiple of `step` (used for budgets: "P90 rounded up to $50").
    pub fn ceil_to(self, step: Decimal) -> Money {
        if step <= Decimal::ZERO {
            return self;
        }
        Money((self.0 / step).ceil() * step)
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn to_f64(self) -> f64 {
        self.0.to_f64().unwrap_or(0.0)
    }

    /// Fixed two-decimal text with thousands separators, e.g. `1,234.50`.
    pub fn grouped(self) -> String {
        let text = format!("{:.2}", self.rounded().0);
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
        let mut grouped = String::new();
        for (index, character) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(character);
        }
        format!("{sign}{grouped}.{fraction}")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:.2}", self.rounded().0)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.0 += other.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, factor: Decimal) -> Money {
        Money(self.0 * factor)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |total, amount| total + amount)
    }
}

/// Converts a simulated or user-given quantity to a decimal without binary noise
/// (`0.1_f64` becomes `0.1`, not `0.1000000000000000055…`).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    format!("{value}")
        .parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_f64(value))
}

/// How long "a month" is for an estimate: Azure's 730-hour average, or a named calendar month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MonthLength {
    hours: u32,
    label: String,
}

impl Default for MonthLength {
    fn default() -> Self {
        MonthLength::average()
    }
}

impl MonthLength {
    /// 730 hours, Azure's convention for monthly estimates.
    pub fn average() -> Self {
        MonthLength {
            hours: HOURS_PER_MONTH,
            label: "average".to_string(),
        }
    }

    /// A calendar month such as `2026-02` (672 hours) or `2026-03` (744 hours).
    pub fn calendar(year: i32, month: u32) -> Option<Self> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        Some(MonthLength {
            hours: days * 24,
            label: format!("{year:04}-{month:02}"),
        })
    }

    /// Parses `average` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Self> {
        if text == "average" {
            return Some(MonthLength::average());
        }
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        MonthLength::calendar(year.parse().ok()?, month.parse().ok()?)
    }

    pub fn hours(&self) -> u32 {
        self.hours
    }

    pub fn hours_decimal(&self) -> Decimal {
        Decimal::from(self.hours)
    }

    /// Days in the month: 730 h gives 30.416…, a calendar month its whole days.
    pub fn days(&self) -> Decimal {
        self.hours_decimal() / Decimal::from(24)
    }

    pub fn label(&self) -> &str {
        &self.label
    }
}

impl TryFrom<String> for MonthLength {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        MonthLength::parse(&text).ok_or_else(|| {
            format!("`{text}` is not a month: use `average` (730 hours) or a calendar month like `2026-02`")
        })
    }
}

impl From<MonthLength> for String {
    fn from(month: MonthLength) -> String {
        month.label
    }
}

impl schemars::JsonSchema for MonthLength {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MonthLength".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(average|[0-9]{4}-(0[1-9]|1[0-2]))$",
            "description": "`average` (730 hours, Azure's convention) or a calendar month `YYYY-MM`"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(
            Money(Decimal::new(12345, 3)).rounded(),
            Money(Decimal::new(1235, 2))
        );
        assert_eq!(
            Money(Decimal::new(-12345, 3)).rounded(),
            Money(Decimal::new(-1235, 2))
        );
    }

    #[test]
    fn grouped_inserts_thousands_separators() {
        assert_eq!(Money(Decimal::new(123456789, 2)).grouped(), "1,234,567.89");
        assert_eq!(Money(Decimal::new(-100000, 2)).grouped(), "-1,000.00");
        assert_eq!(Money(Decimal::new(5, 1)).grouped(), "0.50");
    }

    #[test]
    fn ceil_to_rounds_up_to_the_step() {
        let amount = Money(Decimal::new(101, 0));
        assert_eq!(amount.ceil_to(Decimal::from(50)), Money(Decimal::from(150)));
    }

    #[test]
    fn decimal_from_f64_has_no_binary_noise() {
        assert_eq!(decimal_from_f64(0.1).unwrap().to_string(), "0.1");
        assert_eq!(decimal_from_f64(2.4e-05).unwrap().to_string(), "0.000024");
        assert!(decimal_from_f64(f64::NAN).is_none());
    }

    #[test]
    fn month_lengths() {
        assert_eq!(MonthLength::average().hours(), 730);
        assert_eq!(MonthLength::parse("2026-03").unwrap().hours(), 744);
        assert_eq!(MonthLength::parse("2024-02").unwrap().hours(), 696);
        assert_eq!(
            MonthLength::parse("2026-02").unwrap().days(),
            Decimal::from(28)
        );
        assert!(MonthLength::parse("2026-13").is_none());
        assert!(MonthLength::parse("monthly").is_none());
    }
}
