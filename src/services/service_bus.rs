//! Service Bus namespace (Basic, Standard, Premium).
//!
//! # What it prices
//! Basic: messaging operations. Standard: an hourly base charge, messaging operations
//! (first 13M a month included) and brokered connections (first 1,000 included). Premium:
//! messaging-unit hours, with operations and connections included (billing-rules §5.7).
//!
//! # Meters
//! serviceName `Service Bus`, productName `Service Bus`:
//! - Basic: skuName `Basic`, `Basic Messaging Operations` (`1M`);
//! - Standard: skuName `Standard`, `Standard Base Unit` (`1/Hour`), `Standard Messaging
//!   Operations` (`1M`, tiers from 0/13/100/2,500 million, the first $0), `Standard Brokered
//!   Connection` (`1`, tiers from 0/1,000/100,000/500,000, the first $0);
//! - Premium: skuName `Premium`, `Premium Messaging Unit` (`1/Hour`).
//!
//! The API has two `Standard Base Unit` rows with the same product, SKU and meter name: a
//! `1/Hour` row and a `1/Month` row (the same charge shown for a 744-hour month). azcost uses
//! the `1/Hour` row, filtered on its unit so the lookup is not ambiguous: the base charge is
//! billed hourly, and an hourly rate prices any month length correctly.
//!
//! # Scenario fields
//! `sku` (`basic`, `standard` default, `premium`), `operations` a month (Basic and Standard,
//! default [`DEFAULT_OPERATIONS`]), `brokered_connections` (Standard, average concurrent
//! AMQP connections; no line when omitted), `messaging_units` (Premium: 1, 2, 4, 8 or 16,
//! default 1).
//!
//! # Assumptions
//! - 1,000,000 operations a month when not given (send + receive + management calls).
//!   Labelled *assumed*; within Standard's included 13M it costs nothing.
//! - The Standard base charge is per subscription, not per namespace (it shows under
//!   `$system`): a scenario with several Standard namespaces in one subscription overstates
//!   it. Each namespace here carries one base charge for the whole month.
//! - Premium messaging units run all month. Geo-replication, Hybrid Connections, WCF relays
//!   and egress are not priced.
//!
//! # Example
//! ```yaml
//! queue:
//!   kind: service_bus
//!   sku: standard
//!   operations: 20000000
//!   brokered_connections: 200
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::{Dimension, PriceQuery};

/// Messaging operations a month when the scenario does not say.
pub const DEFAULT_OPERATIONS: f64 = 1_000_000.0;
/// Premium namespace sizes, in messaging units.
pub const MESSAGING_UNITS: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0];

/// Namespace tier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceBusSku {
    Basic,
    #[default]
    Standard,
    Premium,
}

impl ServiceBusSku {
    fn catalog_sku(self) -> &'static str {
        match self {
            ServiceBusSku::Basic => "Basic",
            ServiceBusSku::Standard => "Standard",
            ServiceBusSku::Premium => "Premium",
        }
    }
}

/// A Service Bus namespace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceBus {
    /// `basic`, `standard` (default) or `premium`.
    #[serde(default)]
    pub sku: ServiceBusSku,
    /// Messaging operations a month (Basic and Standard); default 1,000,000.
    #[serde(default)]
    pub operations: Option<f64>,
    /// Standard only: average concurrent brokered (AMQP) connections (no line when omitted).
    #[serde(default)]
    pub brokered_connections: Option<f64>,
    /// Premium only: messaging units (1, 2, 4, 8 or 16; default 1).
    #[serde(default)]
    pub messaging_units: Option<f64>,
}

impl ServiceBus {
    fn query(&self, context: &Context, meter: &str) -> PriceQuery {
        context
            .query("Service Bus")
            .product("Service Bus")
            .sku(self.sku.catalog_sku())
            .meter(meter)
    }
}

impl Service for ServiceBus {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "operations", self.operations, 0.0, 1e13);
        check_range(
            &mut issues,
            "brokered_connections",
            self.brokered_connections,
            0.0,
            1e7,
        );
        if let Some(units) = self.messaging_units {
            if !MESSAGING_UNITS.contains(&units) {
                issues.push(FieldIssue::new(
                    "messaging_units",
                    format!("messaging_units must be 1, 2, 4, 8 or 16 (got {units})"),
                ));
            }
        }
        let misplaced = [
            (
                "messaging_units",
                self.messaging_units.is_some() && self.sku != ServiceBusSku::Premium,
            ),
            (
                "brokered_connections",
                self.brokered_connections.is_some() && self.sku != ServiceBusSku::Standard,
            ),
            (
                "operations",
                self.operations.is_some() && self.sku == ServiceBusSku::Premium,
            ),
        ];
        for (field, wrong) in misplaced {
            if wrong {
                issues.push(FieldIssue::new(
                    field,
                    format!(
                        "{field} does not apply to sku {}",
                        self.sku.catalog_sku().to_lowercase()
                    ),
                ));
            }
        }
        issues
    }

    fn sku_label(&self) -> String {
        match self.sku {
            ServiceBusSku::Premium => format!("Premium {} MU", self.messaging_units.unwrap_or(1.0)),
            sku => sku.catalog_sku().to_string(),
        }
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let hours = context.hours();
        let operations = Usage::or(self.operations, DEFAULT_OPERATIONS);
        let operations_line = |meter: &str| {
            MeterUse::new(
                format!("messaging operations ({})", operations.value),
                self.query(context, meter),
                decimal(operations.value),
                Dimension::Count,
            )
            .usage(&operations)
            .category(Category::Other)
        };
        match self.sku {
            ServiceBusSku::Basic => vec![operations_line("Basic Messaging Operations")],
            ServiceBusSku::Standard => {
                let mut meters = vec![
                    MeterUse::new(
                        format!("Standard base charge ({} h)", context.month.hours()),
                        self.query(context, "Standard Base Unit").unit("1/Hour"),
                        hours,
                        Dimension::Hours,
                    )
                    .category(Category::Other)
                    .note("billed once per subscription"),
                    operations_line("Standard Messaging Operations")
                        .note("first 13M a month included"),
                ];
                if let Some(connections) = self.brokered_connections {
                    meters.push(
                        MeterUse::new(
                            format!("brokered connections ({connections})"),
                            self.query(context, "Standard Brokered Connection"),
                            decimal(connections),
                            Dimension::Count,
                        )
                        .usage(&Usage::or(Some(connections), 0.0))
                        .category(Category::Other)
                        .note("first 1,000 included"),
                    );
                }
                meters
            }
            ServiceBusSku::Premium => {
                let units = self.messaging_units.unwrap_or(1.0);
                vec![MeterUse::new(
                    format!(
                        "messaging unit hours ({units} × {} h)",
                        context.month.hours()
                    ),
                    self.query(context, "Premium Messaging Unit"),
                    decimal(units) * hours,
                    Dimension::Hours,
                )
                .category(Category::Other)]
            }
        }
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

    fn namespace(sku: ServiceBusSku) -> ServiceBus {
        ServiceBus {
            sku,
            operations: None,
            brokered_connections: None,
            messaging_units: None,
        }
    }

    #[test]
    fn premium_bills_unit_hours() {
        let mut premium = namespace(ServiceBusSku::Premium);
        premium.messaging_units = Some(4.0);
        let meters = premium.meters(&context());
        assert_eq!(meters.len(), 1);
        assert_eq!(meters[0].quantity, Decimal::from(2_920));
    }

    #[test]
    fn standard_has_base_operations_and_optional_connections() {
        let mut standard = namespace(ServiceBusSku::Standard);
        let meters = standard.meters(&context());
        assert_eq!(meters.len(), 2);
        assert_eq!(meters[0].quantity, Decimal::from(730));
        assert_eq!(meters[1].quantity, Decimal::from(1_000_000));
        assert_eq!(meters[1].basis, Basis::Assumed);
        standard.brokered_connections = Some(1_500.0);
        assert_eq!(
            standard.meters(&context())[2].quantity,
            Decimal::from(1_500)
        );
    }

    #[test]
    fn validation_rejects_odd_sizes_and_misplaced_fields() {
        let mut premium = namespace(ServiceBusSku::Premium);
        premium.messaging_units = Some(3.0);
        premium.operations = Some(-1.0);
        let issues = premium.validate();
        assert_eq!(
            issues[0].message,
            "operations must be between 0 and 10000000000000 (got -1)"
        );
        assert_eq!(
            issues[1].message,
            "messaging_units must be 1, 2, 4, 8 or 16 (got 3)"
        );
        assert_eq!(issues[2].path, "operations");
    }

    #[test]
    fn every_sku_prices_in_westus_without_ambiguity() {
        let snapshot = Snapshot::embedded().unwrap();
        let mut standard = namespace(ServiceBusSku::Standard);
        standard.brokered_connections = Some(10.0);
        for service_bus in [
            namespace(ServiceBusSku::Basic),
            standard,
            namespace(ServiceBusSku::Premium),
        ] {
            for meter in service_bus.meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter")
                };
                let price = snapshot.catalog.lookup(query, "2026-11-01");
                assert!(
                    price.is_ok(),
                    "{:?} {}: {price:?}",
                    service_bus.sku,
                    meter.label
                );
            }
        }
    }

    #[test]
    fn the_base_unit_without_its_unit_is_ambiguous() {
        let snapshot = Snapshot::embedded().unwrap();
        let query = namespace(ServiceBusSku::Standard).query(&context(), "Standard Base Unit");
        let result = snapshot.catalog.lookup(&query, "2026-11-01");
        assert!(matches!(
            result,
            Err(crate::catalog::LookupError::Ambiguous { .. })
        ));
        let hourly = snapshot
            .catalog
            .lookup(&query.unit("1/Hour"), "2026-11-01")
            .unwrap();
        assert_eq!(hourly.unit.text, "1/Hour");
    }
}
