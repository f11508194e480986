//! The one integration test binary: the `azcost` command as a user runs it.

mod budget;
mod charts;
mod compare;
mod diff;
mod errors;
mod formats;
mod html;
mod pricing_modes;
mod scenarios;
mod simulation;
mod support;
