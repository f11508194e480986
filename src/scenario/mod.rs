//! Scenario files: what the user wrote, validated, with inheritance between environments
//! resolved.
//!
//! A scenario names a region, a currency and a month length, and lists environments (dev,
//! staging, prod…) each with resources keyed by name. An environment can `extends` another:
//! it inherits every resource, overrides fields of a resource by naming it again with only the
//! fields that change (the seeds' environment-parity tables), adds resources (with a `kind`)
//! and drops them (`remove`). An `abstract` environment is only inherited, never priced.
//!
//! Every mistake is reported as `file:line:column: message`, with "did you mean" for unknown
//! names, and all mistakes in a file are reported at once.

mod diagnostic;
mod file;
pub mod locate;
mod resolve;

pub use diagnostic::{Diagnostic, ScenarioError};
pub use file::{json_schema, EnvironmentFile, ScenarioFile};
pub use locate::{Position, Positions};

use crate::catalog::PricingMode;
use crate::money::MonthLength;
use crate::services::ServiceSpec;
use crate::traffic::TrafficProfile;

/// A validated scenario, ready to simulate and price.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub region: String,
    pub currency: String,
    pub month: MonthLength,
    /// The date whose prices to use (`YYYY-MM-DD`), when the scenario pins one.
    pub as_of: Option<String>,
    /// Priced environments, in file order (abstract ones left out).
    pub environments: Vec<Environment>,
    /// The file name used in messages.
    pub file: String,
    pub positions: Positions,
}

#[derive(Clone, Debug)]
pub struct Environment {
    pub name: String,
    pub description: String,
    /// The traffic that drives the capacity simulation, own or inherited.
    pub traffic: Option<Traffic>,
    pub resources: Vec<Resource>,
}

/// Where an environment's demand comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Traffic {
    Profile(Box<TrafficProfile>),
    /// A measured series; the path as written, relative to the scenario file.
    Measured {
        csv: String,
    },
}

#[derive(Clone, Debug)]
pub struct Resource {
    pub name: String,
    pub spec: ServiceSpec,
    /// How its compute is bought (`pricing:`, default pay-as-you-go).
    pub pricing: PricingMode,
    /// Dotted path of the resource's entry in the file (its own or the inherited one).
    pub path: String,
}

impl Scenario {
    /// Parses and validates scenario text; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        resolve::parse(text, file)
    }

    /// A diagnostic located at the value of `path` (e.g. `region`).
    pub fn diagnostic(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.file, self.positions.value(path), message)
    }

    pub fn environment(&self, name: &str) -> Option<&Environment> {
        self.environments
            .iter()
            .find(|environment| environment.name == name)
    }
}
