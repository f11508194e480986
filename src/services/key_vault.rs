//! Key Vault (Standard and Premium vaults; not Managed HSM).
//!
//! # What it prices
//! A vault has no base fee: it bills per 10,000 operations, per renewal and rotation, and in
//! Premium per HSM-protected key per month (billing-rules §5.8: "take from Retail API").
//!
//! # Meters
//! serviceName `Key Vault`, productName `Key Vault`, skuName `Standard` or `Premium`:
//! `Operations` (`10K`, software-key and secret operations), `Advanced Key Operations`
//! (`10K`, RSA 3072/4096 and EC keys), `Certificate Renewal Request` (`1`), `Secret Renewal`
//! (`1`), `Automated Key Rotation` (`1 Rotation`); Premium only: `Premium HSM-protected RSA
//! 2048-bit key` (`1`, per key a month) and `Premium HSM-protected Advanced Key` (`1`, per key a
//! month, volume tiers at 250, 1,500 and 4,000 keys).
//!
//! # Scenario fields
//! `sku` (`standard` default, `premium`), `operations` a month (default
//! [`DEFAULT_OPERATIONS`]); optional, no line when omitted: `advanced_key_operations`,
//! `certificate_renewals`, `secret_renewals`, `automated_key_rotations` (all per month), and
//! for Premium `hsm_keys` (RSA 2048-bit) and `hsm_advanced_keys` (keys held).
//!
//! # Assumptions
//! - 100,000 operations a month when not given: an application reading a handful of secrets
//!   at start-up and on refresh. Labelled *assumed*.
//! - HSM keys are billed for the whole month they exist ("per key per month"), so the
//!   quantity is the number of keys, not key-hours.
//! - Certificate renewals priced here are the vault's renewal request fee, not the CA's.
//!
//! # Example
//! ```yaml
//! secrets:
//!   kind: key_vault
//!   sku: standard
//!   operations: 250000
//!   secret_renewals: 2
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{check_range, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage};
use crate::catalog::Dimension;

/// Operations a month when the scenario does not say.
pub const DEFAULT_OPERATIONS: f64 = 100_000.0;

/// Vault pricing tier.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyVaultSku {
    #[default]
    Standard,
    Premium,
}

impl KeyVaultSku {
    fn catalog_sku(self) -> &'static str {
        match self {
            KeyVaultSku::Standard => "Standard",
            KeyVaultSku::Premium => "Premium",
        }
    }
}

/// A key vault and its monthly use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyVault {
    /// `standard` (default) or `premium` (HSM-protected keys).
    #[serde(default)]
    pub sku: KeyVaultSku,
    /// Secret, certificate and software-key operations a month; default 100,000.
    #[serde(default)]
    pub operations: Option<f64>,
    /// Operations a month on RSA 3072/4096-bit or EC keys (no line when omitted).
    #[serde(default)]
    pub advanced_key_operations: Option<f64>,
    /// Premium only: HSM-protected RSA 2048-bit keys held (no line when omitted).
    #[serde(default)]
    pub hsm_keys: Option<f64>,
    /// Premium only: HSM-protected advanced (RSA 3072/4096, EC) keys held (no line when omitted).
    #[serde(default)]
    pub hsm_advanced_keys: Option<f64>,
    /// Certificate renewal requests a month (no line when omitted).
    #[serde(default)]
    pub certificate_renewals: Option<f64>,
    /// Managed secret renewals a month (no line when omitted).
    #[serde(default)]
    pub secret_renewals: Option<f64>,
    /// Automated key rotations a month (no line when omitted).
    #[serde(default)]
    pub automated_key_rotations: Option<f64>,
}

impl KeyVault {
    /// The optional per-item meters: (field, value, meter, label, dimension note).
    fn optional_meters(&self) -> [(&'static str, Option<f64>, &'static str, &'static str); 6] {
        [
            (
                "advanced_key_operations",
                self.advanced_key_operations,
                "Advanced Key Operations",
                "advanced key operations",
            ),
            (
                "hsm_keys",
                self.hsm_keys,
                "Premium HSM-protected RSA 2048-bit key",
                "HSM-protected RSA 2048-bit keys",
            ),
            (
                "hsm_advanced_keys",
                self.hsm_advanced_keys,
                "Premium HSM-protected Advanced Key",
                "HSM-protected advanced keys",
            ),
            (
                "certificate_renewals",
                self.certificate_renewals,
                "Certificate Renewal Request",
                "certificate renewals",
            ),
            (
                "secret_renewals",
                self.secret_renewals,
                "Secret Renewal",
                "secret renewals",
            ),
            (
                "automated_key_rotations",
                self.automated_key_rotations,
                "Automated Key Rotation",
                "automated key rotations",
            ),
        ]
    }
}

impl Service for KeyVault {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        check_range(&mut issues, "operations", self.operations, 0.0, 1e13);
        for (field, value, _, _) in self.optional_meters() {
            check_range(&mut issues, field, value, 0.0, 1e12);
        }
        if self.sku == KeyVaultSku::Standard {
            for (field, value) in [
                ("hsm_keys", self.hsm_keys),
                ("hsm_advanced_keys", self.hsm_advanced_keys),
            ] {
                if value.is_some() {
                    issues.push(FieldIssue::new(
                        field,
                        format!("{field} needs sku: premium (HSM-protected keys)"),
                    ));
                }
            }
        }
        issues
    }

    fn sku_label(&self) -> String {
        self.sku.catalog_sku().to_string()
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let query = |meter: &str| {
            context
                .query("Key Vault")
                .product("Key Vault")
                .sku(self.sku.catalog_sku())
                .meter(meter)
        };
        let operations = Usage::or(self.operations, DEFAULT_OPERATIONS);
        let mut meters = vec![MeterUse::new(
            format!("operations ({})", operations.value),
            query("Operations"),
            decimal(operations.value),
            Dimension::Count,
        )
        .usage(&operations)
        .category(Category::Security)];
        for (_, value, meter, label) in self.optional_meters() {
            let Some(value) = value else { continue };
            meters.push(
                MeterUse::new(
                    format!("{label} ({value})"),
                    query(meter),
                    decimal(value),
                    Dimension::Count,
                )
                .usage(&Usage::or(Some(value), 0.0))
                .category(Category::Security),
            );
        }
        meters
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

    fn vault(sku: KeyVaultSku) -> KeyVault {
        KeyVault {
            sku,
            operations: None,
            advanced_key_operations: None,
            hsm_keys: None,
            hsm_advanced_keys: None,
            certificate_renewals: None,
            secret_renewals: None,
            automated_key_rotations: None,
        }
    }

    fn everything(sku: KeyVaultSku) -> KeyVault {
        KeyVault {
            operations: Some(25_000.0),
            advanced_key_operations: Some(1.0),
            certificate_renewals: Some(1.0),
            secret_renewals: Some(1.0),
            automated_key_rotations: Some(1.0),
            hsm_keys: (sku == KeyVaultSku::Premium).then_some(3.0),
            hsm_advanced_keys: (sku == KeyVaultSku::Premium).then_some(300.0),
            ..vault(sku)
        }
    }

    #[test]
    fn operations_default_and_optional_lines_appear_only_when_given() {
        let meters = vault(KeyVaultSku::Standard).meters(&context());
        assert_eq!(meters.len(), 1);
        assert_eq!(meters[0].quantity, Decimal::from(100_000));
        assert_eq!(meters[0].basis, Basis::Assumed);
        let meters = everything(KeyVaultSku::Premium).meters(&context());
        assert_eq!(meters.len(), 7);
        assert_eq!(meters[0].quantity, Decimal::from(25_000));
        assert_eq!(meters[0].basis, Basis::Usage);
        assert_eq!(meters[2].quantity, Decimal::from(3));
    }

    #[test]
    fn validation_rejects_negative_numbers_and_hsm_keys_on_standard() {
        let mut standard = vault(KeyVaultSku::Standard);
        standard.operations = Some(-5.0);
        standard.hsm_keys = Some(1.0);
        let issues = standard.validate();
        assert_eq!(
            issues[0].message,
            "operations must be between 0 and 10000000000000 (got -5)"
        );
        assert_eq!(issues[1].path, "hsm_keys");
    }

    #[test]
    fn every_meter_of_both_skus_prices_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for sku in [KeyVaultSku::Standard, KeyVaultSku::Premium] {
            for meter in everything(sku).meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter")
                };
                let price = snapshot.catalog.lookup(query, "2026-11-01");
                assert!(price.is_ok(), "{sku:?} {}: {price:?}", meter.label);
            }
        }
    }

    #[test]
    fn advanced_hsm_keys_walk_the_volume_tiers() {
        let snapshot = Snapshot::embedded().unwrap();
        let meters = everything(KeyVaultSku::Premium).meters(&context());
        let MeterSource::Catalog(query) = &meters[3].source else {
            panic!("catalog meter")
        };
        let price = snapshot.catalog.lookup(query, "2026-11-01").unwrap();
        assert_eq!(price.tiers.len(), 4);
    }
}
