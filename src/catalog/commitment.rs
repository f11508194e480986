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

mod lookup;
mod terms;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::units::UnitOfMeasure;
use super::LookupError;
use crate::money::HOURS_PER_YEAR;

pub use terms::{assign_terms, TermCandidate};

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

#[cfg(test)]
mod tests;
