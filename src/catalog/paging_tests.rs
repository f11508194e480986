use super::*;

const ROW: &str = r#"{"currencyCode":"USD","tierMinimumUnits":0.0,"retailPrice":0.008,"unitPrice":0.008,"armRegionName":"westus","location":"US West","effectiveStartDate":"2024-11-01T00:00:00Z","meterId":"m","meterName":"Basic Capacity Units","productId":"p","skuId":"p/1","productName":"Application Gateway Basic v2","skuName":"Basic","serviceName":"Application Gateway","serviceId":"s","serviceFamily":"Networking","unitOfMeasure":"1/Hour","type":"Consumption","isPrimaryMeterRegion":true,"armSkuName":"Basic"}"#;

fn page(rows: usize, link: Option<&str>) -> Page {
    let items = vec![ROW; rows].join(",");
    let link = link.map_or("null".to_string(), |link| format!("\"{link}\""));
    let body = format!(
        r#"{{"BillingCurrency":"USD","Items":[{items}],"NextPageLink":{link},"Count":{rows}}}"#
    );
    parse_page(body.as_bytes()).expect("a page")
}

#[test]
fn a_page_parses_items_link_and_count() {
    let parsed = page(2, Some("http://127.0.0.1:1/p?$skip=2"));
    assert_eq!(parsed.items.len(), 2);
    assert_eq!(parsed.items[0].meter_name, "Basic Capacity Units");
    assert_eq!(
        parsed.next_page_link.as_deref(),
        Some("http://127.0.0.1:1/p?$skip=2")
    );
    assert_eq!(parsed.count, 2);
}

#[test]
fn an_empty_link_is_no_link_and_a_missing_count_is_the_item_count() {
    let parsed =
        parse_page(format!(r#"{{"Items":[{ROW}],"NextPageLink":""}}"#).as_bytes()).expect("a page");
    assert_eq!(parsed.next_page_link, None);
    assert_eq!(parsed.count, 1);
}

#[test]
fn truncated_json_and_error_bodies_are_not_pages() {
    let body = format!(r#"{{"Items":[{ROW}"#);
    assert!(parse_page(body.as_bytes()).is_err());
    let error = br#"{"Error":{"Code":"BadRequest","Message":"Invalid parameters supplied"}}"#;
    assert!(parse_page(error).is_err());
}

#[test]
fn a_link_is_followed_verbatim() {
    let link = "http://127.0.0.1:1/p?$filter=a%20eq%20%27b%27&$skip=100";
    assert_eq!(
        next_step(&page(100, Some(link)), 1, 100, 100),
        NextStep::Follow(link.to_string())
    );
}

#[test]
fn an_empty_link_on_a_full_page_falls_back_to_skip() {
    assert_eq!(
        next_step(&page(100, None), 1, 100, 100),
        NextStep::Skip(100)
    );
    assert_eq!(
        next_step(&page(1_000, None), 3, 1_000, 3_000),
        NextStep::Skip(3_000)
    );
    // An unusual page size is full when a later page repeats the first page's size.
    assert_eq!(next_step(&page(7, None), 2, 7, 14), NextStep::Skip(14));
}

#[test]
fn a_short_or_empty_page_without_a_link_ends_the_query() {
    assert_eq!(next_step(&page(130, None), 1, 130, 130), NextStep::Done);
    assert_eq!(next_step(&page(56, None), 2, 100, 156), NextStep::Done);
    assert_eq!(next_step(&page(0, None), 2, 100, 100), NextStep::Done);
}

#[test]
fn only_429_and_5xx_are_retried() {
    for status in [429, 500, 502, 503, 504] {
        assert!(is_retryable_status(status), "{status}");
    }
    for status in [400, 401, 403, 404, 200] {
        assert!(!is_retryable_status(status), "{status}");
    }
}

#[test]
fn retry_after_is_read_in_seconds() {
    assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
}

#[test]
fn backoff_doubles_up_to_the_cap_within_its_jitter_band() {
    let policy = RetryPolicy {
        retries: 4,
        base: Duration::from_millis(100),
        cap: Duration::from_millis(1_000),
    };
    assert_eq!(policy.delay(1, None, 1.0), Duration::from_millis(100));
    assert_eq!(policy.delay(1, None, 0.0), Duration::from_millis(50));
    assert_eq!(policy.delay(3, None, 1.0), Duration::from_millis(400));
    assert_eq!(policy.delay(10, None, 1.0), Duration::from_millis(1_000));
    assert_eq!(policy.delay(60, None, 0.5), Duration::from_millis(750));
}

#[test]
fn retry_after_lengthens_but_never_shortens_the_wait() {
    let policy = RetryPolicy {
        retries: 4,
        base: Duration::from_millis(100),
        cap: Duration::from_secs(60),
    };
    let asked = Some(Duration::from_secs(3));
    assert_eq!(policy.delay(1, asked, 0.0), Duration::from_secs(3));
    assert_eq!(
        policy
            .delay(1, Some(Duration::from_secs(1)), 1.0)
            .max(Duration::from_millis(100)),
        Duration::from_secs(1)
    );
    assert_eq!(
        policy.delay(10, Some(Duration::ZERO), 1.0),
        Duration::from_millis(51_200)
    );
    assert_eq!(
        policy.delay(1, Some(Duration::from_secs(86_400)), 0.0),
        MAX_RETRY_AFTER
    );
}

#[test]
fn jitter_stays_in_the_unit_interval_and_varies() {
    let mut jitter = Jitter::new(42);
    let values: Vec<f64> = (0..1_000).map(|_| jitter.next_unit()).collect();
    assert!(values.iter().all(|value| (0.0..1.0).contains(value)));
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    assert!((0.4..0.6).contains(&mean), "{mean}");
}
