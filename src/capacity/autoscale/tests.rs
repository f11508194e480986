//! The autoscale engine on hand-checkable loads, and its invariants under random ones.

use proptest::prelude::*;

use super::*;

/// 100 ms of CPU per request on a 1-vCPU instance: 10% CPU per request/s, capped at 100%.
fn cpu_model(requests_per_second: f64) -> f64 {
    (requests_per_second * 10.0).min(100.0)
}

fn actions(run: &AutoscaleRun) -> Vec<(usize, ScaleAction)> {
    run.minutes
        .iter()
        .filter_map(|state| state.action.map(|action| (state.minute, action)))
        .collect()
}

fn cpu_rule(operator: Operator, threshold: f64, change_count: u32) -> ScaleRule {
    ScaleRule {
        metric: Metric::CpuPercent,
        operator,
        threshold,
        time_window_minutes: 10,
        change_count,
        cooldown_minutes: 5,
    }
}

#[test]
fn constant_load_settles_at_exactly_three_instances() {
    // 20 req/s: on 2 instances 100% CPU and 600 req/min each (both scale-out rules); on 3,
    // 66.7% and 400 req/min, which triggers nothing. A 10-minute cooldown lets the window
    // see only the new count before the next decision.
    let mut profile = AutoscaleProfile::seed(2, 6);
    for rule in profile
        .scale_out
        .iter_mut()
        .chain(profile.scale_in.iter_mut())
    {
        rule.cooldown_minutes = 10;
    }
    let run = simulate(&profile, &[20.0; 60], &cpu_model).unwrap();
    let out = ScaleAction::Out {
        from: 2,
        to: 3,
        cooldown_minutes: 10,
    };
    assert_eq!(actions(&run), vec![(9, out)]);
    assert_eq!(run.minutes[9].instances, 2);
    assert_eq!(run.minutes[10].instances, 3);
    assert_eq!(run.totals.instance_minutes, 10 * 2 + 50 * 3);
    assert!((run.totals.instance_hours - 170.0 / 60.0).abs() < 1e-12);
    assert_eq!(
        (run.totals.peak_instances, run.totals.minutes_at_maximum),
        (3, 0)
    );
}

#[test]
fn short_cooldown_overshoots_because_the_window_still_holds_the_old_count() {
    // The seeds' 5-minute cooldown with a 10-minute window: at minute 14 the window averages
    // five minutes at 100% (2 instances) and five at 66.7% (3), 83% > 70%, so a fourth
    // instance starts although three would do. Azure Monitor behaves the same way.
    let run = simulate(&AutoscaleProfile::seed(2, 6), &[20.0; 60], &cpu_model).unwrap();
    let minutes: Vec<usize> = actions(&run).iter().map(|(minute, _)| *minute).collect();
    assert_eq!(minutes, vec![9, 14]);
    assert_eq!(run.minutes[59].instances, 4);
}

#[test]
fn cooldown_spaces_scale_outs_and_maximum_pins() {
    let run = simulate(&AutoscaleProfile::seed(2, 6), &[50.0; 60], &cpu_model).unwrap();
    let minutes: Vec<usize> = actions(&run).iter().map(|(minute, _)| *minute).collect();
    assert_eq!(minutes, vec![9, 14, 19, 24]);
    assert_eq!(run.minutes[25].instances, 6);
    assert_eq!(run.totals.minutes_at_maximum, 60 - 25);
    assert_eq!(run.totals.peak_instances, 6);
}

#[test]
fn scale_in_needs_every_rule_and_respects_minimum() {
    // 1 req/s: 5% CPU but also 30 req/min per instance, so both scale-in rules trigger.
    let profile = AutoscaleProfile {
        default: 4,
        ..AutoscaleProfile::seed(2, 6)
    };
    let run = simulate(&profile, &[1.0; 40], &cpu_model).unwrap();
    let counts: Vec<u32> = actions(&run)
        .iter()
        .filter_map(|(_, action)| match action {
            ScaleAction::In { to, .. } => Some(*to),
            _ => None,
        })
        .collect();
    assert_eq!(counts, vec![3, 2]);
    assert_eq!(run.minutes[39].instances, 2);
}

#[test]
fn flapping_is_avoided_by_not_scaling_in() {
    // 35% on 2 instances would be 70% on 1, above the 60% scale-out threshold.
    let profile = AutoscaleProfile {
        minimum: 1,
        maximum: 5,
        default: 2,
        scale_out: vec![cpu_rule(Operator::GreaterThan, 60.0, 1)],
        scale_in: vec![cpu_rule(Operator::LessThan, 40.0, 1)],
    };
    let run = simulate(&profile, &[7.0; 30], &cpu_model).unwrap();
    assert!(run.minutes.iter().all(|state| state.instances == 2));
    assert_eq!(
        run.minutes[9].action,
        Some(ScaleAction::FlappingAvoided {
            at: 2,
            requested: 1
        })
    );
}

#[test]
fn flapping_scales_in_by_fewer() {
    // 35% on 4 instances: the rule asks for 2 (70%, would flap), 3 gives 46.7%: take 3.
    let profile = AutoscaleProfile {
        minimum: 1,
        maximum: 5,
        default: 4,
        scale_out: vec![cpu_rule(Operator::GreaterThan, 60.0, 1)],
        scale_in: vec![cpu_rule(Operator::LessThan, 40.0, 2)],
    };
    let run = simulate(&profile, &[14.0; 30], &cpu_model).unwrap();
    let scale_in = ScaleAction::In {
        from: 4,
        to: 3,
        requested: 2,
        cooldown_minutes: 5,
    };
    assert_eq!(actions(&run), vec![(9, scale_in)]);
}

#[test]
fn invalid_profiles_and_demand_are_errors() {
    let profile = AutoscaleProfile {
        default: 7,
        ..AutoscaleProfile::seed(2, 6)
    };
    assert!(matches!(
        simulate(&profile, &[1.0], &cpu_model),
        Err(AutoscaleError::Counts { .. })
    ));
    let seed = AutoscaleProfile::seed(2, 6);
    assert!(matches!(
        simulate(&seed, &[1.0, f64::NAN], &cpu_model),
        Err(AutoscaleError::Demand { minute: 1, .. })
    ));
}

fn profiles() -> impl Strategy<Value = AutoscaleProfile> {
    (1u32..4, 0u32..6, 0u32..6, 1u32..12, 0u32..8, 1u32..3).prop_map(
        |(minimum, range, default_offset, window, cooldown, step)| {
            let mut profile = AutoscaleProfile::seed(minimum, minimum + range);
            profile.default = minimum + default_offset.min(range);
            for rule in profile
                .scale_out
                .iter_mut()
                .chain(profile.scale_in.iter_mut())
            {
                rule.time_window_minutes = window;
                rule.cooldown_minutes = cooldown;
                rule.change_count = step;
            }
            profile
        },
    )
}

proptest! {
    #[test]
    fn instances_stay_within_bounds(
        profile in profiles(),
        demand in prop::collection::vec(0.0f64..80.0, 1..200),
    ) {
        let run = simulate(&profile, &demand, &cpu_model).unwrap();
        for state in &run.minutes {
            prop_assert!(state.instances >= profile.minimum && state.instances <= profile.maximum);
        }
    }

    #[test]
    fn no_action_inside_a_cooldown(
        profile in profiles(),
        demand in prop::collection::vec(0.0f64..80.0, 1..200),
    ) {
        let run = simulate(&profile, &demand, &cpu_model).unwrap();
        let changes: Vec<(usize, u32)> = actions(&run)
            .into_iter()
            .filter_map(|(minute, action)| action.cooldown_minutes().map(|cool| (minute, cool)))
            .collect();
        for pair in changes.windows(2) {
            let ((first, cooldown), (second, _)) = (pair[0], pair[1]);
            prop_assert!(second - first >= cooldown as usize);
        }
    }

    /// More traffic never means fewer instance-minutes — for steady demand. (With a ramp it
    /// can: a rule averages a window that still holds minutes at the old count, so a busier
    /// ramp may overshoot less. Azure Monitor behaves the same way; see the module header.)
    #[test]
    fn more_steady_traffic_never_means_fewer_instance_minutes(
        profile in profiles(),
        level in 0.0f64..80.0,
        extra in 0.0f64..40.0,
        minutes in 1usize..240,
    ) {
        let quiet = simulate(&profile, &vec![level; minutes], &cpu_model).unwrap();
        let busy = simulate(&profile, &vec![level + extra; minutes], &cpu_model).unwrap();
        prop_assert!(busy.totals.instance_minutes >= quiet.totals.instance_minutes);
    }
}

#[test]
fn gunicorn_supplies_the_cpu_metric() {
    use crate::capacity::gunicorn::{GunicornInstance, RequestCost, WorkerClass, WorkerCount};
    let instance = GunicornInstance {
        vcpu: 2,
        memory_gib: 8.0,
        worker_class: WorkerClass::Uvicorn,
        workers: WorkerCount::Auto,
        memory_per_worker_mib: 300.0,
        base_memory_mib: 500.0,
    };
    let cost = RequestCost {
        cpu_milliseconds: 100.0,
        wall_clock_milliseconds: 400.0,
    };
    let cpu = |rate: f64| instance.cpu_percent(&cost, rate);
    // 12 req/s on 2 instances: 6 req/s × 0.1 s = 0.6 of 2 cores = 30%, 360 req/min each.
    let run = simulate(&AutoscaleProfile::seed(2, 6), &[12.0; 20], &cpu).unwrap();
    assert!((run.minutes[0].cpu_percent - 30.0).abs() < 1e-9);
    assert!(run
        .minutes
        .iter()
        .all(|state| state.instances == 2 && state.action.is_none()));
}
