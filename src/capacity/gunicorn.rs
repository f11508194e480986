//! What one App Service instance running gunicorn can serve: requests/s, CPU %, p95 latency
//! and whether its workers fit in memory (billing-rules §4).
//!
//! The autoscale engine needs a CPU % for a load and the planner needs requests/s per
//! instance; both come from the same worker model here, so they cannot disagree.
//!
//! Rules (the assumptions):
//! * Workers `auto`: `2 × vCPU + 1` for `sync` and `gthread` (gunicorn's design notes); for
//!   `uvicorn` the seeds' per-SKU table keyed by vCPU (1 → 2, 2 → 3, 4 → 4, 8 → 6, the top of
//!   each recommended range), taking the row of the largest listed vCPU not above the
//!   instance's (so 16 vCPU → 6, 3 vCPU → 3).
//! * A worker process uses at most one core (the GIL), so usable cores = min(workers, vCPU).
//! * `sync`/`gthread`: c = workers × threads servers each busy for the wall-clock time.
//!   Capacity = min(CPU cap `cores / cpu_seconds`, concurrency cap `c / wall_seconds`)
//!   × target utilisation (Little's law). Latency: M/M/c with μ = 1 / wall-clock time;
//!   saturated once the CPU is.
//! * `uvicorn`: the event loop makes concurrency effectively unbounded, so the CPU is the
//!   queue: c = usable cores, service time = CPU time; latency = that queue's response
//!   time plus the non-CPU part of the request (wall − CPU), a constant.
//! * CPU % is of the whole instance (what Azure Monitor reports), capped at 100.

use thiserror::Error;

use super::erlang::{Queue, QueueError, QueueOutcome};

const MIB_PER_GIB: f64 = 1024.0;

/// gunicorn's worker class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerClass {
    /// One request at a time per worker.
    Sync,
    /// A thread pool per worker.
    Gthread { threads: u32 },
    /// `uvicorn.workers.UvicornWorker`: an asyncio event loop per worker.
    Uvicorn,
}

/// How many worker processes gunicorn starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerCount {
    /// The rule for the worker class (see the module header).
    Auto,
    Fixed(u32),
}

/// One instance of an App Service plan and the gunicorn configuration on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GunicornInstance {
    pub vcpu: u32,
    pub memory_gib: f64,
    pub worker_class: WorkerClass,
    pub workers: WorkerCount,
    /// Resident memory of one worker process (MiB).
    pub memory_per_worker_mib: f64,
    /// Memory used outside the workers: the arbiter, the OS, the platform (MiB).
    pub base_memory_mib: f64,
}

/// What one request costs the instance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RequestCost {
    /// CPU time spent on the request (ms).
    pub cpu_milliseconds: f64,
    /// Wall-clock time from start to response, including waits on I/O (ms).
    pub wall_clock_milliseconds: f64,
}

/// Which limit sets an instance's capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bottleneck {
    Cpu,
    Concurrency,
}

/// Whether the workers fit in the instance's memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MemoryFit {
    /// workers × memory per worker + base (MiB).
    pub required_mib: f64,
    /// The SKU's memory (MiB).
    pub available_mib: f64,
}

impl MemoryFit {
    pub fn fits(&self) -> bool {
        self.required_mib <= self.available_mib
    }

    /// A sentence for the report when the workers do not fit.
    pub fn warning(&self) -> Option<String> {
        (!self.fits()).then(|| {
            format!(
                "workers need {:.0} MiB but the instance has {:.0} MiB: use fewer workers, \
                 preload the app, or a larger SKU",
                self.required_mib, self.available_mib
            )
        })
    }
}

/// The most an instance should serve, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InstanceCapacity {
    pub workers: u32,
    /// Requests in service at once (c of the queue).
    pub servers: u32,
    /// Requests/s at the target utilisation of the usable cores.
    pub cpu_limit: f64,
    /// Requests/s at the target utilisation of the servers; `None` when unbounded (async).
    pub concurrency_limit: Option<f64>,
    /// The smaller of the two: what one instance can take.
    pub max_requests_per_second: f64,
    pub bottleneck: Bottleneck,
    pub memory: MemoryFit,
}

/// Response time at a load.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Latency {
    Served {
        mean_seconds: f64,
        p95_seconds: f64,
    },
    /// The load meets or exceeds what the instance can do: latency is unbounded.
    Saturated {
        utilisation: f64,
    },
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum GunicornError {
    #[error("an instance needs at least one vCPU")]
    NoVcpu,
    #[error("workers must be at least 1 (or `auto`)")]
    NoWorkers,
    #[error("gthread needs at least one thread per worker")]
    NoThreads,
    #[error("{field} must be a finite number {bound}, not {value}")]
    Number {
        field: &'static str,
        bound: &'static str,
        value: f64,
    },
    #[error("CPU time per request ({cpu} ms) exceeds its wall-clock time ({wall} ms)")]
    CpuExceedsWallClock { cpu: f64, wall: f64 },
    #[error(transparent)]
    Queue(#[from] QueueError),
}

fn check(field: &'static str, value: f64, positive: bool) -> Result<(), GunicornError> {
    let valid = value.is_finite() && if positive { value > 0.0 } else { value >= 0.0 };
    let bound = if positive { "> 0" } else { "≥ 0" };
    valid.then_some(()).ok_or(GunicornError::Number {
        field,
        bound,
        value,
    })
}

/// The seeds' uvicorn worker recommendation, keyed by vCPU (top of each range).
const UVICORN_WORKERS: [(u32, u32); 4] = [(1, 2), (2, 3), (4, 4), (8, 6)];

impl GunicornInstance {
    /// Checks the instance and the request cost together.
    pub fn validate(&self, cost: &RequestCost) -> Result<(), GunicornError> {
        if self.vcpu == 0 {
            return Err(GunicornError::NoVcpu);
        }
        if self.workers == WorkerCount::Fixed(0) {
            return Err(GunicornError::NoWorkers);
        }
        if self.worker_class == (WorkerClass::Gthread { threads: 0 }) {
            return Err(GunicornError::NoThreads);
        }
        check("memory_gib", self.memory_gib, true)?;
        check("memory_per_worker_mib", self.memory_per_worker_mib, false)?;
        check("base_memory_mib", self.base_memory_mib, false)?;
        check("cpu_milliseconds", cost.cpu_milliseconds, true)?;
        check(
            "wall_clock_milliseconds",
            cost.wall_clock_milliseconds,
            true,
        )?;
        if cost.cpu_milliseconds > cost.wall_clock_milliseconds {
            return Err(GunicornError::CpuExceedsWallClock {
                cpu: cost.cpu_milliseconds,
                wall: cost.wall_clock_milliseconds,
            });
        }
        Ok(())
    }

    /// Worker processes, resolving `auto` by the worker class's rule.
    pub fn workers(&self) -> u32 {
        match (self.workers, self.worker_class) {
            (WorkerCount::Fixed(workers), _) => workers,
            (WorkerCount::Auto, WorkerClass::Uvicorn) => UVICORN_WORKERS
                .iter()
                .rev()
                .find(|(vcpu, _)| *vcpu <= self.vcpu)
                .map_or(UVICORN_WORKERS[0].1, |(_, workers)| *workers),
            (WorkerCount::Auto, _) => 2 * self.vcpu + 1,
        }
    }

    /// Cores the workers can keep busy: one each at most.
    pub fn usable_cores(&self) -> u32 {
        self.workers().min(self.vcpu)
    }

    /// Servers of the queue and the mean service time (s) of one request on a server.
    fn queue_shape(&self, cost: &RequestCost) -> (u32, f64) {
        match self.worker_class {
            WorkerClass::Sync => (self.workers(), cost.wall_clock_milliseconds / 1000.0),
            WorkerClass::Gthread { threads } => (
                self.workers() * threads,
                cost.wall_clock_milliseconds / 1000.0,
            ),
            WorkerClass::Uvicorn => (self.usable_cores(), cost.cpu_milliseconds / 1000.0),
        }
    }

    pub fn memory_fit(&self) -> MemoryFit {
        MemoryFit {
            required_mib: f64::from(self.workers()) * self.memory_per_worker_mib
                + self.base_memory_mib,
            available_mib: self.memory_gib * MIB_PER_GIB,
        }
    }

    /// Requests/s one instance takes with its busiest resource at `target_utilisation`.
    pub fn capacity(
        &self,
        cost: &RequestCost,
        target_utilisation: f64,
    ) -> Result<InstanceCapacity, GunicornError> {
        self.validate(cost)?;
        if !(target_utilisation > 0.0 && target_utilisation <= 1.0) {
            return Err(GunicornError::Number {
                field: "target_utilisation",
                bound: "in (0, 1]",
                value: target_utilisation,
            });
        }
        let (servers, service_seconds) = self.queue_shape(cost);
        let cpu_limit =
            target_utilisation * f64::from(self.usable_cores()) * 1000.0 / cost.cpu_milliseconds;
        let concurrency_limit = match self.worker_class {
            WorkerClass::Uvicorn => None,
            _ => Some(target_utilisation * f64::from(servers) / service_seconds),
        };
        let (max_requests_per_second, bottleneck) = match concurrency_limit {
            Some(limit) if limit < cpu_limit => (limit, Bottleneck::Concurrency),
            _ => (cpu_limit, Bottleneck::Cpu),
        };
        Ok(InstanceCapacity {
            workers: self.workers(),
            servers,
            cpu_limit,
            concurrency_limit,
            max_requests_per_second,
            bottleneck,
            memory: self.memory_fit(),
        })
    }

    /// Instances needed to serve `requests_per_second` in total at the target utilisation.
    pub fn instances_needed(
        &self,
        requests_per_second: f64,
        cost: &RequestCost,
        target_utilisation: f64,
    ) -> Result<u32, GunicornError> {
        check("requests_per_second", requests_per_second, false)?;
        let capacity = self.capacity(cost, target_utilisation)?;
        let needed = (requests_per_second / capacity.max_requests_per_second).ceil();
        Ok(needed.clamp(1.0, f64::from(u32::MAX)) as u32)
    }

    /// The instance's CPU % (of all its vCPUs) while serving `requests_per_second`.
    pub fn cpu_percent(&self, cost: &RequestCost, requests_per_second: f64) -> f64 {
        let busy_cores = requests_per_second.max(0.0) * cost.cpu_milliseconds / 1000.0;
        let ceiling = f64::from(self.usable_cores()) / f64::from(self.vcpu.max(1));
        (busy_cores / f64::from(self.vcpu.max(1))).min(ceiling) * 100.0
    }

    /// Mean and p95 response time while serving `requests_per_second`.
    pub fn latency(
        &self,
        cost: &RequestCost,
        requests_per_second: f64,
    ) -> Result<Latency, GunicornError> {
        self.validate(cost)?;
        let cpu_utilisation =
            requests_per_second * cost.cpu_milliseconds / 1000.0 / f64::from(self.usable_cores());
        if cpu_utilisation >= 1.0 {
            return Ok(Latency::Saturated {
                utilisation: cpu_utilisation,
            });
        }
        let (servers, service_seconds) = self.queue_shape(cost);
        let queue = Queue {
            arrival_rate: requests_per_second,
            service_rate: 1.0 / service_seconds,
            servers,
        };
        let offset = match self.worker_class {
            WorkerClass::Uvicorn => (cost.wall_clock_milliseconds - cost.cpu_milliseconds) / 1000.0,
            _ => 0.0,
        };
        Ok(match queue.analyse()? {
            QueueOutcome::Stable(metrics) => Latency::Served {
                mean_seconds: metrics.mean_response_seconds + offset,
                p95_seconds: metrics.p95_response_seconds + offset,
            },
            QueueOutcome::Saturated { utilisation } => Latency::Saturated { utilisation },
        })
    }
}

#[cfg(test)]
mod tests;
