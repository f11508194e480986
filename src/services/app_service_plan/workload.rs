//! What one request costs an App Service instance's gunicorn workers (`workload`), its
//! checks, and its translation into [`crate::capacity::gunicorn`] types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::super::{check_range, FieldIssue};
use super::SkuSpec;
use crate::capacity::gunicorn::{GunicornInstance, RequestCost, WorkerClass, WorkerCount};

/// Target utilisation of an instance's busiest resource when `workload` does not say.
pub const DEFAULT_TARGET_UTILISATION: f64 = 0.7;

/// gunicorn's worker class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WorkerClassName {
    /// One request at a time per worker (gunicorn's default).
    #[default]
    Sync,
    /// A thread pool per worker (`threads` each).
    Gthread,
    /// `uvicorn.workers.UvicornWorker`: an asyncio event loop per worker.
    Uvicorn,
}

/// The keyword `auto` for a worker count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AutoKeyword {
    Auto,
}

/// Worker processes: `auto` (2 × vCPU + 1; uvicorn: the seeds' per-SKU table) or a number.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Workers {
    Auto(AutoKeyword),
    Count(f64),
}

impl Default for Workers {
    fn default() -> Self {
        Workers::Auto(AutoKeyword::Auto)
    }
}

/// What one request costs an instance, and how gunicorn serves it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// CPU time per request in milliseconds (> 0, at most `wall_ms`).
    pub cpu_ms: f64,
    /// Wall-clock time per request in milliseconds, waits on databases and APIs included.
    pub wall_ms: f64,
    /// `sync` (default), `gthread` or `uvicorn`.
    #[serde(default)]
    pub worker_class: WorkerClassName,
    /// Threads per worker, gthread only (1–1000, default 1).
    #[serde(default)]
    pub threads: Option<f64>,
    /// Worker processes per instance: `auto` (default) or 1–64.
    #[serde(default)]
    pub workers: Workers,
    /// Resident memory of one worker in MiB; without it memory fit is not checked.
    #[serde(default)]
    pub memory_per_worker_mib: Option<f64>,
    /// Memory used besides the workers (OS, platform, arbiter) in MiB (default 0).
    #[serde(default)]
    pub base_memory_mib: f64,
    /// Utilisation of the busiest resource an instance is sized for (0.1–1, default 0.7).
    #[serde(default = "default_target")]
    pub target_utilisation: f64,
}

fn default_target() -> f64 {
    DEFAULT_TARGET_UTILISATION
}

pub(super) fn check_whole(issues: &mut Vec<FieldIssue>, field: &str, value: f64) {
    if value.fract() != 0.0 {
        issues.push(FieldIssue::new(
            field,
            format!("{field} must be a whole number (got {value})"),
        ));
    }
}

impl Workload {
    pub fn validate(&self, issues: &mut Vec<FieldIssue>) {
        check_range(
            issues,
            "workload.cpu_ms",
            Some(self.cpu_ms),
            0.001,
            600_000.0,
        );
        check_range(
            issues,
            "workload.wall_ms",
            Some(self.wall_ms),
            0.001,
            600_000.0,
        );
        if self.cpu_ms > self.wall_ms {
            issues.push(FieldIssue::new(
                "workload.cpu_ms",
                format!(
                    "cpu_ms ({}) cannot exceed wall_ms ({}): CPU time is part of the request's wall-clock time",
                    self.cpu_ms, self.wall_ms
                ),
            ));
        }
        if let Some(threads) = self.threads {
            check_range(issues, "workload.threads", Some(threads), 1.0, 1000.0);
            check_whole(issues, "workload.threads", threads);
            if self.worker_class != WorkerClassName::Gthread {
                issues.push(FieldIssue::new(
                    "workload.threads",
                    "threads applies to worker_class gthread only",
                ));
            }
        }
        if let Workers::Count(workers) = self.workers {
            check_range(issues, "workload.workers", Some(workers), 1.0, 64.0);
            check_whole(issues, "workload.workers", workers);
        }
        let memory = [
            ("workload.memory_per_worker_mib", self.memory_per_worker_mib),
            ("workload.base_memory_mib", Some(self.base_memory_mib)),
        ];
        for (field, value) in memory {
            check_range(issues, field, value, 0.0, 1_048_576.0);
        }
        check_range(
            issues,
            "workload.target_utilisation",
            Some(self.target_utilisation),
            0.1,
            1.0,
        );
    }

    /// One instance of `spec` running this workload.
    pub fn instance(&self, spec: &SkuSpec) -> GunicornInstance {
        GunicornInstance {
            vcpu: spec.vcpu,
            memory_gib: spec.memory_gib,
            worker_class: match self.worker_class {
                WorkerClassName::Sync => WorkerClass::Sync,
                WorkerClassName::Gthread => WorkerClass::Gthread {
                    threads: self.threads.unwrap_or(1.0) as u32,
                },
                WorkerClassName::Uvicorn => WorkerClass::Uvicorn,
            },
            workers: match self.workers {
                Workers::Auto(_) => WorkerCount::Auto,
                Workers::Count(count) => WorkerCount::Fixed(count as u32),
            },
            memory_per_worker_mib: self.memory_per_worker_mib.unwrap_or(0.0),
            base_memory_mib: self.base_memory_mib,
        }
    }

    pub fn cost(&self) -> RequestCost {
        RequestCost {
            cpu_milliseconds: self.cpu_ms,
            wall_clock_milliseconds: self.wall_ms,
        }
    }
}
