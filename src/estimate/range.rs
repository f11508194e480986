//! Ranges, not one number: a seeded Monte Carlo over traffic uncertainty.
//!
//! Each run draws one uniform number and turns it into a traffic factor per environment with
//! a triangular distribution over `1 ± uncertainty_percent` (most likely 1): uncertainty about
//! traffic is systematic — a month is busier or quieter across the board — so one draw moves
//! every environment in the same direction. The whole month is then re-simulated and
//! re-priced, and P10/P50/P90 are read per resource, per environment and in total (nearest
//! rank). Runs are split across threads, and run `i` always uses the `i`-th draw of the seed,
//! so results do not depend on the number of threads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{price, PriceBook, PriceSettings};
use crate::catalog::snapshot::Manifest;
use crate::catalog::Catalog;
use crate::money::Money;
use crate::plan::{plan, PlanError};
use crate::scenario::{Scenario, Traffic};
use crate::simulate::{demand_for, SimulationInputs};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeSettings {
    pub runs: u32,
    pub seed: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub p10: Money,
    pub p50: Money,
    pub p90: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceRange {
    pub environment: String,
    pub resource: String,
    #[serde(flatten)]
    pub percentiles: Percentiles,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentRange {
    pub environment: String,
    #[serde(flatten)]
    pub percentiles: Percentiles,
}

/// P10/P50/P90 monthly cost over `runs` simulated months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostRange {
    pub runs: u32,
    pub seed: u64,
    /// ± traffic uncertainty by environment, percent.
    pub uncertainty_percent: BTreeMap<String, f64>,
    pub total: Percentiles,
    pub environments: Vec<EnvironmentRange>,
    pub resources: Vec<ResourceRange>,
}

/// Per-run monthly totals: by (environment, resource), and the run's total.
type RunCosts = (BTreeMap<(String, String), Money>, Money);

/// The cost range, or `None` when no environment states a traffic uncertainty.
pub fn cost_range(
    scenario: &Scenario,
    inputs: &SimulationInputs,
    catalog: &Catalog,
    manifest: &Manifest,
    settings: &PriceSettings,
    range: RangeSettings,
) -> Result<Option<CostRange>, PlanError> {
    let uncertainty: BTreeMap<String, f64> = scenario
        .environments
        .iter()
        .filter_map(|environment| match &environment.traffic {
            Some(Traffic::Profile(profile)) if profile.uncertainty_percent > 0.0 => {
                Some((environment.name.clone(), profile.uncertainty_percent))
            }
            _ => None,
        })
        .collect();
    if uncertainty.is_empty() || range.runs == 0 {
        return Ok(None);
    }
    // Expand each environment's traffic once; every run scales the same minutes.
    let mut base = inputs.clone();
    base.multipliers.clear();
    for environment in &scenario.environments {
        if let Some(demand) = demand_for(environment, &scenario.month, &base)? {
            base.expanded.insert(
                environment.name.clone(),
                std::sync::Arc::new(demand.requests_per_second),
            );
        }
    }
    let inputs = &base;
    let threads = std::thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(1)
        .min(range.runs as usize);
    let run_one = |run: u32, book: &mut PriceBook| -> Result<RunCosts, PlanError> {
        let draw = unit_draw(range.seed, u64::from(run));
        let mut run_inputs = inputs.clone();
        for (environment, percent) in &uncertainty {
            run_inputs
                .multipliers
                .insert(environment.clone(), triangular(draw, percent / 100.0));
        }
        let planned = plan(scenario, &run_inputs)?;
        let estimate = price(scenario, &planned, book, manifest, settings);
        let mut by_resource = BTreeMap::new();
        for line in &estimate.lines {
            if let Some(amount) = line.monthly {
                *by_resource
                    .entry((line.environment.clone(), line.resource.clone()))
                    .or_insert(Money::ZERO) += amount;
            }
        }
        Ok((by_resource, estimate.totals.monthly))
    };
    let results: Vec<Result<RunCosts, PlanError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|thread| {
                let run_one = &run_one;
                scope.spawn(move || {
                    let mut book = PriceBook::new(catalog, &settings.as_of);
                    (0..range.runs)
                        .filter(|run| *run as usize % threads == thread)
                        .map(|run| run_one(run, &mut book))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    let runs: Vec<RunCosts> = results.into_iter().collect::<Result<_, _>>()?;
    Ok(Some(summarise(runs, range, uncertainty)))
}

fn summarise(
    runs: Vec<RunCosts>,
    range: RangeSettings,
    uncertainty: BTreeMap<String, f64>,
) -> CostRange {
    let mut by_resource: BTreeMap<(String, String), Vec<Money>> = BTreeMap::new();
    let mut by_environment: BTreeMap<String, Vec<Money>> = BTreeMap::new();
    let mut totals = Vec::with_capacity(runs.len());
    for (resources, total) in runs {
        let mut environments: BTreeMap<String, Money> = BTreeMap::new();
        for ((environment, resource), amount) in resources {
            *environments
                .entry(environment.clone())
                .or_insert(Money::ZERO) += amount;
            by_resource
                .entry((environment, resource))
                .or_default()
                .push(amount);
        }
        for (environment, amount) in environments {
            by_environment.entry(environment).or_default().push(amount);
        }
        totals.push(total);
    }
    CostRange {
        runs: range.runs,
        seed: range.seed,
        uncertainty_percent: uncertainty,
        total: percentiles(totals),
        environments: by_environment
            .into_iter()
            .map(|(environment, amounts)| EnvironmentRange {
                environment,
                percentiles: percentiles(amounts),
            })
            .collect(),
        resources: by_resource
            .into_iter()
            .map(|((environment, resource), amounts)| ResourceRange {
                environment,
                resource,
                percentiles: percentiles(amounts),
            })
            .collect(),
    }
}

/// Nearest-rank percentiles of a sample.
pub fn percentiles(mut amounts: Vec<Money>) -> Percentiles {
    amounts.sort();
    let rank = |fraction: f64| {
        if amounts.is_empty() {
            return Money::ZERO;
        }
        let index = ((fraction * amounts.len() as f64).ceil() as usize).clamp(1, amounts.len()) - 1;
        amounts[index]
    };
    Percentiles {
        p10: rank(0.10),
        p50: rank(0.50),
        p90: rank(0.90),
    }
}

/// The `index`-th uniform draw in [0, 1) of `seed` (SplitMix64: any run can be drawn alone).
pub fn unit_draw(seed: u64, index: u64) -> f64 {
    let mut state = seed
        .wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    state = (state ^ (state >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    state = (state ^ (state >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    state ^= state >> 31;
    (state >> 11) as f64 / (1u64 << 53) as f64
}

/// Inverse CDF of the triangular distribution on [1 − width, 1 + width] with mode 1.
pub fn triangular(draw: f64, width: f64) -> f64 {
    if draw < 0.5 {
        1.0 - width + width * (2.0 * draw).sqrt()
    } else {
        1.0 + width - width * (2.0 * (1.0 - draw)).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn draws_are_uniform_enough_and_reproducible() {
        let draws: Vec<f64> = (0..10_000).map(|index| unit_draw(7, index)).collect();
        assert!(draws.iter().all(|draw| (0.0..1.0).contains(draw)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
        assert_eq!(unit_draw(7, 42), unit_draw(7, 42));
        assert_ne!(unit_draw(7, 42), unit_draw(8, 42));
    }

    #[test]
    fn triangular_spans_its_width_with_the_mode_at_one() {
        assert!((triangular(0.0, 0.2) - 0.8).abs() < 1e-12);
        assert!((triangular(0.5, 0.2) - 1.0).abs() < 1e-12);
        assert!((triangular(1.0, 0.2) - 1.2).abs() < 1e-12);
        assert!(triangular(0.25, 0.2) < triangular(0.75, 0.2));
    }

    #[test]
    fn percentiles_are_ordered_nearest_ranks() {
        let amounts: Vec<Money> = (1..=100)
            .rev()
            .map(|value| Money::new(Decimal::from(value)))
            .collect();
        let found = percentiles(amounts);
        assert_eq!(found.p10, Money::new(Decimal::from(10)));
        assert_eq!(found.p50, Money::new(Decimal::from(50)));
        assert_eq!(found.p90, Money::new(Decimal::from(90)));
    }

    proptest::proptest! {
        /// Whatever the sample, P10 ≤ P50 ≤ P90 and each is one of the sampled amounts.
        #[test]
        fn percentiles_are_ordered_members_of_the_sample(cents in proptest::collection::vec(0i64..10_000_000, 1..400)) {
            let amounts: Vec<Money> = cents.iter().map(|cent| Money::new(Decimal::new(*cent, 2))).collect();
            let found = percentiles(amounts.clone());
            proptest::prop_assert!(found.p10 <= found.p50 && found.p50 <= found.p90);
            for value in [found.p10, found.p50, found.p90] {
                proptest::prop_assert!(amounts.contains(&value));
            }
        }
    }
}
