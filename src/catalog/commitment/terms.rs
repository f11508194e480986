//! The term rule for Reservation rows without `reservationTerm` (see the parent module's
//! header): recorded terms are kept, and the unnamed rows get the one assignment of the
//! remaining 1-year/3-year terms under which each is cheaper per hour than pay-as-you-go.

use rust_decimal::Decimal;

use super::Term;

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
