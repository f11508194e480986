use super::*;

fn app_service(sku: &str, meter: &str) -> PriceQuery {
    PriceQuery::new("Azure App Service", "westus")
        .product("Azure App Service Premium v3 Plan - Linux")
        .sku(sku)
        .meter(meter)
}

#[test]
fn quotes_are_doubled() {
    assert_eq!(quote("O'Brien's"), "'O''Brien''s'");
    assert_eq!(quote("plain"), "'plain'");
}

#[test]
fn a_meter_clause_names_sku_and_meter_but_not_the_product() {
    let clause = meter_clause(&app_service("P1 v3", "P1 v3 App")).expect("a clause");
    assert_eq!(clause, "skuName eq 'P1 v3' and meterName eq 'P1 v3 App'");
    let product_only = PriceQuery::new("Storage", "westus").product("Blob Storage");
    assert_eq!(
        meter_clause(&product_only).as_deref(),
        Some("productName eq 'Blob Storage'")
    );
    assert_eq!(meter_clause(&PriceQuery::new("Storage", "westus")), None);
}

#[test]
fn meters_of_one_service_and_region_share_a_filter_joined_with_or() {
    let queries = vec![
        app_service("P1 v3", "P1 v3 App"),
        app_service("P2 v3", "P2 v3 App"),
        app_service("P1 v3", "P1 v3 App"),
        PriceQuery::new("Redis Cache", "westus")
            .sku("P1")
            .meter("P1 Cache Instance"),
    ];
    let filters = filters_for_queries(&queries);
    assert_eq!(
        filters,
        vec![
            "serviceName eq 'Azure App Service' and armRegionName eq 'westus' and \
             (priceType eq 'Consumption' or priceType eq 'Reservation') and \
             ((skuName eq 'P1 v3' and meterName eq 'P1 v3 App') or \
             (skuName eq 'P2 v3' and meterName eq 'P2 v3 App'))",
            "serviceName eq 'Redis Cache' and armRegionName eq 'westus' and \
             (priceType eq 'Consumption' or priceType eq 'Reservation') and \
             ((skuName eq 'P1' and meterName eq 'P1 Cache Instance'))",
        ]
    );
}

#[test]
fn a_whole_service_query_absorbs_its_meter_queries() {
    let queries = vec![
        app_service("P1 v3", "P1 v3 App"),
        PriceQuery::new("Azure App Service", "westus"),
    ];
    assert_eq!(
        filters_for_queries(&queries),
        vec![
            "serviceName eq 'Azure App Service' and armRegionName eq 'westus' and \
              (priceType eq 'Consumption' or priceType eq 'Reservation')"
        ]
    );
}

#[test]
fn long_groups_are_split_below_the_length_limit_and_lose_no_meter() {
    let queries: Vec<PriceQuery> = (0..200)
        .map(|index| app_service(&format!("S{index}"), &format!("Meter number {index}")))
        .collect();
    let filters = filters_for_queries(&queries);
    assert!(filters.len() > 1, "{} filters", filters.len());
    for filter in &filters {
        assert!(filter.len() <= MAX_FILTER_CHARS, "{}", filter.len());
    }
    for index in 0..200 {
        let clause = format!("(skuName eq 'S{index}' and meterName eq 'Meter number {index}')");
        let holders = filters
            .iter()
            .filter(|filter| filter.contains(&clause))
            .count();
        assert_eq!(holders, 1, "{clause}");
    }
}

#[test]
fn scope_filters_cross_services_and_regions() {
    let services = vec!["Storage".to_string(), "Key Vault".to_string()];
    let regions = vec!["westus".to_string(), "eastus".to_string()];
    assert_eq!(filters_for_scope(&services, &regions).len(), 4);
    assert_eq!(
        filters_for_scope(&[], &regions)[1],
        "armRegionName eq 'eastus' and (priceType eq 'Consumption' or priceType eq 'Reservation')"
    );
    assert!(filters_for_scope(&[], &[]).is_empty());
}

#[test]
fn urls_carry_version_currency_and_an_encoded_filter_that_decodes_back() {
    let filter = "serviceName eq 'Key Vault' and skuName eq 'O''Hara & Co'";
    let query = query_url("http://127.0.0.1:9/api/retail/prices", filter, "EUR");
    assert!(query.url.starts_with(
        "http://127.0.0.1:9/api/retail/prices?api-version=2023-01-01-preview&currencyCode=%27EUR%27&$filter="
    ));
    let encoded = query.url.split("$filter=").nth(1).expect("a filter");
    assert!(!encoded.contains(' ') && !encoded.contains('&') && !encoded.contains('\''));
    assert_eq!(percent_decode(encoded), filter);
}

#[test]
fn skip_is_replaced_or_appended() {
    assert_eq!(with_skip("http://h/p?a=1", 100), "http://h/p?a=1&$skip=100");
    assert_eq!(
        with_skip("http://h/p?a=1&$skip=100&b=2", 200),
        "http://h/p?a=1&b=2&$skip=200"
    );
}
