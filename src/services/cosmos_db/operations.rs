//! The database operations one application request makes (`operations`), as a scenario writes
//! them, and their translation into [`crate::capacity::cosmos::OperationMix`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::super::{check_range, FieldIssue};
use crate::capacity::cosmos::OperationMix;
use crate::capacity::cosmos::{Consistency as ModelConsistency, Indexing as ModelIndexing};

/// RU of one query when the scenario does not say: an indexed query returning ≤ 100 items.
pub const DEFAULT_QUERY_REQUEST_UNITS: f64 = 10.0;

/// The account's default consistency level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Consistency {
    /// Doubles the RU of every read.
    Strong,
    /// Doubles the RU of every read.
    BoundedStaleness,
    #[default]
    Session,
    ConsistentPrefix,
    Eventual,
}

/// The indexing policy of the containers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Indexing {
    /// Automatic indexing with fewer than 5 indexed properties (the documented RU figures).
    #[default]
    Automatic,
    /// No indexing: writes take 0.8 × the automatic figure (an assumption).
    Off,
}

/// Cosmos DB operations per application request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operations {
    /// Point reads (id + partition key) per request (default 0).
    #[serde(default)]
    pub point_reads: f64,
    /// Item creates per request (default 0).
    #[serde(default)]
    pub creates: f64,
    /// Item replaces per request (default 0).
    #[serde(default)]
    pub updates: f64,
    /// Item deletes per request (default 0).
    #[serde(default)]
    pub deletes: f64,
    /// Queries per request (default 0).
    #[serde(default)]
    pub queries: f64,
    /// Size of the items read and written, KB (default 1).
    #[serde(default = "crate::services::usage::one")]
    pub item_size_kb: f64,
    /// RU of one query at session consistency (default 10).
    #[serde(default = "query_units")]
    pub query_request_units: f64,
    /// `session` (default), `strong`, `bounded_staleness`, `consistent_prefix`, `eventual`.
    #[serde(default)]
    pub consistency: Consistency,
    /// `automatic` (default) or `off`.
    #[serde(default)]
    pub indexing: Indexing,
}

fn query_units() -> f64 {
    DEFAULT_QUERY_REQUEST_UNITS
}

impl Operations {
    pub fn validate(&self, issues: &mut Vec<FieldIssue>) {
        let counts = [
            ("point_reads", self.point_reads),
            ("creates", self.creates),
            ("updates", self.updates),
            ("deletes", self.deletes),
            ("queries", self.queries),
        ];
        for (field, value) in counts {
            check_range(
                issues,
                &format!("operations.{field}"),
                Some(value),
                0.0,
                1000.0,
            );
        }
        // 2 MB is Cosmos DB's largest item.
        check_range(
            issues,
            "operations.item_size_kb",
            Some(self.item_size_kb),
            0.0,
            2048.0,
        );
        check_range(
            issues,
            "operations.query_request_units",
            Some(self.query_request_units),
            0.0,
            1_000_000.0,
        );
    }

    pub fn mix(&self) -> OperationMix {
        OperationMix {
            point_reads: self.point_reads,
            creates: self.creates,
            updates: self.updates,
            deletes: self.deletes,
            queries: self.queries,
            item_size_kb: self.item_size_kb,
            query_request_units: self.query_request_units,
            consistency: match self.consistency {
                Consistency::Strong => ModelConsistency::Strong,
                Consistency::BoundedStaleness => ModelConsistency::BoundedStaleness,
                Consistency::Session => ModelConsistency::Session,
                Consistency::ConsistentPrefix => ModelConsistency::ConsistentPrefix,
                Consistency::Eventual => ModelConsistency::Eventual,
            },
            indexing: match self.indexing {
                Indexing::Automatic => ModelIndexing::Automatic,
                Indexing::Off => ModelIndexing::Off,
            },
        }
    }
}
