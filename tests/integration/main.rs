//! The one integration test binary: the `azcost` command as a user runs it.

mod budget;
mod charts;
mod errors;
mod formats;
mod html;
mod scenarios;
mod simulation;
mod support;
