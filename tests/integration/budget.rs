//! `azcost budget`: the recommendation, its exports, and Azure's rules for budgets.

use std::fs;

use azcost::money::Money;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::support::{estimate_json, run, AS_OF};

const SCENARIO: &str = "scenarios/app-service-postgres-redis.yaml";

/// `azcost budget SCENARIO --env prod` at the pinned date with a small range.
fn budget(extra: &[&str]) -> (i32, String, String) {
    let mut arguments = vec!["budget", SCENARIO, "--env", "prod", "--as-of", AS_OF];
    if !extra.contains(&"--runs") {
        arguments.extend_from_slice(&["--runs", "50"]);
    }
    arguments.extend_from_slice(extra);
    run(&arguments)
}

fn budget_json(extra: &[&str]) -> Value {
    let mut arguments = vec!["--format", "json"];
    arguments.extend_from_slice(extra);
    let (code, stdout, stderr) = budget(&arguments);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("the budget is JSON")
}

fn money(value: &Value) -> Money {
    Money::new(
        value
            .as_str()
            .expect("money is a string")
            .parse()
            .expect("a decimal"),
    )
}

#[test]
fn the_budget_table() {
    let (code, stdout, stderr) = budget(&[]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("budget-table", stdout);
}

#[test]
fn the_budget_markdown() {
    let (code, stdout, stderr) = budget(&["--format", "markdown"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("budget-markdown", stdout);
}

#[test]
fn the_amount_is_the_p90_rounded_up_to_two_significant_figures() {
    let budget = budget_json(&[]);
    let estimate = estimate_json(SCENARIO, &["--env", "prod", "--runs", "50"]);
    let range = estimate.range.expect("prod states a traffic uncertainty");
    let p90 = range
        .environments
        .iter()
        .find(|environment| environment.environment == "prod")
        .expect("prod's range")
        .percentiles
        .p90;
    assert_eq!(money(&budget["basis_amount"]), p90);
    let amount = money(&budget["amount"]).amount();
    let digits = p90.amount().ceil().to_string().len() as u32;
    let step = Decimal::from(10u64.pow(digits - 2));
    assert_eq!(
        amount % step,
        Decimal::ZERO,
        "{amount} is a multiple of {step}"
    );
    assert!(
        amount >= p90.amount() && amount - p90.amount() < step,
        "{amount} vs {p90}"
    );
    assert_eq!(
        money(&budget["simulated_monthly"]),
        estimate.environments[0].monthly
    );
}

#[test]
fn the_daily_spend_adds_up_to_the_month_and_crossing_days_follow_it() {
    let budget = budget_json(&[]);
    let daily: Vec<Money> = budget["daily_cumulative"]
        .as_array()
        .expect("days")
        .iter()
        .map(money)
        .collect();
    let monthly = money(&budget["simulated_monthly"]);
    let last = *daily.last().expect("a day");
    assert!(
        (last.amount() - monthly.amount()).abs() < Decimal::new(1, 2),
        "{last} vs {monthly}"
    );
    assert!(
        daily.windows(2).all(|pair| pair[0] <= pair[1]),
        "spend only grows"
    );
    for threshold in budget["thresholds"].as_array().expect("thresholds") {
        if threshold["threshold_type"] != "Actual" {
            continue;
        }
        let level = money(&threshold["amount"]);
        match threshold["crossing_day"].as_u64() {
            Some(day) => {
                let day = day as usize;
                assert!(daily[day - 1] >= level, "{threshold}");
                assert!(day == 1 || daily[day - 2] < level, "{threshold}");
            }
            None => assert!(last < level, "{threshold}"),
        }
    }
}

#[test]
fn without_a_range_the_month_as_simulated_is_the_basis() {
    let budget = budget_json(&["--runs", "0"]);
    assert!(budget["basis"]
        .as_str()
        .unwrap()
        .starts_with("as simulated"));
    assert_eq!(budget["basis_amount"], budget["simulated_monthly"]);
}

fn exported(extra: &[&str]) -> (String, String) {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let target = directory.path().join("budget");
    let target_text = target.display().to_string();
    let mut arguments = vec!["--export", target_text.as_str()];
    arguments.extend_from_slice(extra);
    let (code, _, stderr) = budget(&arguments);
    assert_eq!(code, 0, "{stderr}");
    (
        fs::read_to_string(target.join("budget.json")).expect("budget.json"),
        fs::read_to_string(target.join("budget.bicep")).expect("budget.bicep"),
    )
}

#[test]
fn the_exports() {
    let (template, bicep) = exported(&["--contact-email", "finance@example.com"]);
    insta::assert_snapshot!("budget-arm-template", template);
    insta::assert_snapshot!("budget-bicep", bicep);
}

/// The value of a template property, resolving `[parameters('x')]` to x's default.
fn resolve<'a>(template: &'a Value, value: &'a Value) -> &'a Value {
    if let Some(name) = value
        .as_str()
        .and_then(|text| text.strip_prefix("[parameters('"))
        .and_then(|text| text.strip_suffix("')]"))
    {
        return &template["parameters"][name]["defaultValue"];
    }
    value
}

#[test]
fn the_template_meets_the_budgets_resource_rules() {
    let (text, _) = exported(&[
        "--contact-email",
        "finance@example.com",
        "--thresholds",
        "25,50,75.5,100",
    ]);
    let template: Value = serde_json::from_str(&text).expect("the template is JSON");
    let budget = budget_json(&["--thresholds", "25,50,75.5,100"]);
    assert!(template["$schema"]
        .as_str()
        .unwrap()
        .ends_with("deploymentTemplate.json#"));
    let resources = template["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), 1);
    let resource = &resources[0];
    assert_eq!(resource["type"], "Microsoft.Consumption/budgets");
    let name = resolve(&template, &resource["name"])
        .as_str()
        .expect("a name");
    assert!((1..=63).contains(&name.len()), "{name}");
    assert!(name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let properties = &resource["properties"];
    assert_eq!(properties["category"], "Cost");
    let amount = resolve(&template, &properties["amount"])
        .as_i64()
        .expect("an integer amount");
    assert!(amount > 0);
    assert_eq!(Decimal::from(amount), money(&budget["amount"]).amount());
    let grains = [
        "Monthly",
        "Quarterly",
        "Annually",
        "BillingMonth",
        "BillingQuarter",
        "BillingAnnual",
    ];
    assert!(grains.contains(&properties["timeGrain"].as_str().unwrap()));
    let start = resolve(&template, &properties["timePeriod"]["startDate"])
        .as_str()
        .expect("a start date");
    assert!(start.len() == 10 && start.ends_with("-01"), "{start}");
    assert!(start >= AS_OF, "{start} is not before {AS_OF}");
    let notifications = properties["notifications"]
        .as_object()
        .expect("notifications");
    assert!(!notifications.is_empty() && notifications.len() <= 5);
    let thresholds = budget["thresholds"].as_array().expect("thresholds");
    assert_eq!(notifications.len(), thresholds.len());
    for (notification, expected) in notifications.values().zip(thresholds) {
        let percent = notification["threshold"]
            .as_f64()
            .expect("a numeric threshold");
        assert!((0.01..=1000.0).contains(&percent), "{percent}");
        assert!(
            ((percent * 100.0).round() - percent * 100.0).abs() < 1e-9,
            "two decimals"
        );
        assert_eq!(percent.to_string(), expected["percent"].as_str().unwrap());
        assert!(["GreaterThan", "GreaterThanOrEqualTo", "EqualTo"]
            .contains(&notification["operator"].as_str().unwrap()));
        assert!(["Actual", "Forecasted"].contains(&notification["thresholdType"].as_str().unwrap()));
        assert_eq!(notification["enabled"], true);
        let emails = resolve(&template, &notification["contactEmails"]);
        let groups = notification
            .get("contactGroups")
            .map(|groups| resolve(&template, groups));
        let has_email = emails.as_array().is_some_and(|emails| !emails.is_empty());
        let has_group = groups
            .and_then(Value::as_array)
            .is_some_and(|groups| !groups.is_empty());
        assert!(has_email || has_group, "someone receives {notification}");
        // The amount the threshold stands for is its percent of the budget.
        let level = money(&expected["amount"]).amount();
        let percent = Decimal::try_from(percent).expect("a decimal percent");
        assert_eq!(
            level,
            (Decimal::from(amount) * percent / Decimal::ONE_HUNDRED).round_dp(2)
        );
    }
}

#[test]
fn without_an_email_the_template_asks_for_one_at_deploy_time() {
    let (text, bicep) = exported(&[]);
    let template: Value = serde_json::from_str(&text).expect("JSON");
    assert!(template["parameters"]["contactEmails"]
        .get("defaultValue")
        .is_none());
    assert!(bicep.contains("param contactEmails array\n"), "{bicep}");
}

#[test]
fn a_fractional_threshold_goes_through_json_in_bicep() {
    let (_, bicep) = exported(&["--contact-email", "a@example.com", "--thresholds", "12.5"]);
    assert!(bicep.contains("threshold: json('12.5')"), "{bicep}");
}

#[test]
fn more_than_five_notifications_is_an_error() {
    let (code, _, stderr) = budget(&["--thresholds", "10,20,30,40,50"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("at most 5"), "{stderr}");
    let (code, stdout, stderr) = budget(&[
        "--thresholds",
        "10,20,30,40,50",
        "--forecast-thresholds",
        "none",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("forecast "), "{stdout}");
}

#[test]
fn bad_inputs_exit_2_and_say_why() {
    let cases: [(&[&str], &str); 5] = [
        (&["--thresholds", "0"], "0.01–1000"),
        (&["--thresholds", "abc"], "not a percent"),
        (&["--start", "2026-12-15"], "first of a month"),
        (&["--start", "2026-10-01"], "before the as-of date"),
        (&["--round-to", "0"], "at least 1"),
    ];
    for (extra, message) in cases {
        let (code, _, stderr) = budget(extra);
        assert_eq!(code, 2, "{extra:?}: {stderr}");
        assert!(stderr.contains(message), "{extra:?}: {stderr}");
    }
    let (code, _, stderr) = run(&["budget", SCENARIO, "--as-of", AS_OF, "--runs", "0"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--env NAME"), "{stderr}");
    let (code, _, stderr) = run(&["budget", SCENARIO, "--env", "prd", "--as-of", AS_OF]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `prod`"), "{stderr}");
}

#[test]
fn a_budget_below_the_simulated_month_exits_1() {
    let arguments = ["--percentile", "10", "--round-to", "1", "--format", "json"];
    let (code, stdout, stderr) = budget(&arguments);
    let budget: Value = serde_json::from_str(&stdout).expect("JSON");
    let exceeded = money(&budget["simulated_monthly"]) > money(&budget["amount"]);
    assert_eq!(code, if exceeded { 1 } else { 0 }, "{stderr}");
    assert!(
        exceeded,
        "P10 rounded to $1 is below the month as simulated: {budget}"
    );
    assert!(stderr.contains("exceeds the budget"), "{stderr}");
}

/// Day-by-day spend increments of a budget's as-simulated month (whole days only).
fn daily_increments(budget: &Value) -> Vec<Money> {
    let daily: Vec<Money> = budget["daily_cumulative"]
        .as_array()
        .expect("days")
        .iter()
        .map(money)
        .collect();
    let whole_days = budget_hours(budget) / 24;
    (0..whole_days)
        .map(|day| {
            daily[day]
                - if day == 0 {
                    Money::ZERO
                } else {
                    daily[day - 1]
                }
        })
        .collect()
}

fn budget_hours(budget: &Value) -> usize {
    // 730 hours in the scenario's average month: 30 whole days and a partial one.
    let days = budget["daily_cumulative"].as_array().expect("days").len();
    assert_eq!(days, 31);
    730
}

#[test]
fn simulated_lines_accrue_by_their_hours_and_fixed_lines_evenly() {
    let prod = budget_json(&[]);
    let increments = daily_increments(&prod);
    let (low, high) = (
        increments.iter().min().expect("days"),
        increments.iter().max().expect("days"),
    );
    assert!(
        high > low,
        "autoscaled prod spends more on busy days: {increments:?}"
    );
    let (code, stdout, stderr) = run(&[
        "budget", SCENARIO, "--env", "dev", "--as-of", AS_OF, "--runs", "0", "--format", "json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let dev: Value = serde_json::from_str(&stdout).expect("JSON");
    let increments = daily_increments(&dev);
    let spread = *increments.iter().max().unwrap() - *increments.iter().min().unwrap();
    assert!(
        spread.amount() < Decimal::new(1, 6),
        "dev has no traffic: {increments:?}"
    );
    assert!(dev["notes"].to_string().contains("accrues evenly"));
}

#[test]
fn an_estimate_json_can_be_budgeted_and_accrues_evenly() {
    let directory = tempfile::tempdir().expect("a temporary directory");
    let path = directory.path().join("estimate.json");
    let path_text = path.display().to_string();
    let (code, _, stderr) = crate::support::estimate(
        SCENARIO,
        &[
            "--env", "prod", "--runs", "50", "--format", "json", "--output", &path_text,
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&["budget", &path_text, "--env", "prod", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let from_json: Value = serde_json::from_str(&stdout).expect("JSON");
    let from_yaml = budget_json(&[]);
    assert_eq!(from_json["amount"], from_yaml["amount"]);
    assert_eq!(from_json["basis_amount"], from_yaml["basis_amount"]);
    assert!(from_json["notes"].to_string().contains("accrues evenly"));
}
