//! The one integration test binary: the `azcost` command as a user runs it.

mod budget;
mod charts;
mod compare;
mod diff;
mod errors;
mod fetch;
mod fetch_faults;
mod formats;
mod html;
mod prices_search;
mod pricing_modes;
mod retail_server;
mod scenarios;
mod simulation;
mod support;
