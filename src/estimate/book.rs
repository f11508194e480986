//! A memo of catalog look-ups for one as-of date: a Monte Carlo prices the same meters a
//! thousand times, and a look-up scans a service's rows.

use std::collections::BTreeMap;

use crate::catalog::{Catalog, LookupError, Price, PriceQuery};

pub struct PriceBook<'a> {
    catalog: &'a Catalog,
    as_of: String,
    prices: BTreeMap<PriceQuery, Result<Price, LookupError>>,
}

impl<'a> PriceBook<'a> {
    pub fn new(catalog: &'a Catalog, as_of: &str) -> Self {
        PriceBook {
            catalog,
            as_of: as_of.to_string(),
            prices: BTreeMap::new(),
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
}
