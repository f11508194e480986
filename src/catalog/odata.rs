//! Retail Prices API queries: OData `$filter`s and request URLs, built without a network.
//!
//! `azcost prices fetch` turns what scenarios look up ([`PriceQuery`]) or whole services and
//! regions into as few requests as is reasonable: the meters of one service in one region share
//! one `$filter`, joined with `or`, until the filter reaches [`MAX_FILTER_CHARS`] (the API sits
//! behind a gateway with URL limits, and one long query fails as a whole). Values are quoted
//! exactly as written — since 2023-01-01-preview the API compares them case-sensitively — with
//! `'` doubled, OData's escape. Both Consumption and Reservation rows are asked for, so a
//! refreshed snapshot can price reservations too; savings-plan rates ride on Consumption rows
//! with [`API_VERSION`].
//!
//! `productName` is left out of a meter's clause when the query names a SKU or meter: the API
//! sometimes spells product names with U+00A0, which an exact filter would miss, and the few
//! extra rows it brings in are told apart by the catalog's own look-up.

use std::collections::BTreeMap;

use super::PriceQuery;

/// The only api-version that returns `savingsPlan` rates (see shared API notes).
pub const API_VERSION: &str = "2023-01-01-preview";
/// The longest `$filter` put into one request, in characters before percent-encoding.
pub const MAX_FILTER_CHARS: usize = 1_500;
/// The price types a fetch asks for.
const PRICE_TYPES: &str = "(priceType eq 'Consumption' or priceType eq 'Reservation')";

/// One request series (first page plus the pages it links to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchQuery {
    /// The OData `$filter`, unencoded: what a person reads and what error messages name.
    pub filter: String,
    /// The first page's full URL.
    pub url: String,
}

/// `value` as an OData string literal: single quotes around, inner quotes doubled.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// The clause narrowing a service and region to one looked-up meter, or `None` when the query
/// asks for the whole service in that region.
pub fn meter_clause(query: &PriceQuery) -> Option<String> {
    let mut parts = Vec::new();
    let named_meter = query.sku.is_some() || query.meter.is_some();
    let fields = [
        (
            "productName",
            if named_meter { &None } else { &query.product },
        ),
        ("skuName", &query.sku),
        ("meterName", &query.meter),
        ("armSkuName", &query.arm_sku),
    ];
    for (field, value) in fields {
        if let Some(value) = value {
            parts.push(format!("{field} eq {}", quote(value)));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// The filters that fetch every row `queries` can match, grouped by service and region, each
/// at most [`MAX_FILTER_CHARS`] long (a single clause longer than that still gets its own).
pub fn filters_for_queries(queries: &[PriceQuery]) -> Vec<String> {
    // (service, region) → clauses; `None` inside means "the whole service in the region".
    let mut groups: BTreeMap<(&str, &str), Option<Vec<String>>> = BTreeMap::new();
    for query in queries {
        let entry = groups
            .entry((query.service.as_str(), query.region.as_str()))
            .or_insert_with(|| Some(Vec::new()));
        match (meter_clause(query), entry.as_mut()) {
            (Some(clause), Some(clauses)) => clauses.push(clause),
            (None, _) => *entry = None,
            (Some(_), None) => {}
        }
    }
    let mut filters = Vec::new();
    for ((service, region), clauses) in groups {
        let head = format!(
            "serviceName eq {} and armRegionName eq {} and {PRICE_TYPES}",
            quote(service),
            quote(region)
        );
        let Some(mut clauses) = clauses else {
            filters.push(head);
            continue;
        };
        clauses.sort();
        clauses.dedup();
        let mut chunk: Vec<String> = Vec::new();
        let finish = |chunk: &[String]| {
            let alternatives: Vec<String> =
                chunk.iter().map(|clause| format!("({clause})")).collect();
            format!("{head} and ({})", alternatives.join(" or "))
        };
        for clause in clauses {
            chunk.push(clause);
            if chunk.len() > 1 && finish(&chunk).len() > MAX_FILTER_CHARS {
                let last = chunk.pop().unwrap_or_default();
                filters.push(finish(&chunk));
                chunk = vec![last];
            }
        }
        if !chunk.is_empty() {
            filters.push(finish(&chunk));
        }
    }
    filters
}

/// The filters for whole services and/or regions: every service × region pair given (either
/// list may be empty, not both: the whole catalog is about a million rows).
pub fn filters_for_scope(services: &[String], regions: &[String]) -> Vec<String> {
    let mut filters = Vec::new();
    let clause = |field: &str, value: &str| format!("{field} eq {}", quote(value));
    match (services.is_empty(), regions.is_empty()) {
        (true, true) => {}
        (false, true) => {
            for service in services {
                filters.push(format!(
                    "{} and {PRICE_TYPES}",
                    clause("serviceName", service)
                ));
            }
        }
        (true, false) => {
            for region in regions {
                filters.push(format!(
                    "{} and {PRICE_TYPES}",
                    clause("armRegionName", region)
                ));
            }
        }
        (false, false) => {
            for service in services {
                for region in regions {
                    filters.push(format!(
                        "{} and {} and {PRICE_TYPES}",
                        clause("serviceName", service),
                        clause("armRegionName", region)
                    ));
                }
            }
        }
    }
    filters
}

/// The first-page URL of `filter` against `api_url` in `currency`.
pub fn query_url(api_url: &str, filter: &str, currency: &str) -> FetchQuery {
    let separator = if api_url.contains('?') { '&' } else { '?' };
    let url = format!(
        "{api_url}{separator}api-version={API_VERSION}&currencyCode={}&$filter={}",
        percent_encode(&quote(currency)),
        percent_encode(filter)
    );
    FetchQuery {
        filter: filter.to_string(),
        url,
    }
}

/// `url` with its `$skip` parameter set to `skip` (replaced if present, else appended).
pub fn with_skip(url: &str, skip: usize) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut parameters: Vec<String> = query
        .split('&')
        .filter(|parameter| !parameter.is_empty() && !parameter.starts_with("$skip="))
        .map(str::to_string)
        .collect();
    parameters.push(format!("$skip={skip}"));
    format!("{base}?{}", parameters.join("&"))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn percent_encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Reverses [`percent_encode`] (and `+` as a space, as form encoding writes it).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (byte, hex) {
            (b'%', Some(value)) => {
                decoded.push(value);
                index += 3;
            }
            (b'+', _) => {
                decoded.push(b' ');
                index += 1;
            }
            _ => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
#[path = "odata_tests.rs"]
mod tests;
