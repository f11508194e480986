//! The scenario file format as serde and JSON Schema see it.
//!
//! Resources are decoded per kind by [`crate::services::ServiceSpec::decode`] after
//! inheritance is resolved, so here they are kept as YAML values in file order; the schema
//! types below describe them for editors.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::PricingMode;
use crate::money::MonthLength;
use crate::services::ServiceSpec;
use crate::traffic::TrafficProfile;

fn usd() -> String {
    "USD".to_string()
}

/// The JSON Schema of scenario files (what `azcost schema` prints).
pub fn json_schema() -> schemars::Schema {
    let mut generator = schemars::SchemaGenerator::default();
    // Every kind's `pricing` refers to this definition (see `services::add_pricing_field`).
    generator.subschema_for::<PricingMode>();
    generator.into_root_schema_for::<ScenarioFile>()
}

/// The top of a scenario file.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Short name of the deployment, e.g. `app-service-postgres-redis`.
    pub name: String,
    /// What the deployment is and where it comes from.
    #[serde(default)]
    pub description: String,
    /// Azure region (armRegionName), e.g. `westus`.
    pub region: String,
    /// Currency code of the price snapshot to use (default `USD`).
    #[serde(default = "usd")]
    pub currency: String,
    /// `average` (730 hours, default) or a calendar month `YYYY-MM`.
    #[serde(default)]
    pub month: MonthLength,
    /// Price the scenario as of this date (`YYYY-MM-DD`); default: today.
    #[serde(default)]
    pub as_of: Option<String>,
    /// Environments by name, in the order they are reported.
    #[schemars(with = "BTreeMap<String, EnvironmentFile>")]
    pub environments: serde_norway::Mapping,
}

/// One environment.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentFile {
    /// Inherit every resource of this environment, then apply this one's changes.
    #[serde(default)]
    pub extends: Option<String>,
    /// Only a base for others: not priced itself.
    #[serde(default, rename = "abstract")]
    pub is_abstract: bool,
    #[serde(default)]
    pub description: String,
    /// Inherited resources this environment does not have.
    #[serde(default)]
    pub remove: Vec<String>,
    /// Traffic this environment serves, driving the capacity simulation of resources that have
    /// a capacity model. Inherited from `extends` unless given.
    #[serde(default)]
    pub traffic: Option<TrafficProfile>,
    /// A measured traffic series instead of a profile: a CSV file (path relative to the
    /// scenario) whose first column is a timestamp (RFC 3339 or Unix seconds) and second a
    /// request count per bucket, such as an Application Insights export.
    #[serde(default)]
    pub traffic_csv: Option<String>,
    /// Resources by name: a full resource (with `kind`), or, for an inherited name, only the
    /// fields that change.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, ResourceEntry>")]
    pub resources: serde_norway::Mapping,
}

/// A resource entry: a full resource, or the changed fields of an inherited one.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ResourceEntry {
    Resource(ServiceSpec),
    Override(BTreeMap<String, serde_json::Value>),
}
