//! The minimum-throughput rules of Cosmos DB (billing-rules §1.2, §1.3, §1.5) as checks.
//!
//! Apart from billing because they validate a scenario's settings rather than measure use.

use super::{check, round_up, CosmosError, ThroughputMode};

/// What the minimum-throughput rules (§1.2, §1.3) depend on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThroughputFloor {
    pub storage_gb: f64,
    /// The highest RU/s ever provisioned on the resource.
    pub highest_request_units_per_second_ever: f64,
    /// `Some(containers)` for a shared-throughput database, `None` for a container.
    pub shared_database_containers: Option<u32>,
}

/// Lowest manual RU/s allowed: max(400, 1 RU/s per GB, highest ever / 100), a shared
/// database adding 100 RU/s per container beyond 25; rounded up to 100 RU/s.
pub fn minimum_manual(floor: &ThroughputFloor) -> u32 {
    let extra = floor
        .shared_database_containers
        .map_or(0, |count| count.saturating_sub(25));
    let base = 400.0 + f64::from(extra) * 100.0;
    let wanted = base
        .max(floor.storage_gb)
        .max(floor.highest_request_units_per_second_ever / 100.0);
    round_up(wanted, 100)
}

/// Lowest autoscale max RU/s allowed: max(1000, 10 RU/s per GB, highest ever / 10), a shared
/// database adding 1000 RU/s per container beyond 25; rounded up to 1000 RU/s (the docs say
/// "nearest"; rounding up never falls below the rule).
pub fn minimum_autoscale_max(floor: &ThroughputFloor) -> u32 {
    let extra = floor
        .shared_database_containers
        .map_or(0, |count| count.saturating_sub(25));
    let base = 1000.0 + f64::from(extra) * 1000.0;
    let wanted = base
        .max(floor.storage_gb * 10.0)
        .max(floor.highest_request_units_per_second_ever / 10.0);
    round_up(wanted, 1000)
}

/// Checks a mode against the increments and minimums of §1.2, §1.3 and §1.5.
pub fn validate_throughput(
    mode: &ThroughputMode,
    floor: &ThroughputFloor,
) -> Result<(), CosmosError> {
    check("storage_gb", floor.storage_gb)?;
    check(
        "highest_request_units_per_second_ever",
        floor.highest_request_units_per_second_ever,
    )?;
    let (name, value, step, minimum) = match *mode {
        ThroughputMode::Manual {
            request_units_per_second,
        } => (
            "manual",
            request_units_per_second,
            100,
            minimum_manual(floor),
        ),
        ThroughputMode::Autoscale {
            max_request_units_per_second,
        } => (
            "autoscale",
            max_request_units_per_second,
            1000,
            minimum_autoscale_max(floor),
        ),
        ThroughputMode::Serverless { .. } => {
            return match floor.shared_database_containers {
                Some(_) => Err(CosmosError::ServerlessShared),
                None => Ok(()),
            };
        }
    };
    if value % step != 0 {
        return Err(CosmosError::Step {
            mode: name,
            step,
            value,
        });
    }
    if value < minimum {
        return Err(CosmosError::BelowMinimum {
            mode: name,
            value,
            minimum,
        });
    }
    Ok(())
}
