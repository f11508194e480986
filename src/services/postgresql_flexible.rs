//! Azure Database for PostgreSQL Flexible Server: compute, storage and backup storage.
//!
//! # What it prices
//! The server's compute per hour (doubled by a high-availability standby), its provisioned
//! storage per GB-month, and backup storage beyond the free allowance of 100 % of provisioned
//! storage (billing-rules §5.1).
//!
//! # Meters
//! serviceName `Azure Database for PostgreSQL`:
//! - compute, priced per SKU-hour and found by armSkuName: productName `Azure Database for
//!   PostgreSQL Flexible Server Burstable BS Series Compute` (armSkuName `B1MS`, `B2S`,
//!   `Standard_B2ms` … `Standard_B20ms`), `… General Purpose Ddsv5 Series Compute`
//!   (`Standard_D2ds_v5` …), `… Memory Optimized Edsv5 Series Compute` (`Standard_E2ds_v5` …);
//! - compute priced per vCore-hour: `… General Purpose Dsv3 Series Compute`, skuName and
//!   meterName `vCore`;
//! - storage: productName `Azure Database for PostgreSQL Flex Server Storage`, meter `Storage
//!   Data Stored` (`1 GB/Month`);
//! - backup: productName `Azure Database for PostgreSQL Flexible Server Backup Storage`, meter
//!   `Backup Storage LRS Data Stored` (`1 GB/Month`).
//!
//! Compute is committable (`pricing: reservation-1y` …): Reservation rows are per vCore of the
//! series (skuName and meterName `vCore`), so a server-hour uses the SKU's vCores of them;
//! Burstable has none. Storage and backup stay pay-as-you-go.
//!
//! # Scenario fields
//! `sku` as the portal and the seeds write it (`B2ms`, `D4ds_v5`, `D4s_v3`, `E8ds_v5`),
//! `storage_gb` (32–65536), `high_availability` (`disabled` default, `same_zone`,
//! `zone_redundant`), `high_availability_doubles_storage` (default true),
//! `backup_retention_days` (7–35, default 7), `geo_redundant_backup` (default false),
//! `backup_storage_gb` (default: equal to `storage_gb`, assumed), `count` (servers, default 1).
//!
//! # Assumptions
//! - HA runs a standby with the same compute and storage; "this doubles your deployment
//!   costs" (how-to-cost-optimization). infracost doubles compute only, so whether storage
//!   doubles is the setting `high_availability_doubles_storage` (default true, per the doc).
//! - Backup storage defaults to the provisioned storage, i.e. within the free 100 %
//!   allowance, so no backup line is charged unless `backup_storage_gb` says more. Retention
//!   drives the backup size, which azcost does not derive: give `backup_storage_gb`.
//! - Geo-redundant backup bills `2 × backup − provisioned storage` GB (§5.1 formula) at the
//!   `Backup Storage LRS` meter, the only backup meter in the catalog.
//! - Servers run all month; a stopped server's compute savings are not modelled.
//!
//! # Example
//! ```yaml
//! database:
//!   kind: postgresql_flexible
//!   sku: D4ds_v5
//!   storage_gb: 128
//!   high_availability: zone_redundant
//! ```

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_sku, check_whole, decimal, Category, Context, FieldIssue, MeterUse, Service,
    Usage,
};
use crate::catalog::{Dimension, PriceQuery};

const PRODUCT: &str = "Azure Database for PostgreSQL Flexible Server";

/// How a SKU's compute is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pricing {
    /// One row per SKU, found by armSkuName.
    PerSku(&'static str),
    /// One row per vCore for the whole series.
    PerVcore,
}

/// A compute SKU.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SkuSpec {
    pub name: &'static str,
    /// The productName's series part, after "Azure Database for PostgreSQL Flexible Server".
    pub series: &'static str,
    pub pricing: Pricing,
    pub vcores: u32,
    pub memory_gib: u32,
}

const BURSTABLE: &str = "Burstable BS Series Compute";
const DDSV5: &str = "General Purpose Ddsv5 Series Compute";
const DSV3: &str = "General Purpose Dsv3 Series Compute";
const EDSV5: &str = "Memory Optimized Edsv5 Series Compute";

const fn sku(
    name: &'static str,
    series: &'static str,
    pricing: Pricing,
    vcores: u32,
    memory_gib: u32,
) -> SkuSpec {
    SkuSpec {
        name,
        series,
        pricing,
        vcores,
        memory_gib,
    }
}

use Pricing::{PerSku, PerVcore};

pub const SKUS: &[SkuSpec] = &[
    sku("B1ms", BURSTABLE, PerSku("B1MS"), 1, 2),
    sku("B2s", BURSTABLE, PerSku("B2S"), 2, 4),
    sku("B2ms", BURSTABLE, PerSku("Standard_B2ms"), 2, 8),
    sku("B4ms", BURSTABLE, PerSku("Standard_B4ms"), 4, 16),
    sku("B8ms", BURSTABLE, PerSku("Standard_B8ms"), 8, 32),
    sku("B12ms", BURSTABLE, PerSku("Standard_B12ms"), 12, 48),
    sku("B16ms", BURSTABLE, PerSku("Standard_B16ms"), 16, 64),
    sku("B20ms", BURSTABLE, PerSku("Standard_B20ms"), 20, 80),
    sku("D2ds_v5", DDSV5, PerSku("Standard_D2ds_v5"), 2, 8),
    sku("D4ds_v5", DDSV5, PerSku("Standard_D4ds_v5"), 4, 16),
    sku("D8ds_v5", DDSV5, PerSku("Standard_D8ds_v5"), 8, 32),
    sku("D16ds_v5", DDSV5, PerSku("Standard_D16ds_v5"), 16, 64),
    sku("D32ds_v5", DDSV5, PerSku("Standard_D32ds_v5"), 32, 128),
    sku("D48ds_v5", DDSV5, PerSku("Standard_D48ds_v5"), 48, 192),
    sku("D64ds_v5", DDSV5, PerSku("Standard_D64ds_v5"), 64, 256),
    sku("D96ds_v5", DDSV5, PerSku("Standard_D96ds_v5"), 96, 384),
    sku("D2s_v3", DSV3, PerVcore, 2, 8),
    sku("D4s_v3", DSV3, PerVcore, 4, 16),
    sku("D8s_v3", DSV3, PerVcore, 8, 32),
    sku("D16s_v3", DSV3, PerVcore, 16, 64),
    sku("D32s_v3", DSV3, PerVcore, 32, 128),
    sku("D48s_v3", DSV3, PerVcore, 48, 192),
    sku("D64s_v3", DSV3, PerVcore, 64, 256),
    sku("E2ds_v5", EDSV5, PerSku("Standard_E2ds_v5"), 2, 16),
    sku("E4ds_v5", EDSV5, PerSku("Standard_E4ds_v5"), 4, 32),
    sku("E8ds_v5", EDSV5, PerSku("Standard_E8ds_v5"), 8, 64),
    sku("E16ds_v5", EDSV5, PerSku("Standard_E16ds_v5"), 16, 128),
    sku("E20ds_v5", EDSV5, PerSku("Standard_E20ds_v5"), 20, 160),
    sku("E32ds_v5", EDSV5, PerSku("Standard_E32ds_v5"), 32, 256),
    sku("E48ds_v5", EDSV5, PerSku("Standard_E48ds_v5"), 48, 384),
    sku("E64ds_v5", EDSV5, PerSku("Standard_E64ds_v5"), 64, 512),
    sku("E96ds_v5", EDSV5, PerSku("Standard_E96ds_v5"), 96, 672),
];

/// High-availability standby placement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HighAvailability {
    #[default]
    Disabled,
    SameZone,
    ZoneRedundant,
}

/// A PostgreSQL flexible server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostgresqlFlexible {
    /// Compute SKU, e.g. `B2ms`, `D4ds_v5`, `D4s_v3`, `E8ds_v5`.
    pub sku: String,
    /// Provisioned storage in GB (32–65536).
    pub storage_gb: f64,
    /// `disabled` (default), `same_zone` or `zone_redundant`.
    #[serde(default)]
    pub high_availability: HighAvailability,
    /// Whether the HA standby's storage is billed too (default true).
    #[serde(default = "yes")]
    pub high_availability_doubles_storage: bool,
    /// Backup retention in days (7–35, default 7); sets the backup size you give.
    #[serde(default = "seven")]
    pub backup_retention_days: f64,
    /// Geo-redundant backup storage (default false).
    #[serde(default)]
    pub geo_redundant_backup: bool,
    /// Backup storage used in GB (default: equal to storage_gb, assumed).
    #[serde(default)]
    pub backup_storage_gb: Option<f64>,
    /// Number of identical servers (1–100, default 1).
    #[serde(default = "crate::services::usage::one")]
    pub count: f64,
}

fn yes() -> bool {
    true
}

fn seven() -> f64 {
    7.0
}

impl PostgresqlFlexible {
    pub fn spec(&self) -> Option<&'static SkuSpec> {
        SKUS.iter().find(|spec| spec.name == self.sku)
    }

    fn copies(&self) -> Decimal {
        match self.high_availability {
            HighAvailability::Disabled => Decimal::ONE,
            _ => Decimal::TWO,
        }
    }

    fn query(&self, context: &Context, product: &str) -> PriceQuery {
        context
            .query("Azure Database for PostgreSQL")
            .product(product)
    }

    /// Backup GB billed: beyond the free 100 % of storage; geo-redundant per the §5.1 formula.
    pub fn billed_backup_gb(&self, backup: f64) -> Decimal {
        let (backup, storage) = (decimal(backup), decimal(self.storage_gb));
        let used = if self.geo_redundant_backup {
            backup * Decimal::TWO
        } else {
            backup
        };
        (used - storage).max(Decimal::ZERO)
    }
}

impl Service for PostgresqlFlexible {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        let names: Vec<&str> = SKUS.iter().map(|spec| spec.name).collect();
        check_sku(&mut issues, "sku", &self.sku, &names);
        check_range(
            &mut issues,
            "storage_gb",
            Some(self.storage_gb),
            32.0,
            65_536.0,
        );
        check_range(
            &mut issues,
            "backup_retention_days",
            Some(self.backup_retention_days),
            7.0,
            35.0,
        );
        check_range(
            &mut issues,
            "backup_storage_gb",
            self.backup_storage_gb,
            0.0,
            1e7,
        );
        check_range(&mut issues, "count", Some(self.count), 1.0, 100.0);
        check_whole(&mut issues, "count", self.count);
        issues
    }

    fn sku_label(&self) -> String {
        match self.high_availability {
            HighAvailability::Disabled => self.sku.clone(),
            HighAvailability::SameZone => format!("{} HA same-zone", self.sku),
            HighAvailability::ZoneRedundant => format!("{} HA zone-redundant", self.sku),
        }
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let Some(spec) = self.spec() else {
            return Vec::new();
        };
        let count = decimal(self.count);
        let copies = self.copies();
        let product = format!("{PRODUCT} {}", spec.series);
        let server_hours = count * copies * context.hours();
        let (query, quantity, unit) = match spec.pricing {
            PerSku(arm_sku) => (
                self.query(context, &product).arm_sku(arm_sku),
                server_hours,
                "server",
            ),
            PerVcore => (
                self.query(context, &product).sku("vCore").meter("vCore"),
                server_hours * Decimal::from(spec.vcores),
                "vCore",
            ),
        };
        // Reservations are sold per vCore of the series (skuName and meterName `vCore`).
        let reservation = self.query(context, &product).sku("vCore").meter("vCore");
        let vcores_per_hour = match spec.pricing {
            PerSku(_) => Decimal::from(spec.vcores),
            PerVcore => Decimal::ONE,
        };
        let mut compute = MeterUse::new(
            format!("{} compute ({unit}-hours)", self.sku),
            query,
            quantity,
            Dimension::Hours,
        )
        .category(Category::Compute)
        .committable_as(reservation, vcores_per_hour);
        if copies > Decimal::ONE {
            compute = compute.note("high availability: standby doubles compute");
        }
        let storage_copies = if self.high_availability_doubles_storage {
            copies
        } else {
            Decimal::ONE
        };
        let storage_query = self
            .query(context, "Azure Database for PostgreSQL Flex Server Storage")
            .meter("Storage Data Stored");
        let mut storage = MeterUse::new(
            format!("storage ({} GB)", self.storage_gb),
            storage_query,
            decimal(self.storage_gb) * count * storage_copies,
            Dimension::GigabyteMonths,
        )
        .category(Category::Data);
        if storage_copies > Decimal::ONE {
            storage = storage.note(
                "high availability: standby storage billed too (high_availability_doubles_storage)",
            );
        }
        let backup = Usage::or(self.backup_storage_gb, self.storage_gb);
        let backup_query = self
            .query(
                context,
                "Azure Database for PostgreSQL Flexible Server Backup Storage",
            )
            .meter("Backup Storage LRS Data Stored");
        let note = if self.geo_redundant_backup {
            "geo-redundant: 2 × backup − provisioned storage"
        } else {
            "beyond the free 100 % of provisioned storage"
        };
        let backup_line = MeterUse::new(
            format!("backup storage ({} GB used)", backup.value),
            backup_query,
            self.billed_backup_gb(backup.value) * count,
            Dimension::GigabyteMonths,
        )
        .usage(&backup)
        .category(Category::Data)
        .note(note);
        vec![compute, storage, backup_line]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::snapshot::Snapshot;
    use crate::services::MeterSource;

    fn context() -> Context {
        crate::services::test_context()
    }

    fn server(yaml: &str) -> PostgresqlFlexible {
        serde_norway::from_str(yaml).unwrap()
    }

    #[test]
    fn high_availability_doubles_compute_and_storage() {
        let meters = server("sku: D4ds_v5\nstorage_gb: 128\nhigh_availability: zone_redundant")
            .meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(1_460));
        assert_eq!(meters[1].quantity, Decimal::from(256));
        let compute_only = server("sku: D4ds_v5\nstorage_gb: 128\nhigh_availability: same_zone\nhigh_availability_doubles_storage: false");
        assert_eq!(
            compute_only.meters(&context())[1].quantity,
            Decimal::from(128)
        );
    }

    #[test]
    fn per_vcore_series_multiply_by_vcores() {
        let meters = server("sku: D4s_v3\nstorage_gb: 64").meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(2_920)); // 4 vCores × 730 h
    }

    #[test]
    fn backup_is_free_up_to_the_provisioned_storage() {
        let default = server("sku: B2ms\nstorage_gb: 128").meters(&context());
        assert_eq!(default[2].quantity, Decimal::ZERO);
        assert_eq!(default[2].basis, crate::services::Basis::Assumed);
        let more = server("sku: B2ms\nstorage_gb: 128\nbackup_storage_gb: 200").meters(&context());
        assert_eq!(more[2].quantity, Decimal::from(72));
        let geo =
            server("sku: B2ms\nstorage_gb: 128\ngeo_redundant_backup: true").meters(&context());
        assert_eq!(geo[2].quantity, Decimal::from(128)); // 2 × 128 − 128
    }

    #[test]
    fn validation() {
        let issues = server("sku: D4DS_v5\nstorage_gb: 16\nbackup_retention_days: 40").validate();
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0].suggestion.as_deref(), Some("D4ds_v5"));
    }

    #[test]
    fn every_sku_resolves_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for spec in SKUS {
            let yaml = format!("sku: {}\nstorage_gb: 32\nbackup_storage_gb: 64", spec.name);
            for meter in server(&yaml).meters(&context()) {
                let MeterSource::Catalog(query) = &meter.source else {
                    panic!("catalog meter expected")
                };
                if let Err(error) = snapshot.catalog.lookup(query, "2026-11-01") {
                    panic!("{}: {error}", spec.name);
                }
            }
        }
    }
}
