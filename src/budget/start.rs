//! A budget's start date: the first of a month, not before the as-of date, at most twelve
//! months after it (Azure refuses a start further ahead, or in a past month).

use super::{BudgetError, BudgetSettings};

pub(super) fn start_date(settings: &BudgetSettings) -> Result<String, BudgetError> {
    let as_of = &settings.as_of;
    let (year, month) = year_month(as_of).unwrap_or((2000, 1));
    let suggestion = if as_of.ends_with("-01") {
        format!("{year:04}-{month:02}-01")
    } else if month == 12 {
        format!("{:04}-01-01", year + 1)
    } else {
        format!("{year:04}-{:02}-01", month + 1)
    };
    let Some(start) = &settings.start else {
        return Ok(suggestion);
    };
    let Some((start_year, start_month)) = year_month(start).filter(|_| start.ends_with("-01"))
    else {
        return Err(BudgetError::StartNotFirst(start.clone()));
    };
    if start.len() != 10 {
        return Err(BudgetError::StartNotFirst(start.clone()));
    }
    if start.as_str() < as_of.as_str() {
        return Err(BudgetError::StartInPast {
            start: start.clone(),
            as_of: as_of.clone(),
            suggestion,
        });
    }
    if (start_year * 12 + start_month as i32) - (year * 12 + month as i32) > 12 {
        return Err(BudgetError::StartTooFar {
            start: start.clone(),
            as_of: as_of.clone(),
        });
    }
    Ok(start.clone())
}

fn year_month(date: &str) -> Option<(i32, u32)> {
    let year = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    (date.get(4..5) == Some("-") && (1..=12).contains(&month)).then_some((year, month))
}
