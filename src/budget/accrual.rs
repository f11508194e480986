//! How an environment's month is spent, hour by hour: the cumulative series a budget's
//! crossing days and the cumulative-spend chart read.
//!
//! Lines accrue by what drives them. A line of a simulated resource whose quantity the
//! simulation measured (status `usage`) accrues by that resource's hourly billed quantity
//! (instances, replica-seconds, billed RU/s, RU consumed); a request-count line of a Container
//! App accrues by its hourly requests. Every other line (fixed hours, assumed or given usage)
//! accrues evenly over the month's hours. This spreads each priced monthly amount; it never
//! re-prices, so the hours add up to the Estimate's own total. An Estimate read back from JSON
//! has no hourly series, and all its lines then accrue evenly (said by `simulated: false`).

use rust_decimal::Decimal;

use crate::estimate::{CapacityLine, Estimate, Line, Status};
use crate::money::{decimal_from_f64, Money};

const HOURS_PER_DAY: usize = 24;

/// An environment's month, hour by hour.
#[derive(Clone, Debug, PartialEq)]
pub struct Accrual {
    pub environment: String,
    /// Cost of each hour of the month.
    pub hourly: Vec<Money>,
    /// True when some line accrued by simulated hours (rather than evenly).
    pub simulated: bool,
}

impl Accrual {
    pub fn hours(&self) -> usize {
        self.hourly.len()
    }

    /// Days in the month, a last partial day counted (730 h → 31).
    pub fn days(&self) -> usize {
        self.hours().div_ceil(HOURS_PER_DAY)
    }

    pub fn total(&self) -> Money {
        self.hourly.iter().copied().sum()
    }

    /// Spend to the end of each hour.
    pub fn cumulative(&self) -> Vec<Money> {
        let mut running = Money::ZERO;
        self.hourly
            .iter()
            .map(|amount| {
                running += *amount;
                running
            })
            .collect()
    }

    /// Spend to the end of each day (the last, possibly partial, day ends the month).
    pub fn cumulative_by_day(&self) -> Vec<Money> {
        let cumulative = self.cumulative();
        (1..=self.days())
            .map(|day| cumulative[(day * HOURS_PER_DAY).min(cumulative.len()) - 1])
            .collect()
    }
}

/// The hourly cost series of `environment` in `estimate` (unpriced lines are left out, as
/// they are from every total).
pub fn accrue(estimate: &Estimate, environment: &str) -> Accrual {
    let hours = estimate.scenario.hours_per_month.max(1) as usize;
    let mut hourly = vec![Decimal::ZERO; hours];
    let mut simulated = false;
    for line in estimate
        .lines
        .iter()
        .filter(|line| line.environment == environment)
    {
        let Some(amount) = line.monthly else {
            continue;
        };
        match weights(estimate, line, hours) {
            Some(weights) => {
                simulated = true;
                let sum: f64 = weights.iter().sum();
                for (hour, weight) in hourly.iter_mut().zip(&weights) {
                    let share = decimal_from_f64(weight / sum).unwrap_or(Decimal::ZERO);
                    *hour += amount.amount() * share;
                }
            }
            None => {
                let share = amount.amount() / Decimal::from(hours as u64);
                for hour in hourly.iter_mut() {
                    *hour += share;
                }
            }
        }
    }
    Accrual {
        environment: environment.to_string(),
        hourly: hourly.into_iter().map(Money::new).collect(),
        simulated,
    }
}

/// The hourly weights a simulated line accrues by, or `None` to accrue evenly.
fn weights(estimate: &Estimate, line: &Line, hours: usize) -> Option<Vec<f64>> {
    if line.status != Status::Usage {
        return None;
    }
    let capacity: &CapacityLine = estimate.capacity.iter().find(|capacity| {
        capacity.report.environment == line.environment && capacity.report.resource == line.resource
    })?;
    let hourly = &capacity.report.hourly;
    let counts_requests =
        capacity.report.unit == "replicas" && line.meter.to_lowercase().contains("request");
    let series = if counts_requests {
        &hourly.requests_per_second
    } else {
        &hourly.billed
    };
    let usable = series.len() == hours
        && series
            .iter()
            .all(|weight| weight.is_finite() && *weight >= 0.0)
        && series.iter().sum::<f64>() > 0.0;
    usable.then(|| series.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accrual(hourly: &[i64]) -> Accrual {
        Accrual {
            environment: "prod".into(),
            hourly: hourly
                .iter()
                .map(|&amount| Money::new(amount.into()))
                .collect(),
            simulated: false,
        }
    }

    #[test]
    fn a_partial_last_day_counts_as_a_day() {
        let month = accrual(&vec![1; 730]);
        assert_eq!(month.days(), 31);
        let days = month.cumulative_by_day();
        assert_eq!(days[0], Money::new(24.into()));
        assert_eq!(days[30], month.total());
    }

    #[test]
    fn cumulative_ends_at_the_total() {
        let month = accrual(&[1, 2, 3]);
        assert_eq!(
            month.cumulative(),
            vec![
                Money::new(1.into()),
                Money::new(3.into()),
                Money::new(6.into())
            ]
        );
    }
}
