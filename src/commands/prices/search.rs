//! `azcost prices search TEXT...` and `azcost prices show --service … --sku …`: the names a
//! scenario author needs, found in the snapshot without reading JSON.

use std::collections::BTreeMap;

use anyhow::{bail, Result};

use super::super::{emit, load_snapshot, Outcome};
use crate::catalog::{nearest_names, normalise_whitespace, PriceRow};
use crate::cli::{SearchArgs, ShowArgs};
use crate::report;

/// One line per meter (its lowest tier, latest revision) whose names hold every word.
pub fn search(args: &SearchArgs) -> Result<Outcome> {
    let snapshot = load_snapshot(args.pricing.pricing.as_deref())?;
    let words: Vec<String> = args.words.iter().map(|word| word.to_lowercase()).collect();
    let mut meters: BTreeMap<Vec<&str>, &PriceRow> = BTreeMap::new();
    for row in snapshot.catalog.rows() {
        if args
            .service
            .as_deref()
            .is_some_and(|service| service != row.service_name)
            || args
                .region
                .as_deref()
                .is_some_and(|region| region != row.arm_region_name)
        {
            continue;
        }
        let names = [
            &row.service_name,
            &row.product_name,
            &row.sku_name,
            &row.meter_name,
            &row.arm_sku_name,
        ]
        .map(|name| name.as_str())
        .join(" ")
        .to_lowercase();
        if !words.iter().all(|word| names.contains(word.as_str())) {
            continue;
        }
        let key = vec![
            row.service_name.as_str(),
            row.arm_region_name.as_str(),
            row.product_name.as_str(),
            row.sku_name.as_str(),
            row.meter_name.as_str(),
            row.unit_of_measure.as_str(),
            row.price_type.as_str(),
            row.reservation_term.as_deref().unwrap_or(""),
        ];
        let kept = meters.entry(key).or_insert(row);
        let lower_tier = row.tier_minimum_units < kept.tier_minimum_units;
        let newer = row.tier_minimum_units == kept.tier_minimum_units
            && row.effective_start_date > kept.effective_start_date;
        if lower_tier || newer {
            *kept = row;
        }
    }
    if meters.is_empty() {
        bail!(
            "no meter in the snapshot has all of: {}; try fewer or shorter words",
            args.words.join(" ")
        );
    }
    let rows: Vec<&PriceRow> = meters.into_values().collect();
    emit(None, &report::prices::search(&rows, args.limit))?;
    Ok(Outcome::Clean)
}

/// Every row of one SKU of one service (white space normalised as look-ups do).
pub fn show(args: &ShowArgs) -> Result<Outcome> {
    let snapshot = load_snapshot(args.pricing.pricing.as_deref())?;
    let sku = normalise_whitespace(&args.sku);
    let service_rows: Vec<&PriceRow> = snapshot
        .catalog
        .rows()
        .iter()
        .filter(|row| row.service_name == args.service)
        .filter(|row| {
            args.region
                .as_deref()
                .is_none_or(|region| region == row.arm_region_name)
        })
        .collect();
    if service_rows.is_empty() {
        let services: Vec<String> = snapshot
            .catalog
            .rows()
            .iter()
            .map(|row| row.service_name.clone())
            .collect();
        let nearest = nearest_names(&args.service, &services, 3);
        bail!(
            "no rows for service `{}`{} (nearest: {})",
            args.service,
            args.region
                .as_deref()
                .map(|region| format!(" in {region}"))
                .unwrap_or_default(),
            nearest.join("; ")
        );
    }
    let rows: Vec<&PriceRow> = service_rows
        .iter()
        .copied()
        .filter(|row| normalise_whitespace(&row.sku_name) == sku)
        .collect();
    if rows.is_empty() {
        let skus: Vec<String> = service_rows
            .iter()
            .map(|row| row.sku_name.clone())
            .collect();
        bail!(
            "{} has no SKU `{}` (nearest: {}); `azcost prices search` finds names",
            args.service,
            args.sku,
            nearest_names(&args.sku, &skus, 3).join("; ")
        );
    }
    let text = format!(
        "{} / skuName \"{}\": {} rows\n{}",
        args.service,
        rows[0].sku_name,
        rows.len(),
        report::prices::show(&rows)
    );
    emit(None, &text)?;
    Ok(Outcome::Clean)
}
