//! Azure Communication Services Email.
//!
//! # What it prices
//! Emails sent and the megabytes they carry (billing-rules §5.8: "per email + per MB
//! transferred (headers + body + attachments, per recipient)"). There is no base fee.
//!
//! # Meters
//! serviceName `Email`, productName `Email`, skuName `Basic`: `Basic Sent Email` (`1`) and
//! `Basic Data Transferred` (`1 MB`).
//!
//! # Scenario fields
//! `emails` a month, one per recipient (default [`DEFAULT_EMAILS`]), `megabytes` a month
//! (default: `emails × `[`DEFAULT_MEGABYTES_PER_EMAIL`]).
//!
//! # Assumptions
//! - 10,000 emails a month when not given (sign-up, password reset and notification mail
//!   for a small app). Labelled *assumed*.
//! - Without `megabytes`, each email is 0.1 MB (a 100 KB HTML message without attachments).
//!   Labelled *assumed*.
//! - An email to several recipients counts once per recipient, in both meters.
//! - The custom domain and the Communication Services resource itself cost nothing.
//!
//! # Example
//! ```yaml
//! mail:
//!   kind: communication_email
//!   emails: 50000
//!   megabytes: 4000
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::{Dimension, PriceQuery};

/// Emails a month when the scenario does not say.
pub const DEFAULT_EMAILS: f64 = 10_000.0;
/// Size of one email when the scenario does not give the megabytes.
pub const DEFAULT_MEGABYTES_PER_EMAIL: f64 = 0.1;

/// Email sent through Azure Communication Services.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunicationEmail {
    /// Emails sent a month, counted per recipient; default 10,000.
    #[serde(default)]
    pub emails: Option<f64>,
    /// MB transferred a month (headers, body, attachments, per recipient); default 0.1 MB
    /// per email.
    #[serde(default)]
    pub megabytes: Option<f64>,
}

fn query(context: &Context, meter: &str) -> PriceQuery {
    context
        .query("Email")
        .product("Email")
        .sku("Basic")
        .meter(meter)
}

impl Service for CommunicationEmail {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "emails", self.emails, 0.0, 1e11);
        check_range(&mut issues, "megabytes", self.megabytes, 0.0, 1e12);
        issues
    }

    fn sku_label(&self) -> String {
        "Basic".to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let emails = Usage::or(self.emails, DEFAULT_EMAILS);
        let megabytes = Usage::or(self.megabytes, emails.value * DEFAULT_MEGABYTES_PER_EMAIL);
        let mut data = MeterUse::new(
            format!("data transferred ({} MB)", megabytes.value),
            query(context, "Basic Data Transferred"),
            decimal(megabytes.value),
            Dimension::Megabytes,
        )
        .usage(&megabytes)
        .category(Category::Other);
        if megabytes.assumed {
            data = data.note(format!(
                "{DEFAULT_MEGABYTES_PER_EMAIL} MB per email assumed"
            ));
        }
        vec![
            MeterUse::new(
                format!("emails sent ({})", emails.value),
                query(context, "Basic Sent Email"),
                decimal(emails.value),
                Dimension::Count,
            )
            .usage(&emails)
            .category(Category::Other),
            data,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::services::{Basis, MeterSource};
    use rust_decimal::Decimal;

    fn context() -> Context {
        crate::services::test_context()
    }

    #[test]
    fn megabytes_default_to_a_size_per_email() {
        let mail = CommunicationEmail {
            emails: Some(20_000.0),
            megabytes: None,
        };
        let meters = mail.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(20_000));
        assert_eq!(meters[0].basis, Basis::Usage);
        assert_eq!(meters[1].quantity, Decimal::from(2_000));
        assert_eq!(meters[1].basis, Basis::Assumed);
    }

    #[test]
    fn negative_numbers_are_rejected() {
        let mail = CommunicationEmail {
            emails: Some(-3.0),
            megabytes: None,
        };
        assert_eq!(
            mail.validate()[0].message,
            "emails must be between 0 and 100000000000 (got -3)"
        );
    }

    #[test]
    fn both_meters_price_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        let mail = CommunicationEmail {
            emails: None,
            megabytes: None,
        };
        for meter in mail.meters(&context()) {
            let MeterSource::Catalog(query) = &meter.source else {
                panic!("catalog meter")
            };
            let price = snapshot.catalog.lookup(query, "2026-11-01");
            assert!(price.is_ok(), "{}: {price:?}", meter.label);
        }
    }
}
