//! azcost: what will this Azure deployment cost, and how much capacity does it need?
//!
//! Data flows one way: scenario file → [`scenario::Scenario`] → [`plan::Plan`] →
//! [`estimate::Estimate`] → [`report`] renderers. Only [`commands`] reads files, uses the
//! network or writes output; everything between load and render is pure.

pub mod budget;
pub mod capacity;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod diff;
pub mod estimate;
pub mod money;
pub mod plan;
pub mod report;
pub mod scenario;
pub mod services;
pub mod simulate;
pub mod traffic;

pub use commands::{run, Outcome};
