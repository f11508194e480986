//! Reservation terms and savings plans on real snapshot rows: every expected figure is read
//! from a row, never typed (the few synthetic totals below test the rule alone and say so).

use rust_decimal::Decimal;

use super::*;
use crate::catalog::snapshot::Snapshot;
use crate::catalog::{Catalog, PriceQuery, PriceRow, PriceType};
use crate::money::{decimal_from_f64, MonthLength};

const AS_OF: &str = "2026-11-01";

fn catalog() -> Catalog {
    static LOADED: std::sync::OnceLock<Snapshot> = std::sync::OnceLock::new();
    LOADED
        .get_or_init(|| Snapshot::embedded().expect("the embedded snapshot loads"))
        .catalog
        .clone()
}

fn month() -> MonthLength {
    MonthLength::average()
}

fn amount(value: f64) -> Decimal {
    decimal_from_f64(value).unwrap()
}

fn p1v3_linux() -> PriceQuery {
    PriceQuery::new("Azure App Service", "westus")
        .product("Azure App Service Premium v3 Plan - Linux")
        .sku("P1 v3")
}

/// The rows `query` matches with price type `kind`, in force on the test date.
fn rows_of(catalog: &Catalog, query: &PriceQuery, kind: PriceType) -> Vec<PriceRow> {
    let mut query = query.clone();
    query.price_type = kind;
    catalog
        .rows()
        .iter()
        .filter(|row| query.matches(row) && row.in_force_on(AS_OF))
        .cloned()
        .collect()
}

fn reserve(
    query: &PriceQuery,
    term: Term,
    rule: TermRule,
) -> Result<CommittedPrice, CommitmentError> {
    catalog().committed(query, Commitment::Reservation, term, AS_OF, rule, &month())
}

#[test]
fn terms_parse_as_the_api_writes_them() {
    assert_eq!(Term::parse("1 Year"), Some(Term::ONE_YEAR));
    assert_eq!(Term::parse("3 Years"), Some(Term::THREE_YEARS));
    assert_eq!(Term::parse("5 Years").map(|term| term.years), Some(5));
    assert_eq!(Term::parse("3 Months"), None);
    assert_eq!(Term::THREE_YEARS.hours(), Decimal::from(3 * HOURS_PER_YEAR));
}

#[test]
fn unnamed_westus_rows_get_the_one_consistent_assignment() {
    let catalog = catalog();
    let payg = amount(rows_of(&catalog, &p1v3_linux(), PriceType::Consumption)[0].retail_price);
    let reserved = rows_of(&catalog, &p1v3_linux(), PriceType::Reservation);
    assert_eq!(reserved.len(), 2);
    assert!(reserved.iter().all(|row| row.reservation_term.is_none()));
    // The rule, applied here by hand: the row read as 1-year must be cheaper than PAYG.
    let fits_one_year: Vec<&PriceRow> = reserved
        .iter()
        .filter(|row| amount(row.retail_price) / Term::ONE_YEAR.hours() < payg)
        .collect();
    assert_eq!(
        fits_one_year.len(),
        1,
        "only one row can be the 1-year price"
    );
    let one_year_total = amount(fits_one_year[0].retail_price);
    let three_year_row = reserved
        .iter()
        .find(|row| row.sku_id != fits_one_year[0].sku_id)
        .unwrap();

    let one = reserve(&p1v3_linux(), Term::ONE_YEAR, TermRule::Infer).unwrap();
    assert_eq!(one.term_total, Some(one_year_total));
    assert!(one.term_inferred);
    assert_eq!(one.hourly(), one_year_total / Term::ONE_YEAR.hours());
    let three = reserve(&p1v3_linux(), Term::THREE_YEARS, TermRule::Infer).unwrap();
    assert_eq!(three.sku_id, three_year_row.sku_id);
    assert_eq!(
        three.hourly(),
        amount(three_year_row.retail_price) / Term::THREE_YEARS.hours()
    );
    assert!(three.hourly() < one.hourly() && one.hourly() < payg);
}

#[test]
fn amortisation_spreads_the_term_total_over_its_hours() {
    let three = reserve(&p1v3_linux(), Term::THREE_YEARS, TermRule::Infer).unwrap();
    let total = three.term_total.unwrap();
    let month_hours = month().hours_decimal();
    // A whole term of hours costs exactly the term's total.
    assert_eq!(three.cost(Term::THREE_YEARS.hours()), total);
    assert_eq!(
        three.cost(month_hours),
        month_hours * total / Term::THREE_YEARS.hours()
    );
}

#[test]
fn every_westus_reserved_sku_of_the_kinds_resolves_both_terms() {
    let catalog = catalog();
    let products = [
        "Azure App Service Premium v3 Plan",
        "Azure App Service Premium v3 Plan - Linux",
        "Azure App Service Premium v4 Plan - Linux",
        "Azure Redis Cache Premium",
        "Azure Managed Redis - Balanced",
        "Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute",
    ];
    let mut checked = 0;
    for row in catalog.rows().iter().filter(|row| {
        row.price_type == "Reservation"
            && row.arm_region_name == "westus"
            && products.contains(&row.product_name.as_str())
    }) {
        let query = PriceQuery::new(&row.service_name, "westus")
            .product(&row.product_name)
            .sku(&row.sku_name)
            .meter(&row.meter_name)
            .arm_sku(&row.arm_sku_name);
        let one = reserve(&query, Term::ONE_YEAR, TermRule::Infer).unwrap();
        let three = reserve(&query, Term::THREE_YEARS, TermRule::Infer).unwrap();
        assert_ne!(one.sku_id, three.sku_id, "{query}");
        assert!(three.hourly() < one.hourly(), "{query}");
        checked += 1;
    }
    assert!(checked >= 20, "checked only {checked} rows");
}

#[test]
fn a_recorded_term_is_believed() {
    let catalog = catalog();
    let query = PriceQuery::new("Virtual Machines", "eastus")
        .product("Virtual Machines Dalsv7 Series")
        .sku("D2als v7");
    for term in [Term::ONE_YEAR, Term::THREE_YEARS] {
        let row = rows_of(&catalog, &query, PriceType::Reservation)
            .into_iter()
            .find(|row| row.reservation_term.as_deref() == Some(term.label().as_str()))
            .unwrap();
        let price = reserve(&query, term, TermRule::Recorded).unwrap();
        assert_eq!(price.term_total, Some(amount(row.retail_price)));
        assert!(!price.term_inferred);
    }
}

#[test]
fn the_recorded_rule_refuses_rows_without_a_term() {
    let error = reserve(&p1v3_linux(), Term::ONE_YEAR, TermRule::Recorded).unwrap_err();
    assert!(matches!(error, CommitmentError::Terms { .. }), "{error}");
}

#[test]
fn a_sku_without_reservation_rows_is_an_error_not_a_price() {
    let basic = PriceQuery::new("Azure App Service", "westus")
        .product("Azure App Service Basic Plan - Linux")
        .sku("B1");
    let error = reserve(&basic, Term::ONE_YEAR, TermRule::Infer).unwrap_err();
    assert!(
        error.to_string().starts_with("no Reservation row for "),
        "{error}"
    );
}

#[test]
fn savings_plan_rates_come_from_the_rows_array() {
    let catalog = catalog();
    let query = PriceQuery::new("Virtual Machines", "eastus")
        .product("Virtual Machines Dalsv7 Series")
        .sku("D2als v7");
    let row = &rows_of(&catalog, &query, PriceType::Consumption)[0];
    let plan = row.savings_plan.as_ref().unwrap();
    for term in [Term::ONE_YEAR, Term::THREE_YEARS] {
        let expected = plan
            .iter()
            .find(|rate| rate.term == term.label())
            .map(|rate| amount(rate.retail_price))
            .unwrap();
        let price = catalog
            .committed(
                &query,
                Commitment::SavingsPlan,
                term,
                AS_OF,
                TermRule::Infer,
                &month(),
            )
            .unwrap();
        assert_eq!(price.hourly(), expected);
        assert_eq!(price.cost(Decimal::from(10)), expected * Decimal::from(10));
        assert!(expected < amount(row.retail_price));
    }
}

#[test]
fn a_row_without_savings_plan_rates_is_an_error() {
    let error = catalog()
        .committed(
            &p1v3_linux(),
            Commitment::SavingsPlan,
            Term::ONE_YEAR,
            AS_OF,
            TermRule::Infer,
            &month(),
        )
        .unwrap_err();
    assert!(
        matches!(error, CommitmentError::NoSavingsPlan { .. }),
        "{error}"
    );
}

// The rule on its own. These totals are synthetic (not Azure prices): what is tested is which
// assignments the rule accepts relative to a pay-as-you-go rate of 1 per hour.
fn unnamed(total: Decimal) -> TermCandidate {
    TermCandidate {
        recorded: None,
        total,
    }
}

#[test]
fn a_lone_row_that_fits_either_term_cannot_be_placed() {
    let half_a_year_of_payg = Term::ONE_YEAR.hours() / Decimal::TWO;
    let error = assign_terms(&[unnamed(half_a_year_of_payg)], Decimal::ONE).unwrap_err();
    assert!(error.starts_with("2 assignments"), "{error}");
}

#[test]
fn rows_dearer_than_payg_in_every_assignment_are_refused() {
    let dear = Term::THREE_YEARS.hours() * Decimal::TWO;
    let error = assign_terms(&[unnamed(dear), unnamed(dear)], Decimal::ONE).unwrap_err();
    assert!(error.starts_with("no assignment"), "{error}");
}

#[test]
fn a_recorded_term_leaves_the_other_to_the_unnamed_row() {
    let rows = [
        TermCandidate {
            recorded: Some(Term::THREE_YEARS),
            total: Term::ONE_YEAR.hours(),
        },
        unnamed(Term::ONE_YEAR.hours() / Decimal::TWO),
    ];
    let terms = assign_terms(&rows, Decimal::ONE).unwrap();
    assert_eq!(
        terms,
        vec![(Term::THREE_YEARS, false), (Term::ONE_YEAR, true)]
    );
}

#[test]
fn two_rows_recording_one_term_are_refused() {
    let row = TermCandidate {
        recorded: Some(Term::ONE_YEAR),
        total: Decimal::ONE,
    };
    assert!(assign_terms(&[row, row], Decimal::ONE).is_err());
}
