//! Capacity models: how many instances, replicas and RU/s a demand series needs.
//!
//! Pure functions over plain structs, no prices and no I/O: the planner turns a traffic
//! series (see [`crate::traffic`]) into billable quantities with these models, and the
//! catalog prices them. Each file owns one model:
//! [`erlang`] (M/M/c queueing), [`gunicorn`] (one App Service instance's capacity),
//! [`autoscale`] (the Azure Monitor autoscale engine), [`replicas`] (Container Apps HTTP
//! scaling) and [`cosmos`] (request units and throughput billing quantities).

pub mod autoscale;
pub mod cosmos;
pub mod erlang;
pub mod gunicorn;
pub mod replicas;
