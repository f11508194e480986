//! A line under a reservation or savings plan, beside what it would cost pay-as-you-go.
//!
//! A resource's `pricing` applies to the meters its kind marks as committable (compute hours
//! with Reservation rows or savings-plan rates: App Service plan instances, Redis nodes,
//! PostgreSQL compute); its other meters (storage, backup, operations) stay pay-as-you-go and
//! their lines say so. A committable meter is priced from the catalog's
//! [`CommittedPrice`](crate::catalog::CommittedPrice): a reservation's term total amortised
//! over the term's hours, or the savings plan's hourly rate, × the meter's hours in the month.
//! The line keeps its pay-as-you-go cost and the saving. There is no silent fallback: when the
//! commitment has no price (no Reservation row, no savings-plan rate, terms that cannot be
//! told apart) the line is *unpriced* with the reason, and `pricing: payg` on the resource is
//! how a user chooses pay-as-you-go instead.
//!
//! A simulated (autoscaled) quantity is priced the same way, as if the reservation matched the
//! hours used. Real reservations are bought in whole instances and unused hours are lost, so
//! for an autoscaled plan this is a lower bound; the capacity section's alternatives stay
//! pay-as-you-go.

use rust_decimal::Decimal;

use super::book::PriceBook;
use super::price::PriceSettings;
use super::{Line, Status};
use crate::catalog::{Commitment, CommittedPrice, PricingMode};
use crate::money::{Money, UNIT_PRICE_DECIMALS};
use crate::plan::PlannedLine;
use crate::services::MeterSource;

/// Re-prices a pay-as-you-go `line` under its resource's pricing mode, when it has one.
pub(super) fn apply(
    line: &mut Line,
    planned: &PlannedLine,
    book: &mut PriceBook,
    settings: &PriceSettings,
) {
    let mode = planned.pricing;
    let Some((commitment, term)) = mode.commitment() else {
        return;
    };
    let meter = &planned.meter;
    let (Some(target), MeterSource::Catalog(own)) = (&meter.commitment, &meter.source) else {
        line.pricing = Some(PricingMode::PayAsYouGo);
        add_note(
            line,
            format!(
                "pay-as-you-go: {} covers only the resource's compute hours",
                mode.as_str()
            ),
        );
        return;
    };
    let (query, units) = match commitment {
        Commitment::Reservation => (&target.reservation, target.units_per_hour),
        Commitment::SavingsPlan => (own, Decimal::ONE),
    };
    line.pricing = Some(mode);
    line.pay_as_you_go = line.monthly;
    let priced = book
        .committed(
            query,
            (commitment, term),
            settings.reservation_terms,
            &settings.month,
        )
        .map_err(|error| error.to_string())
        .and_then(|price| {
            price
                .unit
                .blocks(meter.quantity * units, meter.dimension, &settings.month)
                .map(|blocks| (price, blocks))
                .map_err(|error| format!("{} for {query}: {error}", mode.as_str()))
        });
    match priced {
        Ok((price, blocks)) => {
            let cost = Money::new(price.cost(blocks)).rounded();
            line.monthly = Some(cost);
            line.saving = line.pay_as_you_go.map(|payg| payg - cost);
            line.price_unit = price.unit.text.clone();
            line.unit_price = Some(
                (price.hourly() * units)
                    .round_dp(UNIT_PRICE_DECIMALS)
                    .normalize(),
            );
            line.price_source = source(&price);
            add_note(line, explain(&price, mode, units));
        }
        Err(reason) => {
            line.status = Status::Unpriced;
            line.monthly = None;
            line.unit_price = None;
            line.price_source = "unpriced".to_string();
            line.unpriced_reason = Some(format!("{}: {reason}", mode.as_str()));
        }
    }
}

fn add_note(line: &mut Line, note: String) {
    line.note = Some(match line.note.take() {
        Some(existing) => format!("{existing}; {note}"),
        None => note,
    });
}

/// `retail-api meterId … skuId … (product / sku / meter) Reservation 1 Year from YYYY-MM-DD`.
fn source(price: &CommittedPrice) -> String {
    let kind = match price.commitment {
        Commitment::Reservation => "Reservation",
        Commitment::SavingsPlan => "savingsPlan",
    };
    format!(
        "retail-api meterId {} skuId {} ({} / {} / {}) {kind} {} from {}",
        price.meter_id,
        price.sku_id,
        price.product_name,
        price.sku_name,
        price.meter_name,
        price.term.label(),
        &price.effective_start_date[..price.effective_start_date.len().min(10)]
    )
}

/// How the committed price was worked out, for the line's note.
fn explain(price: &CommittedPrice, mode: PricingMode, units: Decimal) -> String {
    let per = if units == Decimal::ONE {
        String::new()
    } else {
        format!(" × {} reserved units per hour", units.normalize())
    };
    match (price.commitment, price.term_total) {
        (Commitment::Reservation, Some(total)) => {
            let inferred = if price.term_inferred {
                "; term inferred (no reservationTerm: the only 1-/3-year assignment with every \
                 row below the pay-as-you-go hourly rate)"
            } else {
                ""
            };
            format!(
                "{}: term total {} ÷ {} h, amortised{per}{inferred}",
                mode.as_str(),
                total.normalize(),
                price.term.hours()
            )
        }
        _ => format!(
            "{}: savings-plan rate {} per {}{per}",
            mode.as_str(),
            price.hourly().normalize(),
            price.unit.text
        ),
    }
}

/// The sum of the savings of `lines`, or `None` when none is priced under a commitment.
pub(super) fn total_saving<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<Money> {
    lines.filter_map(|line| line.saving).reduce(|a, b| a + b)
}

#[cfg(test)]
mod tests {
    //! Savings plans end to end on the one snapshot row that has rates (eastus D2als v7, a
    //! virtual machine: no kind prices it, so the planned line is built here).

    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::catalog::{Dimension, PriceQuery, TermRule};
    use crate::money::{decimal_from_f64, MonthLength};
    use crate::plan::{Plan, PlannedLine};
    use crate::scenario::Scenario;
    use crate::services::{Category, MeterUse};

    fn priced(pricing: PricingMode) -> (super::super::Estimate, Snapshot) {
        let snapshot = Snapshot::embedded().unwrap();
        let query = PriceQuery::new("Virtual Machines", "eastus")
            .product("Virtual Machines Dalsv7 Series")
            .sku("D2als v7");
        let month = MonthLength::average();
        let meter = MeterUse::new(
            "D2als v7 hours",
            query,
            month.hours_decimal(),
            Dimension::Hours,
        )
        .category(Category::Compute)
        .committable();
        let plan = Plan {
            environments: vec!["prod".to_string()],
            lines: vec![PlannedLine {
                environment: "prod".to_string(),
                resource: "vm".to_string(),
                kind: "virtual_machine".to_string(),
                sku: "D2als v7".to_string(),
                meter,
                pricing,
            }],
            capacity: Vec::new(),
            alternatives: Vec::new(),
        };
        let text = "name: vm\nregion: eastus\nenvironments:\n  prod:\n    resources: {}\n";
        let scenario = Scenario::parse(text, "vm.yaml").unwrap();
        let settings = PriceSettings {
            as_of: "2026-11-01".to_string(),
            month,
            reservation_terms: TermRule::Infer,
        };
        let mut book = PriceBook::new(&snapshot.catalog, &settings.as_of);
        let estimate =
            super::super::price(&scenario, &plan, &mut book, &snapshot.manifest, &settings);
        (estimate, snapshot)
    }

    #[test]
    fn a_savings_plan_prices_the_rows_hourly_rate() {
        for (mode, term) in [
            (PricingMode::SavingsPlan1Year, "1 Year"),
            (PricingMode::SavingsPlan3Years, "3 Years"),
        ] {
            let (estimate, snapshot) = priced(mode);
            let row = snapshot
                .catalog
                .rows()
                .iter()
                .find(|row| row.savings_plan.is_some())
                .unwrap();
            let rate = row
                .savings_plan
                .iter()
                .flatten()
                .find(|rate| rate.term == term)
                .map(|rate| decimal_from_f64(rate.retail_price).unwrap())
                .unwrap();
            let payg = decimal_from_f64(row.retail_price).unwrap();
            let hours = MonthLength::average().hours_decimal();
            let line = &estimate.lines[0];
            assert_eq!(line.pricing, Some(mode));
            assert_eq!(line.monthly, Some(Money::new(hours * rate).rounded()));
            assert_eq!(line.pay_as_you_go, Some(Money::new(hours * payg).rounded()));
            assert_eq!(
                line.saving,
                Some(Money::new(hours * payg).rounded() - Money::new(hours * rate).rounded())
            );
            assert_eq!(estimate.environments[0].saving, line.saving);
            assert!(
                line.price_source.contains("savingsPlan"),
                "{}",
                line.price_source
            );
        }
    }

    #[test]
    fn a_recorded_reservation_term_is_not_labelled_inferred() {
        let (estimate, _) = priced(PricingMode::Reservation3Years);
        let line = &estimate.lines[0];
        assert!(line.monthly.is_some(), "{line:?}");
        let note = line.note.as_deref().unwrap();
        assert!(note.starts_with("reservation-3y: term total"), "{note}");
        assert!(!note.contains("inferred"), "{note}");
    }

    #[test]
    fn pay_as_you_go_leaves_the_line_alone() {
        let (estimate, _) = priced(PricingMode::PayAsYouGo);
        let line = &estimate.lines[0];
        assert_eq!(
            (line.pricing, line.pay_as_you_go, line.saving),
            (None, None, None)
        );
        assert_eq!(estimate.totals.saving, None);
    }
}
