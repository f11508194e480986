//! The reservation and savings-plan cells shared by the table and markdown renderers.
//!
//! Only an estimate with a resource that sets `pricing` gets the extra columns (Pricing, PAYG,
//! Saving) and the saving sentences, so reports of pay-as-you-go scenarios look as they did.

use crate::estimate::{Estimate, Line};
use crate::money::Money;

/// Whether any line of the estimate was asked to be priced under a commitment.
pub(crate) fn has_pricing(estimate: &Estimate) -> bool {
    estimate.lines.iter().any(|line| line.pricing.is_some())
}

/// The line grid's headers and right-aligned columns, with the commitment columns when asked.
pub(crate) fn line_headers(committed: bool) -> (Vec<&'static str>, Vec<usize>) {
    let mut headers = vec![
        "Resource",
        "Kind",
        "SKU",
        "Meter",
        "Quantity",
        "Unit price",
        "Monthly",
    ];
    let mut right = vec![4, 6];
    if committed {
        headers.extend(["Pricing", "PAYG", "Saving"]);
        right.extend([8, 9]);
    }
    headers.push("Status");
    (headers, right)
}

/// Pricing mode, pay-as-you-go monthly and saving: `payg`, `—`, `—` for uncommitted lines.
pub(crate) fn commitment_cells(line: &Line) -> [String; 3] {
    let money = |amount: Option<Money>| {
        amount
            .map(|amount| amount.grouped())
            .unwrap_or_else(|| "—".to_string())
    };
    [
        line.pricing
            .map(|pricing| pricing.as_str())
            .unwrap_or("payg")
            .to_string(),
        money(line.pay_as_you_go),
        money(line.saving),
    ]
}

/// "saving vs pay-as-you-go USD 1,234.56 per month".
pub(crate) fn saving_sentence(saving: Money, currency: &str) -> String {
    format!(
        "saving vs pay-as-you-go {currency} {} per month",
        saving.grouped()
    )
}
