//! The one integration test binary: the `azcost` command as a user runs it.

mod compare;
mod diff;
mod errors;
mod formats;
mod pricing_modes;
mod scenarios;
mod simulation;
mod support;
