//! A memo of catalog look-ups for one as-of date: a Monte Carlo prices the same meters a
//! thousand times, and a look-up scans a service's rows.

use std::collections::BTreeMap;

use crate::catalog::{
    Catalog, Commitment, CommitmentError, CommittedPrice, LookupError, Price, PriceQuery, Term,
    TermRule,
};
use crate::money::MonthLength;

pub struct PriceBook<'a> {
    catalog: &'a Catalog,
    as_of: String,
    prices: BTreeMap<PriceQuery, Result<Price, LookupError>>,
    committed: BTreeMap<(PriceQuery, Commitment, Term), Result<CommittedPrice, CommitmentError>>,
}

impl<'a> PriceBook<'a> {
    pub fn new(catalog: &'a Catalog, as_of: &str) -> Self {
        PriceBook {
            catalog,
            as_of: as_of.to_string(),
            prices: BTreeMap::new(),
            committed: BTreeMap::new(),
        }
    }

    pub fn lookup(&mut self, query: &PriceQuery) -> Result<Price, LookupError> {
        if let Some(found) = self.prices.get(query) {
            return found.clone();
        }
        let found = self.catalog.lookup(query, &self.as_of);
        self.prices.insert(query.clone(), found.clone());
        found
    }

    /// The reservation or savings-plan price of `query`'s meter (one term rule and month per
    /// book, as one estimate has).
    pub fn committed(
        &mut self,
        query: &PriceQuery,
        (commitment, term): (Commitment, Term),
        rule: TermRule,
        month: &MonthLength,
    ) -> Result<CommittedPrice, CommitmentError> {
        let key = (query.clone(), commitment, term);
        if let Some(found) = self.committed.get(&key) {
            return found.clone();
        }
        let found = self
            .catalog
            .committed(query, commitment, term, &self.as_of, rule, month);
        self.committed.insert(key, found.clone());
        found
    }
}
