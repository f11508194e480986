//! The catalog's commitment look-ups: a meter's Reservation rows (with their terms told
//! apart) and the savings-plan rates on its pay-as-you-go row.

use rust_decimal::Decimal;

use super::terms::{assign_terms, TermCandidate};
use super::{Commitment, CommitmentError, CommittedPrice, Term, TermRule};
use crate::catalog::units::{Dimension, UnitOfMeasure};
use crate::catalog::{Catalog, LookupError, PriceQuery, PriceRow, PriceType};
use crate::money::{decimal_from_f64, MonthLength};

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
