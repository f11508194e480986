//! `pricing`, the one field every kind has: read (and removed) before the kind decodes the
//! resource, since the kinds' own fields deny unknown names; checked against the kind's meters
//! (a reservation needs a compute-hour meter it can cover).

use serde_norway::Mapping;

use super::{owner, prefix, report_issue, Context, Draft};
use crate::catalog::{nearest_name, PricingMode};
use crate::services::{FieldIssue, ServiceSpec};

/// The field every kind has: how the resource's compute is bought.
pub(super) const PRICING: &str = "pricing";

/// Removes `pricing` from a resource's fields and reads it (default pay-as-you-go); `None`
/// after reporting a value that is not a pricing mode.
pub(super) fn take_pricing(
    context: &mut Context,
    fields: &mut Mapping,
    draft: &Draft,
    name: &str,
    environment: &str,
) -> Option<PricingMode> {
    let Some(value) = fields.remove(PRICING) else {
        return Some(PricingMode::PayAsYouGo);
    };
    match crate::services::decode_at::<PricingMode>(value) {
        Ok(pricing) => Some(pricing),
        Err(mut issue) => {
            issue.path = PRICING.to_string();
            let from = owner(draft, PRICING);
            let base = format!("environments.{from}.resources.{name}");
            report_issue(context, &base, prefix(issue, name, environment, &from));
            None
        }
    }
}

/// serde lists a kind's own fields for an unknown one; `pricing` is every kind's too.
pub(super) fn mention_pricing(issue: &mut FieldIssue) {
    if !issue.at_key || issue.path.contains('.') || !issue.message.starts_with("unknown field") {
        return;
    }
    issue.message.push_str(", pricing");
    if issue.suggestion.is_none() {
        issue.suggestion = nearest_name(&issue.path, &[PRICING.to_string()], 0.8);
    }
}

/// Whether any of the kind's meters is one a reservation or savings plan can cover (the
/// meters do not depend on the region or month for this).
pub(super) fn has_committable_meter(spec: &ServiceSpec) -> bool {
    let context = crate::services::Context {
        region: String::new(),
        month: crate::money::MonthLength::average(),
        environment: String::new(),
        simulated: None,
    };
    spec.service()
        .meters(&context)
        .iter()
        .any(|meter| meter.commitment.is_some())
}
