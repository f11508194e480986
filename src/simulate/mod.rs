//! Scenario traffic → per-minute demand → each resource's capacity model.
//!
//! An environment with `traffic` (a profile, or a measured series read by the command) is
//! simulated minute by minute over the month; each resource whose kind has a capacity model
//! ([`crate::services::Service::simulate`]) is sized for its share of that demand, and the
//! quantities it measures (instance-hours, replica-seconds, RU/s-hours) replace its fixed
//! counts when it is priced. Resources without a model, and environments without traffic, keep
//! the counts the scenario wrote.

mod demand;
mod outcome;

pub use demand::{demand_for, first_weekday, DemandError, SimulationInputs};
pub use outcome::{
    hourly_means, hourly_sums, Alternative, CapacityReport, Demand, Hourly, ResourceSimulation,
    Simulated,
};
