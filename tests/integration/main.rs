//! The one integration test binary: the `azcost` command as a user runs it.

mod errors;
mod fetch;
mod fetch_faults;
mod formats;
mod prices_search;
mod retail_server;
mod scenarios;
mod simulation;
mod support;
