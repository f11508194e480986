//! Reservations and savings plans: what a compute hour costs when it is bought for a term.
//!
//! The Retail Prices API carries two kinds of commitment price:
//! - **Reservation** rows (`type` `Reservation`) are items of their own whose `retailPrice` is
//!   the price of one unit for the *whole term*, although `unitOfMeasure` still says `1 Hour`
//!   (API-NOTES §3.6). azcost amortises it, as Azure's amortised cost view does: the hourly
//!   rate is the term's total ÷ the hours in the term (8,760 for one year, 26,280 for three:
//!   365-day years), and a month costs that rate × the month's hours (the meter's quantity,
//!   counted with the scenario's [`MonthLength`]). It assumes the reservation is used every
//!   hour (use-it-or-lose-it, billing-rules §3.4).
//! - **Savings-plan** rates are the preview API's `savingsPlan` array on a Consumption row:
//!   hourly rates in the row's own unit, one per `term` (`1 Year`, `3 Years`).
//!
//! # Which Reservation row is which term
//! A row's `reservationTerm` says so when present, and is always believed. The westus rows of
//! the bundled snapshot come from a mirror that dropped the field: each SKU has two rows and
//! nothing names their terms. With [`TermRule::Infer`] (the default) azcost gives the unnamed
//! rows the terms not already taken (1 year, 3 years) by one consistency rule: **every row's
//! effective hourly rate (its total ÷ the hours of the term it is given) must be below the
//! same meter's pay-as-you-go hourly rate**, since a reservation dearer than paying as you go
//! is never sold. Every way of giving the unnamed rows distinct terms is tried; exactly one
//! must satisfy the rule, else the line is unpriced with the reason (e.g. a lone row that fits
//! either term). In practice the 3-year total read as a 1-year price exceeds pay-as-you-go,
//! which is what singles the assignment out. A line priced from an inferred term says so in
//! its note. [`TermRule::Recorded`] (`--reservation-terms recorded`) believes only
//! `reservationTerm` and leaves lines whose rows lack it unpriced.
//!
//! Nothing is invented: a SKU without a Reservation row, or a row without a savings-plan
//! rate for the term, is an error that the estimate shows as an *unpriced* line.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::units::{Dimension, UnitOfMeasure};
use super::{Catalog, LookupError, PriceQuery, PriceRow, PriceType};
use crate::money::{decimal_from_f64, MonthLength, HOURS_PER_YEAR};

/// How a resource's compute is bought, as a scenario's `pricing` field writes it.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum PricingMode {
    /// Pay-as-you-go (the default).
    #[default]
    #[serde(rename = "payg")]
    PayAsYouGo,
    /// A 1-year reservation, amortised per hour.
    #[serde(rename = "reservation-1y")]
    Reservation1Year,
    /// A 3-year reservation, amortised per hour.
    #[serde(rename = "reservation-3y")]
    Reservation3Years,
    /// A 1-year savings plan (preview API `savingsPlan` rate).
    #[serde(rename = "savings-plan-1y")]
    SavingsPlan1Year,
    /// A 3-year savings plan (preview API `savingsPlan` rate).
    #[serde(rename = "savings-plan-3y")]
    SavingsPlan3Years,
}

/// What kind of commitment a price is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Commitment {
    Reservation,
    SavingsPlan,
}

/// A commitment's length in whole years (`reservationTerm` `1 Year`, `3 Years`, `5 Years`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term {
    pub years: u32,
}

impl Term {
    pub const ONE_YEAR: Term = Term { years: 1 };
    pub const THREE_YEARS: Term = Term { years: 3 };

    /// The terms an unnamed Reservation row can be given.
    const INFERABLE: [Term; 2] = [Term::ONE_YEAR, Term::THREE_YEARS];

    /// Reads the API's `1 Year` / `3 Years`.
    pub fn parse(text: &str) -> Option<Term> {
        let (number, unit) = text.trim().split_once(' ')?;
        let years: u32 = number.parse().ok()?;
        matches!(unit, "Year" | "Years")
            .then_some(Term { years })
            .filter(|term| term.years > 0)
    }

    /// The API's spelling: `1 Year`, `3 Years`.
    pub fn label(self) -> String {
        if self.years == 1 {
            "1 Year".to_string()
        } else {
            format!("{} Years", self.years)
        }
    }

    /// Hours in the term: 8,760 per 365-day year.
    pub fn hours(self) -> Decimal {
        Decimal::from(self.years) * Decimal::from(HOURS_PER_YEAR)
    }
}

impl PricingMode {
    pub const ALL: [PricingMode; 5] = [
        PricingMode::PayAsYouGo,
        PricingMode::Reservation1Year,
        PricingMode::Reservation3Years,
        PricingMode::SavingsPlan1Year,
        PricingMode::SavingsPlan3Years,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PricingMode::PayAsYouGo => "payg",
            PricingMode::Reservation1Year => "reservation-1y",
            PricingMode::Reservation3Years => "reservation-3y",
            PricingMode::SavingsPlan1Year => "savings-plan-1y",
            PricingMode::SavingsPlan3Years => "savings-plan-3y",
        }
    }

    /// The commitment and term this mode buys; `None` for pay-as-you-go.
    pub fn commitment(self) -> Option<(Commitment, Term)> {
        match self {
            PricingMode::PayAsYouGo => None,
            PricingMode::Reservation1Year => Some((Commitment::Reservation, Term::ONE_YEAR)),
            PricingMode::Reservation3Years => Some((Commitment::Reservation, Term::THREE_YEARS)),
            PricingMode::SavingsPlan1Year => Some((Commitment::SavingsPlan, Term::ONE_YEAR)),
            PricingMode::SavingsPlan3Years => Some((Commitment::SavingsPlan, Term::THREE_YEARS)),
        }
    }
}

/// How to tell a Reservation row's term when it has no `reservationTerm`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TermRule {
    /// The one assignment under which every row is cheaper per hour than pay-as-you-go.
    #[default]
    Infer,
    /// Only rows that record their term.
    Recorded,
}

/// A commitment price for one meter.
#[derive(Clone, Debug, PartialEq)]
pub struct CommittedPrice {
    pub commitment: Commitment,
    pub term: Term,
    /// Reservations: the term's total per block of `unit`; savings plans: `None`.
    pub term_total: Option<Decimal>,
    /// Savings plans: the hourly rate per block of `unit`; reservations: `None`.
    pub rate: Option<Decimal>,
    /// The reservation's term was inferred, not read from `reservationTerm`.
    pub term_inferred: bool,
    pub unit: UnitOfMeasure,
    pub meter_id: String,
    pub sku_id: String,
    pub product_name: String,
    pub sku_name: String,
    pub meter_name: String,
    pub effective_start_date: String,
}

impl CommittedPrice {
    /// The cost of `blocks` hourly blocks: the amortised share of the term, or the plan rate.
    pub fn cost(&self, blocks: Decimal) -> Decimal {
        match (self.term_total, self.rate) {
            (Some(total), _) => blocks * total / self.term.hours(),
            (None, Some(rate)) => blocks * rate,
            (None, None) => Decimal::ZERO,
        }
    }

    /// The effective price of one block-hour.
    pub fn hourly(&self) -> Decimal {
        self.cost(Decimal::ONE)
    }
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum CommitmentError {
    #[error("no Reservation row for {query}")]
    NoReservation { query: String },
    #[error("no {term} Reservation row for {query} (its rows are for: {found})")]
    NoTerm {
        query: String,
        term: String,
        found: String,
    },
    #[error("cannot tell which Reservation row is which term for {query}: {reason}")]
    Terms { query: String, reason: String },
    #[error(
        "no {term} savings-plan rate on the pay-as-you-go row for {query} (the preview API \
         publishes savingsPlan only on eligible rows, e.g. Linux virtual machines)"
    )]
    NoSavingsPlan { query: String, term: String },
    #[error("{0}")]
    Lookup(#[from] LookupError),
    #[error("the Reservation price for {query} cannot be used: {reason}")]
    Unusable { query: String, reason: String },
}

/// A Reservation row as the term rule sees it: its recorded term (if any) and its total.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TermCandidate {
    pub recorded: Option<Term>,
    pub total: Decimal,
}

/// Gives every row a term: its recorded one, or for unnamed rows the one assignment of the
/// remaining inferable terms under which each is cheaper per hour than `payg_hourly`.
/// Returns each row's term and whether it was inferred.
pub fn assign_terms(
    rows: &[TermCandidate],
    payg_hourly: Decimal,
) -> Result<Vec<(Term, bool)>, String> {
    let mut taken: Vec<Term> = Vec::new();
    for term in rows.iter().filter_map(|row| row.recorded) {
        if taken.contains(&term) {
            return Err(format!("two rows record the {} term", term.label()));
        }
        taken.push(term);
    }
    let unnamed: Vec<usize> = (0..rows.len())
        .filter(|&index| rows[index].recorded.is_none())
        .collect();
    let free: Vec<Term> = Term::INFERABLE
        .into_iter()
        .filter(|term| !taken.contains(term))
        .collect();
    if unnamed.len() > free.len() {
        return Err(format!(
            "{} rows have no reservationTerm but only {} term(s) are left to give them",
            unnamed.len(),
            free.len()
        ));
    }
    let fits = |index: usize, term: Term| rows[index].total / term.hours() < payg_hourly;
    let mut found: Vec<Vec<Term>> = Vec::new();
    for choice in arrangements(&free, unnamed.len()) {
        if unnamed
            .iter()
            .zip(&choice)
            .all(|(&index, &term)| fits(index, term))
        {
            found.push(choice);
        }
    }
    let choice = match found.len() {
        1 => found.remove(0),
        0 => {
            return Err(format!(
                "no assignment of the 1-year and 3-year terms makes every row cheaper per hour \
                 than pay-as-you-go ({}/h)",
                payg_hourly.normalize()
            ))
        }
        count => {
            return Err(format!(
                "{count} assignments of the 1-year and 3-year terms make every row cheaper per \
                 hour than pay-as-you-go ({}/h); give the rows their reservationTerm",
                payg_hourly.normalize()
            ))
        }
    };
    let mut inferred = choice.into_iter();
    Ok(rows
        .iter()
        .map(|row| match row.recorded {
            Some(term) => (term, false),
            None => (inferred.next().unwrap_or(Term::ONE_YEAR), true),
        })
        .collect())
}

/// Every ordered choice of `count` distinct terms from `terms`.
fn arrangements(terms: &[Term], count: usize) -> Vec<Vec<Term>> {
    if count == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for (index, &term) in terms.iter().enumerate() {
        let rest: Vec<Term> = terms
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, &term)| term)
            .collect();
        for mut tail in arrangements(&rest, count - 1) {
            tail.insert(0, term);
            all.push(tail);
        }
    }
    all
}

impl Catalog {
    /// The commitment price of `query`'s meter (`query` names the Consumption meter; its price
    /// type is ignored) for `mode` on `as_of`.
    pub fn committed(
        &self,
        query: &PriceQuery,
        commitment: Commitment,
        term: Term,
        as_of: &str,
        rule: TermRule,
        month: &MonthLength,
    ) -> Result<CommittedPrice, CommitmentError> {
        match commitment {
            Commitment::Reservation => self.reservation(query, term, as_of, rule, month),
            Commitment::SavingsPlan => self.savings_plan(query, term, as_of),
        }
    }

    fn reservation(
        &self,
        query: &PriceQuery,
        term: Term,
        as_of: &str,
        rule: TermRule,
        month: &MonthLength,
    ) -> Result<CommittedPrice, CommitmentError> {
        let mut reservation_query = query.clone();
        reservation_query.price_type = PriceType::Reservation;
        let text = reservation_query.to_string();
        let rows = self.one_meter(&reservation_query, as_of)?;
        let Some(rows) = rows else {
            return Err(CommitmentError::NoReservation { query: text });
        };
        let mut candidates = Vec::new();
        for row in &rows {
            let recorded = match &row.reservation_term {
                Some(label) => {
                    Some(Term::parse(label).ok_or_else(|| CommitmentError::Unusable {
                        query: text.clone(),
                        reason: format!("reservationTerm `{label}` is not a number of years"),
                    })?)
                }
                None if rule == TermRule::Recorded => {
                    return Err(CommitmentError::Terms {
                        query: text,
                        reason: "the rows have no reservationTerm and --reservation-terms is \
                                 `recorded`"
                            .to_string(),
                    })
                }
                None => None,
            };
            candidates.push(TermCandidate {
                recorded,
                total: decimal(row.retail_price, &text)?,
            });
        }
        let terms = if candidates.iter().all(|row| row.recorded.is_some()) {
            candidates
                .iter()
                .map(|row| (row.recorded.unwrap_or(Term::ONE_YEAR), false))
                .collect()
        } else {
            let mut consumption = query.clone();
            consumption.price_type = PriceType::Consumption;
            let payg = self.lookup(&consumption, as_of)?;
            let hour_blocks = payg
                .unit
                .blocks(Decimal::ONE, Dimension::Hours, month)
                .map_err(|error| CommitmentError::Unusable {
                    query: text.clone(),
                    reason: error.to_string(),
                })?;
            let payg_hourly = payg.marginal_price(Decimal::ZERO) * hour_blocks;
            assign_terms(&candidates, payg_hourly).map_err(|reason| CommitmentError::Terms {
                query: text.clone(),
                reason,
            })?
        };
        let Some(index) = terms.iter().position(|(found, _)| *found == term) else {
            let found: Vec<String> = terms.iter().map(|(term, _)| term.label()).collect();
            return Err(CommitmentError::NoTerm {
                query: text,
                term: term.label(),
                found: found.join(", "),
            });
        };
        let row = rows[index];
        let mut price = committed_from(row, Commitment::Reservation, term, &text)?;
        price.term_total = Some(candidates[index].total);
        price.term_inferred = terms[index].1;
        Ok(price)
    }

    fn savings_plan(
        &self,
        query: &PriceQuery,
        term: Term,
        as_of: &str,
    ) -> Result<CommittedPrice, CommitmentError> {
        let mut consumption = query.clone();
        consumption.price_type = PriceType::Consumption;
        let text = consumption.to_string();
        // The same checks as a pay-as-you-go look-up (found, one meter, a usable unit).
        self.lookup(&consumption, as_of)?;
        let rows = self.one_meter(&consumption, as_of)?.unwrap_or_default();
        let rate = rows
            .iter()
            .filter(|row| row.tier_minimum_units == 0.0)
            .flat_map(|row| row.savings_plan.iter().flatten())
            .find(|rate| Term::parse(&rate.term) == Some(term));
        let (Some(rate), Some(row)) = (rate, rows.first()) else {
            return Err(CommitmentError::NoSavingsPlan {
                query: text,
                term: term.label(),
            });
        };
        let mut price = committed_from(row, Commitment::SavingsPlan, term, &text)?;
        price.rate = Some(decimal(rate.retail_price, &text)?);
        Ok(price)
    }

    /// The rows in force on `as_of` of the one meter `query` matches, latest start first per
    /// skuId (a reservation's terms are separate skuIds); `None` when nothing matches.
    fn one_meter(
        &self,
        query: &PriceQuery,
        as_of: &str,
    ) -> Result<Option<Vec<&PriceRow>>, CommitmentError> {
        let mut rows: Vec<&PriceRow> = self
            .service_rows(query)
            .filter(|row| query.matches(row) && row.in_force_on(as_of))
            .collect();
        if rows.is_empty() {
            return Ok(None);
        }
        let mut meters: Vec<&str> = rows.iter().map(|row| row.meter_id.as_str()).collect();
        meters.sort_unstable();
        meters.dedup();
        if meters.len() > 1 {
            return Err(CommitmentError::Lookup(LookupError::Ambiguous {
                query: query.to_string(),
                count: meters.len(),
                candidates: meters.iter().map(|meter| meter.to_string()).collect(),
            }));
        }
        rows.sort_by(|a, b| {
            (&a.sku_id, &b.effective_start_date).cmp(&(&b.sku_id, &a.effective_start_date))
        });
        rows.dedup_by(|later, kept| later.sku_id == kept.sku_id);
        Ok(Some(rows))
    }
}

fn decimal(value: f64, query: &str) -> Result<Decimal, CommitmentError> {
    decimal_from_f64(value)
        .filter(|value| *value >= Decimal::ZERO)
        .ok_or_else(|| CommitmentError::Unusable {
            query: query.to_string(),
            reason: format!("retailPrice {value} is not a usable amount"),
        })
}

fn committed_from(
    row: &PriceRow,
    commitment: Commitment,
    term: Term,
    query: &str,
) -> Result<CommittedPrice, CommitmentError> {
    let unit =
        UnitOfMeasure::parse(&row.unit_of_measure).map_err(|error| CommitmentError::Unusable {
            query: query.to_string(),
            reason: error.to_string(),
        })?;
    Ok(CommittedPrice {
        commitment,
        term,
        term_total: None,
        rate: None,
        term_inferred: false,
        unit,
        meter_id: row.meter_id.clone(),
        sku_id: row.sku_id.clone(),
        product_name: row.product_name.clone(),
        sku_name: row.sku_name.clone(),
        meter_name: row.meter_name.clone(),
        effective_start_date: row.effective_start_date.clone(),
    })
}

#[cfg(test)]
mod tests;
