//! Cosmos DB: request units per request, hourly peak RU/s, and the billing quantities of
//! manual, autoscale and serverless throughput (billing-rules §1).
//!
//! Cosmos DB bills provisioned throughput per hour at the hour's highest RU/s and serverless
//! per RU consumed; this module turns a per-minute request series into those quantities.
//!
//! RU per operation (§1.1), with `s` the item size in KB and `f(s) = max(1, 1 + (s − 1)·9/99)`
//! the line through the documented points 1 KB → 1 RU and 100 KB → 10 RU:
//! * point read = `f(s)`; query = `query_request_units` (default 10: an indexed query
//!   returning ≤ 100 items), not scaled by size. Strong and bounded staleness double both.
//! * create = `5·f(s)`, update (replace) = `10·f(s)`, delete = `5·f(s)` (the planning table's
//!   1 KB figures, which the key-value figure 100 KB → 50 RU confirms scale like reads).
//!   Those figures are for automatic indexing with < 5 indexed properties; with indexing off
//!   writes take [`INDEXING_OFF_WRITE_FACTOR`] of that — an assumption: the docs say writes
//!   get cheaper without indexing but quantify no saving for small items.
//! * RU per request = Σ operations per request × RU per operation.
//!
//! Billing (§1.2–§1.5): hours are wall-clock hours from the series start, a partial last hour
//! is a whole hour, the hour's peak is its busiest minute (no sub-minute bursts).
//! * manual: the provisioned RU/s every hour; hours whose peak exceeds it are throttled.
//! * autoscale: each hour max(peak, 10% of max RU/s) rounded up to 100 RU/s, at most the
//!   max; hours whose peak exceeds the max are throttled.
//! * serverless: total RU consumed; minutes above the RU/s ceiling are flagged.
//! * Provisioned RU/s are available, and billed, in every region: quantities × regions.

use thiserror::Error;

mod minimum;

pub use minimum::{minimum_autoscale_max, minimum_manual, validate_throughput, ThroughputFloor};

/// Share of the automatic-indexing write charge left with indexing off (assumption).
pub const INDEXING_OFF_WRITE_FACTOR: f64 = 0.8;
/// Serverless throughput ceiling of a container up to 250 GB (§1.5).
pub const SERVERLESS_CEILING_REQUEST_UNITS_PER_SECOND: f64 = 5_000.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consistency {
    Strong,
    BoundedStaleness,
    Session,
    ConsistentPrefix,
    Eventual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indexing {
    Off,
    Automatic,
}

/// The database operations one application request makes, and what they touch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OperationMix {
    pub point_reads: f64,
    pub creates: f64,
    pub updates: f64,
    pub deletes: f64,
    pub queries: f64,
    pub item_size_kb: f64,
    /// RU of one query at session consistency (10 for an indexed query of ≤ 100 items).
    pub query_request_units: f64,
    pub consistency: Consistency,
    pub indexing: Indexing,
}

/// Throughput mode of a container or shared database.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ThroughputMode {
    Manual {
        request_units_per_second: u32,
    },
    Autoscale {
        max_request_units_per_second: u32,
    },
    Serverless {
        ceiling_request_units_per_second: f64,
    },
}

/// One billed hour of provisioned throughput (per region).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HourUsage {
    pub hour: usize,
    pub peak_request_units_per_second: f64,
    pub billed_request_units_per_second: u32,
    /// The hour needed more than the mode allows: requests were rate-limited (429).
    pub throttled: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProvisionedUsage {
    pub hours: Vec<HourUsage>,
    pub regions: u32,
    /// Σ hours billed RU/s × regions: the quantity priced per 100 RU/s-hour.
    pub billed_request_unit_hours: u64,
    pub throttled_hours: usize,
}

impl ProvisionedUsage {
    /// The billing unit: 100 RU/s for one hour.
    pub fn billed_hundred_request_unit_hours(&self) -> u64 {
        self.billed_request_unit_hours / 100
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServerlessUsage {
    pub request_units: f64,
    /// Minutes whose RU/s exceeded the ceiling (rate-limited).
    pub minutes_over_ceiling: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ThroughputUsage {
    Provisioned(ProvisionedUsage),
    Serverless(ServerlessUsage),
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum CosmosError {
    #[error("{field} must be a finite number ≥ 0, not {value}")]
    Number { field: &'static str, value: f64 },
    #[error("RU/s per minute at minute {minute} is {value}: it must be finite and ≥ 0")]
    Demand { minute: usize, value: f64 },
    #[error("throughput needs at least one region")]
    NoRegions,
    #[error("serverless accounts are single-region, not {0} regions")]
    ServerlessRegions(u32),
    #[error("serverless has no shared-throughput databases: give each container its own")]
    ServerlessShared,
    #[error("{mode} throughput must be a multiple of {step} RU/s, not {value}")]
    Step {
        mode: &'static str,
        step: u32,
        value: u32,
    },
    #[error("{mode} throughput {value} RU/s is below the minimum {minimum} RU/s for this storage and history")]
    BelowMinimum {
        mode: &'static str,
        value: u32,
        minimum: u32,
    },
}

fn check(field: &'static str, value: f64) -> Result<(), CosmosError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(CosmosError::Number { field, value })
    }
}

impl OperationMix {
    /// RU one application request costs (formulas in the module header).
    pub fn request_units_per_request(&self) -> Result<f64, CosmosError> {
        let fields = [
            ("point_reads", self.point_reads),
            ("creates", self.creates),
            ("updates", self.updates),
            ("deletes", self.deletes),
            ("queries", self.queries),
            ("item_size_kb", self.item_size_kb),
            ("query_request_units", self.query_request_units),
        ];
        for (field, value) in fields {
            check(field, value)?;
        }
        let size = (1.0 + (self.item_size_kb - 1.0) * 9.0 / 99.0).max(1.0);
        let read = match self.consistency {
            Consistency::Strong | Consistency::BoundedStaleness => 2.0,
            _ => 1.0,
        };
        let write = match self.indexing {
            Indexing::Automatic => 1.0,
            Indexing::Off => INDEXING_OFF_WRITE_FACTOR,
        };
        let reads = read * (self.point_reads * size + self.queries * self.query_request_units);
        let writes = write * size * (5.0 * self.creates + 10.0 * self.updates + 5.0 * self.deletes);
        Ok(reads + writes)
    }
}

/// RU/s each minute for `demand` requests/s at `request_units_per_request` each.
pub fn request_units_by_minute(demand: &[f64], request_units_per_request: f64) -> Vec<f64> {
    demand
        .iter()
        .map(|rate| rate * request_units_per_request)
        .collect()
}

/// The busiest minute's RU/s of each wall-clock hour (a partial last hour counts).
pub fn hourly_peaks(request_units_per_second: &[f64]) -> Vec<f64> {
    request_units_per_second
        .chunks(60)
        .map(|hour| hour.iter().copied().fold(0.0, f64::max))
        .collect()
}

fn round_up(value: f64, step: u32) -> u32 {
    let steps = (value / f64::from(step)).ceil().max(0.0);
    (steps * f64::from(step)).min(f64::from(u32::MAX)) as u32
}

/// Billing quantities of `mode` over a per-minute RU/s series, in `regions` regions.
pub fn bill_throughput(
    mode: &ThroughputMode,
    regions: u32,
    request_units_per_second: &[f64],
) -> Result<ThroughputUsage, CosmosError> {
    if regions == 0 {
        return Err(CosmosError::NoRegions);
    }
    for (minute, &value) in request_units_per_second.iter().enumerate() {
        if !(value.is_finite() && value >= 0.0) {
            return Err(CosmosError::Demand { minute, value });
        }
    }
    let hour = |(hour, peak): (usize, f64), billed: u32, limit: u32| HourUsage {
        hour,
        peak_request_units_per_second: peak,
        billed_request_units_per_second: billed,
        throttled: peak > f64::from(limit),
    };
    let peaks = hourly_peaks(request_units_per_second)
        .into_iter()
        .enumerate();
    let hours: Vec<HourUsage> = match *mode {
        ThroughputMode::Serverless {
            ceiling_request_units_per_second,
        } => {
            if regions > 1 {
                return Err(CosmosError::ServerlessRegions(regions));
            }
            check(
                "ceiling_request_units_per_second",
                ceiling_request_units_per_second,
            )?;
            return Ok(ThroughputUsage::Serverless(ServerlessUsage {
                request_units: request_units_per_second
                    .iter()
                    .map(|rate| rate * 60.0)
                    .sum(),
                minutes_over_ceiling: (0..request_units_per_second.len())
                    .filter(|minute| {
                        request_units_per_second[*minute] > ceiling_request_units_per_second
                    })
                    .collect(),
            }));
        }
        ThroughputMode::Manual {
            request_units_per_second: provisioned,
        } => peaks
            .map(|entry| hour(entry, provisioned, provisioned))
            .collect(),
        ThroughputMode::Autoscale {
            max_request_units_per_second: maximum,
        } => peaks
            .map(|entry| {
                let floor = 0.1 * f64::from(maximum);
                let billed = round_up(entry.1.max(floor), 100).min(maximum);
                hour(entry, billed, maximum)
            })
            .collect(),
    };
    let per_region: u64 = hours
        .iter()
        .map(|hour| u64::from(hour.billed_request_units_per_second))
        .sum();
    Ok(ThroughputUsage::Provisioned(ProvisionedUsage {
        throttled_hours: hours.iter().filter(|hour| hour.throttled).count(),
        billed_request_unit_hours: per_region * u64::from(regions),
        regions,
        hours,
    }))
}

#[cfg(test)]
mod tests;
