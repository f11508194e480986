//! The M/M/c queue (Erlang C): waiting probability, mean wait and the p95 response time.
//!
//! Every latency figure in the capacity layer comes from here, so the queueing maths lives in
//! one place (billing-rules §4.2). Arrivals are Poisson at `λ` per second, each of `c` servers
//! serves at `μ` per second (exponential service).
//!
//! * Erlang C is computed from Erlang B by the recurrence `B(0) = 1`,
//!   `B(k) = a·B(k−1) / (k + a·B(k−1))`, then `C = B / (1 − ρ(1 − B))` with `a = λ/μ`,
//!   `ρ = a/c`. No factorials or powers, so it is stable for thousands of servers.
//! * Mean wait `Wq = C / (cμ − λ)`; mean response `W = Wq + 1/μ`.
//! * Response-time tail (hypoexponential), `θ = cμ − λ`:
//!   `P(T > t) = (1−C)e^{−μt} + C(θe^{−μt} − μe^{−θt})/(θ − μ)`, rewritten as
//!   `e^{−μt} + C·μ·e^{−min(μ,θ)t}·(1 − e^{−|θ−μ|t})/|θ−μ|` which has the limit `t` for the
//!   last factor when θ = μ, so θ ≈ μ needs no special case. p95 solves `P(T > t) = 0.05` by
//!   bisection.
//! * `ρ ≥ 1` is [`QueueOutcome::Saturated`]: the queue grows without bound, no figure is NaN.

use thiserror::Error;

/// The tail probability the p95 response time leaves above it.
const P95_TAIL: f64 = 0.05;
/// Bisection steps: the bracket shrinks by 2^-200, far past f64 precision.
const BISECTION_STEPS: u32 = 200;

/// An M/M/c queue: Poisson arrivals, exponential service, `servers` identical servers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    /// Arrivals per second (λ).
    pub arrival_rate: f64,
    /// Completions per second of one busy server (μ = 1 / mean service time).
    pub service_rate: f64,
    /// Number of servers (c).
    pub servers: u32,
}

/// What a stable queue looks like in steady state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QueueMetrics {
    /// ρ = λ / (cμ), the share of server time that is busy.
    pub utilisation: f64,
    /// Erlang C: the probability that an arrival waits for a server.
    pub probability_of_waiting: f64,
    /// Mean time in the queue before service starts (seconds).
    pub mean_wait_seconds: f64,
    /// Mean time in the system, wait plus service (seconds).
    pub mean_response_seconds: f64,
    /// 95th percentile of time in the system (seconds).
    pub p95_response_seconds: f64,
}

/// A queue either settles or grows without bound.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QueueOutcome {
    Stable(QueueMetrics),
    /// Arrivals meet or exceed what the servers can do (ρ ≥ 1): latency is unbounded.
    Saturated {
        utilisation: f64,
    },
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum QueueError {
    #[error("a queue needs at least one server")]
    NoServers,
    #[error("the arrival rate must be a finite number ≥ 0, not {0}")]
    ArrivalRate(f64),
    #[error("the service rate must be a finite number > 0, not {0} (it is 1 / service time)")]
    ServiceRate(f64),
}

impl Queue {
    fn check(&self) -> Result<(), QueueError> {
        if self.servers == 0 {
            return Err(QueueError::NoServers);
        }
        if !self.arrival_rate.is_finite() || self.arrival_rate < 0.0 {
            return Err(QueueError::ArrivalRate(self.arrival_rate));
        }
        if !self.service_rate.is_finite() || self.service_rate <= 0.0 {
            return Err(QueueError::ServiceRate(self.service_rate));
        }
        Ok(())
    }

    /// ρ = λ / (cμ).
    pub fn utilisation(&self) -> f64 {
        self.arrival_rate / (f64::from(self.servers) * self.service_rate)
    }

    /// Steady-state waiting probability, mean wait, mean and p95 response time.
    pub fn analyse(&self) -> Result<QueueOutcome, QueueError> {
        self.check()?;
        let utilisation = self.utilisation();
        if utilisation >= 1.0 {
            return Ok(QueueOutcome::Saturated { utilisation });
        }
        let offered_load = self.arrival_rate / self.service_rate;
        let waiting = erlang_c(self.servers, offered_load);
        let drain_rate = f64::from(self.servers) * self.service_rate - self.arrival_rate;
        let mean_wait_seconds = waiting / drain_rate;
        Ok(QueueOutcome::Stable(QueueMetrics {
            utilisation,
            probability_of_waiting: waiting,
            mean_wait_seconds,
            mean_response_seconds: mean_wait_seconds + 1.0 / self.service_rate,
            p95_response_seconds: self.response_time_quantile(waiting, drain_rate, P95_TAIL),
        }))
    }

    /// `P(T > t)` for a stable queue with waiting probability `waiting` and `θ = drain_rate`.
    fn response_exceedance(&self, waiting: f64, drain_rate: f64, seconds: f64) -> f64 {
        let service_rate = self.service_rate;
        let gap = (drain_rate - service_rate).abs();
        let slower = drain_rate.min(service_rate);
        // (1 − e^{−gap·t}) / gap, which tends to t as gap → 0.
        let spread = if gap * seconds < 1e-12 {
            seconds
        } else {
            -(-gap * seconds).exp_m1() / gap
        };
        (-service_rate * seconds).exp()
            + waiting * service_rate * (-slower * seconds).exp() * spread
    }

    /// Smallest `t` with `P(T > t) ≤ tail`, by bisection (the tail falls monotonically in t).
    fn response_time_quantile(&self, waiting: f64, drain_rate: f64, tail: f64) -> f64 {
        let mut low = 0.0_f64;
        let mut high = 1.0 / self.service_rate;
        while self.response_exceedance(waiting, drain_rate, high) > tail && high.is_finite() {
            low = high;
            high *= 2.0;
        }
        for _ in 0..BISECTION_STEPS {
            let middle = 0.5 * (low + high);
            if middle <= low || middle >= high {
                break;
            }
            if self.response_exceedance(waiting, drain_rate, middle) > tail {
                low = middle;
            } else {
                high = middle;
            }
        }
        high
    }
}

/// Erlang B blocking probability for `servers` servers and offered load `a = λ/μ` (erlangs).
pub fn erlang_b(servers: u32, offered_load: f64) -> f64 {
    (1..=servers).fold(1.0, |blocking, server| {
        let carried = offered_load * blocking;
        carried / (f64::from(server) + carried)
    })
}

/// Erlang C probability of waiting; 1 when the load meets or exceeds the servers (ρ ≥ 1).
pub fn erlang_c(servers: u32, offered_load: f64) -> f64 {
    if servers == 0 {
        return 1.0;
    }
    let utilisation = offered_load / f64::from(servers);
    if utilisation >= 1.0 {
        return 1.0;
    }
    let blocking = erlang_b(servers, offered_load);
    blocking / (1.0 - utilisation * (1.0 - blocking))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The textbook formula with factorials, fine for small c.
    fn erlang_c_direct(servers: u32, load: f64) -> f64 {
        let factorial = |n: u32| (1..=n).map(f64::from).product::<f64>();
        let c = f64::from(servers);
        let top = load.powi(servers as i32) / factorial(servers) * c / (c - load);
        let sum: f64 = (0..servers)
            .map(|k| load.powi(k as i32) / factorial(k))
            .sum();
        top / (sum + top)
    }

    fn stable(queue: Queue) -> QueueMetrics {
        match queue.analyse().unwrap() {
            QueueOutcome::Stable(metrics) => metrics,
            other => panic!("expected a stable queue, got {other:?}"),
        }
    }

    #[test]
    fn erlang_c_matches_the_direct_formula() {
        // Textbook call centre: 2 erlangs on 3 agents gives C = 4/9.
        assert!((erlang_c(3, 2.0) - 4.0 / 9.0).abs() < 1e-12);
        for (servers, load) in [(1, 0.5), (5, 3.2), (10, 8.0), (20, 15.5)] {
            let direct = erlang_c_direct(servers, load);
            assert!(
                (erlang_c(servers, load) - direct).abs() < 1e-12,
                "c={servers}"
            );
        }
    }

    #[test]
    fn erlang_c_is_stable_for_two_thousand_servers() {
        let waiting = erlang_c(2_000, 1_950.0);
        assert!(waiting.is_finite() && waiting > 0.0 && waiting < 1.0);
    }

    #[test]
    fn single_server_p95_is_the_exponential_quantile() {
        // M/M/1: T is exponential with rate μ − λ, so p95 = ln 20 / (μ − λ).
        let metrics = stable(Queue {
            arrival_rate: 6.0,
            service_rate: 10.0,
            servers: 1,
        });
        assert!((metrics.p95_response_seconds - 20f64.ln() / 4.0).abs() < 1e-9);
        assert!((metrics.mean_response_seconds - 0.25).abs() < 1e-12);
    }

    #[test]
    fn theta_equal_to_mu_has_no_singularity() {
        // c = 2, μ = 1, λ = 1 gives θ = cμ − λ = 1 = μ.
        let metrics = stable(Queue {
            arrival_rate: 1.0,
            service_rate: 1.0,
            servers: 2,
        });
        assert!(metrics.p95_response_seconds.is_finite());
        let near = stable(Queue {
            arrival_rate: 1.0 + 1e-9,
            service_rate: 1.0,
            servers: 2,
        });
        assert!((metrics.p95_response_seconds - near.p95_response_seconds).abs() < 1e-6);
    }

    #[test]
    fn idle_queue_p95_is_the_service_quantile() {
        let metrics = stable(Queue {
            arrival_rate: 0.0,
            service_rate: 5.0,
            servers: 4,
        });
        assert!((metrics.p95_response_seconds - 20f64.ln() / 5.0).abs() < 1e-9);
        assert_eq!(metrics.probability_of_waiting, 0.0);
    }

    #[test]
    fn saturated_queue_is_reported_not_nan() {
        let queue = Queue {
            arrival_rate: 20.0,
            service_rate: 10.0,
            servers: 2,
        };
        assert_eq!(
            queue.analyse().unwrap(),
            QueueOutcome::Saturated { utilisation: 1.0 }
        );
        let invalid = Queue {
            servers: 0,
            ..queue
        };
        assert_eq!(invalid.analyse(), Err(QueueError::NoServers));
    }

    proptest! {
        #[test]
        fn p95_never_falls_as_load_rises(
            servers in 1u32..200,
            service_rate in 0.1f64..100.0,
            low in 0.0f64..0.99,
            step in 0.0f64..0.99,
        ) {
            let capacity = f64::from(servers) * service_rate;
            let high = (low + step).min(0.995);
            let quiet = stable(Queue { arrival_rate: low * capacity, service_rate, servers });
            let busy = stable(Queue { arrival_rate: high * capacity, service_rate, servers });
            let tolerance = 1e-9 * quiet.p95_response_seconds;
            prop_assert!(busy.p95_response_seconds + tolerance >= quiet.p95_response_seconds);
        }
    }
}
