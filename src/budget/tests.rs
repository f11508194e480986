use super::start::start_date;
use super::*;

fn money(text: &str) -> Money {
    Money::new(text.parse().expect("a decimal"))
}

fn settings() -> BudgetSettings {
    BudgetSettings {
        environment: "prod".into(),
        percentile: 90,
        round_to: None,
        actual: vec![50.into(), 80.into(), 100.into()],
        forecast: vec![100.into()],
        start: None,
        as_of: "2026-11-15".into(),
    }
}

/// A 30-day month spending `per_hour` every hour.
fn steady(per_hour: i64) -> Accrual {
    Accrual {
        environment: "prod".into(),
        hourly: vec![Money::new(per_hour.into()); 720],
        simulated: true,
    }
}

#[test]
fn amounts_round_up_to_two_significant_figures() {
    let round = |text: &str| round_up(money(text), None).expect("rounds").0;
    assert_eq!(round("1252.68"), money("1300"));
    assert_eq!(round("1200"), money("1200"));
    assert_eq!(round("87"), money("90"));
    assert_eq!(round("3.20"), money("10"));
    assert_eq!(round("12345"), money("13000"));
}

#[test]
fn round_to_overrides_the_rule_and_must_be_whole() {
    let (amount, rule) = round_up(money("1252.68"), Some(25.into())).expect("rounds");
    assert_eq!(amount, money("1275"));
    assert!(rule.contains("25"));
    assert!(matches!(
        round_up(money("1"), Some("2.5".parse().expect("decimal"))),
        Err(BudgetError::RoundTo(_))
    ));
}

#[test]
fn the_default_start_is_the_next_first_of_a_month() {
    assert_eq!(start_date(&settings()), Ok("2026-12-01".into()));
    let first = BudgetSettings {
        as_of: "2026-11-01".into(),
        ..settings()
    };
    assert_eq!(start_date(&first), Ok("2026-11-01".into()));
    let december = BudgetSettings {
        as_of: "2026-12-31".into(),
        ..settings()
    };
    assert_eq!(start_date(&december), Ok("2027-01-01".into()));
}

#[test]
fn a_start_must_be_a_first_not_past_and_within_a_year() {
    let with = |start: &str| {
        start_date(&BudgetSettings {
            start: Some(start.into()),
            ..settings()
        })
    };
    assert_eq!(with("2027-02-01"), Ok("2027-02-01".into()));
    assert!(matches!(
        with("2027-02-15"),
        Err(BudgetError::StartNotFirst(_))
    ));
    assert!(matches!(
        with("2026-11-01"),
        Err(BudgetError::StartInPast { .. })
    ));
    assert!(matches!(
        with("2028-01-01"),
        Err(BudgetError::StartTooFar { .. })
    ));
}

#[test]
fn actual_thresholds_cross_on_the_day_spend_reaches_them() {
    // $10 an hour: $240 a day, $7,200 in 30 days; budget $7,200.
    let month = steady(10);
    let found = thresholds(&settings(), money("7200"), &month).expect("valid");
    let days: Vec<Option<usize>> = found.iter().map(|found| found.crossing_day).collect();
    // 50 % = $3,600 is reached at the end of hour 360 (day 15); 80 % = $5,760 in hour 576
    // (day 24); 100 % at the last hour (day 30); a steady run rate forecasts $7,200 from day 1.
    assert_eq!(days, vec![Some(15), Some(24), Some(30), Some(1)]);
    assert_eq!(found[1].amount, money("5760"));
}

#[test]
fn thresholds_above_the_month_are_not_crossed() {
    let month = steady(10);
    let found = thresholds(&settings(), money("9000"), &month).expect("valid");
    assert_eq!(
        found[2].crossing_day, None,
        "100 % of $9,000 is never spent"
    );
    assert_eq!(found[3].crossing_day, None, "the forecast stays at $7,200");
}

#[test]
fn azure_limits_on_notifications_are_enforced() {
    let month = steady(1);
    let too_many = BudgetSettings {
        actual: vec![10.into(), 20.into(), 30.into(), 40.into(), 50.into()],
        ..settings()
    };
    assert_eq!(
        thresholds(&too_many, money("100"), &month),
        Err(BudgetError::TooManyNotifications { count: 6 })
    );
    for bad in ["0", "1000.01", "12.345"] {
        let out_of_range = BudgetSettings {
            actual: vec![bad.parse().expect("decimal")],
            ..settings()
        };
        assert!(
            matches!(
                thresholds(&out_of_range, money("100"), &month),
                Err(BudgetError::ThresholdOutOfRange(_))
            ),
            "{bad}"
        );
    }
    let twice = BudgetSettings {
        actual: vec![80.into(), 80.into()],
        ..settings()
    };
    assert!(matches!(
        thresholds(&twice, money("100"), &month),
        Err(BudgetError::DuplicateThreshold(..))
    ));
}
