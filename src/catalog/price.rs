//! A resolved price: one meter's rows in force on a date, as graduated tiers.
//!
//! Graduated pricing follows billing-rules §0.2: `cost = Σ price_i × clamp(q − min_i, 0,
//! min_{i+1} − min_i)`, with `q` in the meter's own blocks (the API's `tierMinimumUnits` are in
//! the unit of measure, e.g. Service Bus tiers 0/13/100/2,500 are millions of operations).
//! A free allowance is simply a $0 first tier.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::row::PriceRow;
use super::units::UnitOfMeasure;
use crate::money::decimal_from_f64;

/// One band of a graduated price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    /// First block this rate applies to (`tierMinimumUnits`).
    pub from_blocks: Decimal,
    /// Price per block.
    pub unit_price: Decimal,
}

/// The price of one meter on one date.
#[derive(Clone, Debug, PartialEq)]
pub struct Price {
    pub tiers: Vec<Tier>,
    pub unit: UnitOfMeasure,
    pub meter_id: String,
    pub meter_name: String,
    pub product_name: String,
    pub sku_name: String,
    pub effective_start_date: String,
    pub currency: String,
}

impl Price {
    /// Builds a price from the rows of one meter: per tier, the row with the latest start.
    pub(crate) fn from_rows(rows: &[&PriceRow]) -> Result<Price, String> {
        let first = rows.first().ok_or("no rows")?;
        let mut by_tier: BTreeMap<String, &PriceRow> = BTreeMap::new();
        for row in rows {
            let key = format!("{:020.6}", row.tier_minimum_units);
            let keep = by_tier
                .get(&key)
                .map(|kept| row.effective_start_date > kept.effective_start_date)
                .unwrap_or(true);
            if keep {
                by_tier.insert(key, row);
            }
        }
        let mut tiers = Vec::new();
        let mut latest_start = String::new();
        for row in by_tier.values() {
            let from_blocks = decimal_from_f64(row.tier_minimum_units).ok_or_else(|| {
                format!(
                    "tierMinimumUnits {} is not a number",
                    row.tier_minimum_units
                )
            })?;
            let unit_price = decimal_from_f64(row.retail_price)
                .ok_or_else(|| format!("retailPrice {} is not a number", row.retail_price))?;
            if unit_price < Decimal::ZERO {
                return Err(format!("retailPrice {} is negative", row.retail_price));
            }
            tiers.push(Tier {
                from_blocks,
                unit_price,
            });
            if row.effective_start_date > latest_start {
                latest_start = row.effective_start_date.clone();
            }
        }
        tiers.sort_by(|a, b| a.from_blocks.cmp(&b.from_blocks));
        let unit =
            UnitOfMeasure::parse(&first.unit_of_measure).map_err(|error| error.to_string())?;
        Ok(Price {
            tiers,
            unit,
            meter_id: first.meter_id.clone(),
            meter_name: first.meter_name.clone(),
            product_name: first.product_name.clone(),
            sku_name: first.sku_name.clone(),
            effective_start_date: latest_start,
            currency: first.currency_code.clone(),
        })
    }

    /// The cost of `blocks` blocks, walking the tiers.
    pub fn cost(&self, blocks: Decimal) -> Decimal {
        let mut total = Decimal::ZERO;
        for (index, tier) in self.tiers.iter().enumerate() {
            if blocks <= tier.from_blocks {
                break;
            }
            let upper = self
                .tiers
                .get(index + 1)
                .map(|next| next.from_blocks.min(blocks))
                .unwrap_or(blocks);
            total += (upper - tier.from_blocks) * tier.unit_price;
        }
        total
    }

    /// The rate of the tier the last block falls in (the marginal price).
    pub fn marginal_price(&self, blocks: Decimal) -> Decimal {
        self.tiers
            .iter()
            .rev()
            .find(|tier| blocks > tier.from_blocks)
            .or(self.tiers.first())
            .map(|tier| tier.unit_price)
            .unwrap_or(Decimal::ZERO)
    }

    pub fn is_tiered(&self) -> bool {
        self.tiers.len() > 1
    }

    /// "0–5 @ 0; 5+ @ 2.99 per 1 GB" for a report note.
    pub fn tier_summary(&self) -> String {
        let bands: Vec<String> = self
            .tiers
            .iter()
            .enumerate()
            .map(|(index, tier)| match self.tiers.get(index + 1) {
                Some(next) => format!(
                    "{}–{} @ {}",
                    tier.from_blocks.normalize(),
                    next.from_blocks.normalize(),
                    tier.unit_price.normalize()
                ),
                None => format!(
                    "{}+ @ {}",
                    tier.from_blocks.normalize(),
                    tier.unit_price.normalize()
                ),
            })
            .collect();
        format!("{} per {}", bands.join("; "), self.unit.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(tiers: &[(i64, &str)]) -> Price {
        Price {
            tiers: tiers
                .iter()
                .map(|(from, rate)| Tier {
                    from_blocks: Decimal::from(*from),
                    unit_price: rate.parse().unwrap(),
                })
                .collect(),
            unit: UnitOfMeasure::parse("1 GB").unwrap(),
            meter_id: String::new(),
            meter_name: String::new(),
            product_name: String::new(),
            sku_name: String::new(),
            effective_start_date: String::new(),
            currency: "USD".into(),
        }
    }

    #[test]
    fn a_free_first_tier_is_not_charged() {
        let tiered = price(&[(0, "0"), (5, "3")]);
        assert_eq!(tiered.cost(Decimal::from(4)), Decimal::ZERO);
        assert_eq!(tiered.cost(Decimal::from(5)), Decimal::ZERO);
        assert_eq!(tiered.cost(Decimal::from(7)), Decimal::from(6));
    }

    #[test]
    fn graduated_tiers_charge_each_band_at_its_rate() {
        // Synthetic rates, not Azure prices: the algorithm is what is under test here.
        let tiered = price(&[(0, "0"), (10, "4"), (100, "2"), (1000, "1")]);
        // 90 × 4 + 400 × 2
        assert_eq!(tiered.cost(Decimal::from(500)), Decimal::from(1160));
        assert_eq!(tiered.marginal_price(Decimal::from(500)), Decimal::from(2));
        // 90 × 4 + 900 × 2 + 500 × 1
        assert_eq!(tiered.cost(Decimal::from(1500)), Decimal::from(2660));
    }

    #[test]
    fn a_zero_quantity_costs_nothing() {
        assert_eq!(price(&[(0, "1.5")]).cost(Decimal::ZERO), Decimal::ZERO);
    }

    #[test]
    fn tier_summary_lists_every_band() {
        let tiered = price(&[(0, "0"), (5, "4")]);
        assert_eq!(tiered.tier_summary(), "0–5 @ 0; 5+ @ 4 per 1 GB");
    }
}
