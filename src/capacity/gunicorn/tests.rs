//! Instance capacity, CPU %, latency and memory fit on hand-checkable instances.

use super::*;

fn instance(vcpu: u32, worker_class: WorkerClass) -> GunicornInstance {
    GunicornInstance {
        vcpu,
        memory_gib: 8.0,
        worker_class,
        workers: WorkerCount::Auto,
        memory_per_worker_mib: 300.0,
        base_memory_mib: 500.0,
    }
}

const COST: RequestCost = RequestCost {
    cpu_milliseconds: 50.0,
    wall_clock_milliseconds: 200.0,
};

#[test]
fn auto_workers_follow_the_class_rule() {
    assert_eq!(instance(2, WorkerClass::Sync).workers(), 5);
    assert_eq!(
        instance(4, WorkerClass::Gthread { threads: 4 }).workers(),
        9
    );
    let uvicorn = |vcpu| instance(vcpu, WorkerClass::Uvicorn).workers();
    assert_eq!(
        [uvicorn(1), uvicorn(2), uvicorn(4), uvicorn(8)],
        [2, 3, 4, 6]
    );
    assert_eq!([uvicorn(3), uvicorn(16)], [3, 6]);
}

#[test]
fn constant_load_needs_exactly_four_instances() {
    // P1v3-like: 2 vCPU, 5 sync workers. CPU cap 0.7 × 2 / 0.05 = 28 req/s; concurrency
    // cap 0.7 × 5 / 0.2 = 17.5 req/s, so 70 req/s needs exactly 4 instances.
    let sync = instance(2, WorkerClass::Sync);
    let capacity = sync.capacity(&COST, 0.7).unwrap();
    assert!((capacity.cpu_limit - 28.0).abs() < 1e-9);
    assert_eq!(capacity.concurrency_limit, Some(17.5));
    assert_eq!(capacity.bottleneck, Bottleneck::Concurrency);
    assert_eq!(sync.instances_needed(70.0, &COST, 0.7).unwrap(), 4);
    assert_eq!(sync.instances_needed(70.1, &COST, 0.7).unwrap(), 5);
}

#[test]
fn uvicorn_is_cpu_bound() {
    let uvicorn = instance(2, WorkerClass::Uvicorn);
    let capacity = uvicorn.capacity(&COST, 0.8).unwrap();
    assert_eq!(
        (capacity.servers, capacity.bottleneck),
        (2, Bottleneck::Cpu)
    );
    assert!((capacity.max_requests_per_second - 32.0).abs() < 1e-9);
    // Nearly idle: the p95 is the CPU part's exponential tail plus the I/O wait.
    let Latency::Served { p95_seconds, .. } = uvicorn.latency(&COST, 1e-9).unwrap() else {
        panic!("an idle instance is not saturated");
    };
    assert!((p95_seconds - (0.05 * 20f64.ln() + 0.15)).abs() < 1e-6);
}

#[test]
fn cpu_percent_and_saturation() {
    let sync = instance(2, WorkerClass::Sync);
    assert!((sync.cpu_percent(&COST, 20.0) - 50.0).abs() < 1e-9);
    assert_eq!(sync.cpu_percent(&COST, 1000.0), 100.0);
    let single = GunicornInstance {
        workers: WorkerCount::Fixed(1),
        ..sync
    };
    assert_eq!(single.cpu_percent(&COST, 1000.0), 50.0);
    assert!(matches!(
        sync.latency(&COST, 40.0).unwrap(),
        Latency::Saturated { .. }
    ));
    assert!(matches!(
        sync.latency(&COST, 10.0).unwrap(),
        Latency::Served { .. }
    ));
}

#[test]
fn memory_warning_when_workers_do_not_fit() {
    let crowded = GunicornInstance {
        memory_gib: 1.0,
        ..instance(2, WorkerClass::Sync)
    };
    let fit = crowded.memory_fit();
    assert_eq!((fit.required_mib, fit.available_mib), (2000.0, 1024.0));
    assert!(fit.warning().is_some_and(|text| text.contains("2000 MiB")));
    assert!(instance(2, WorkerClass::Sync)
        .memory_fit()
        .warning()
        .is_none());
}

#[test]
fn invalid_inputs_are_errors() {
    let bad = RequestCost {
        cpu_milliseconds: 300.0,
        wall_clock_milliseconds: 200.0,
    };
    let sync = instance(2, WorkerClass::Sync);
    assert!(matches!(
        sync.capacity(&bad, 0.7),
        Err(GunicornError::CpuExceedsWallClock { .. })
    ));
    assert!(matches!(
        sync.capacity(&COST, 1.5),
        Err(GunicornError::Number { .. })
    ));
}
