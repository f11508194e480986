//! Azure service kinds: one file each, registered once in [`ServiceSpec`].
//!
//! A kind turns what the scenario says about one resource (SKU, count, usage) into the meters
//! it uses in a month ([`MeterUse`]): which Retail Prices API row prices it ([`PriceQuery`]),
//! how much of it (in a [`Dimension`] the catalog converts to the meter's unit), and whether
//! that quantity is fixed by the SKU, given by the user, or an assumed default. Kinds never
//! look prices up themselves and never import each other, so each file can be read alone.
//!
//! To add a kind: write `src/services/<kind>.rs` with the fixed `//!` sections (*What it
//! prices*, *Meters*, *Scenario fields*, *Assumptions*, *Example*), add one line to
//! `service_kinds!` below, and add a scenario fixture and its snapshot.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::{Dimension, PriceQuery};
use crate::money::MonthLength;
pub use crate::simulate::{Alternative, CapacityReport, Demand, ResourceSimulation, Simulated};

mod usage;
pub use usage::{
    check_not_empty, check_range, check_sku, check_whole, decimal, decode as decode_at, FieldIssue,
    Usage,
};

pub mod app_service_plan;
pub mod application_gateway;
pub mod bandwidth;
pub mod blob_storage;
pub mod communication_email;
pub mod container_apps;
pub mod container_registry;
pub mod cosmos_db;
pub mod custom;
pub mod dns_zone;
pub mod front_door;
pub mod key_vault;
pub mod log_analytics;
pub mod managed_redis;
pub mod openai;
pub mod postgresql_flexible;
pub mod private_endpoint;
pub mod redis_cache;
pub mod service_bus;
pub mod static_web_app;

/// Where a resource is priced.
#[derive(Clone, Debug)]
pub struct Context {
    pub region: String,
    pub month: MonthLength,
    pub environment: String,
    /// Quantities the capacity simulation measured for this resource, when its environment has
    /// traffic; a kind prices these instead of its fixed counts.
    pub simulated: Option<Simulated>,
}

impl Context {
    pub fn hours(&self) -> Decimal {
        self.month.hours_decimal()
    }

    /// A price query for `service` in this context's region.
    pub fn query(&self, service: &str) -> PriceQuery {
        PriceQuery::new(service, &self.region)
    }
}

/// A westus, 730-hour context for kinds' unit tests.
#[cfg(test)]
pub(crate) fn test_context() -> Context {
    Context {
        region: "westus".to_string(),
        month: MonthLength::average(),
        environment: "test".to_string(),
        simulated: None,
    }
}

/// What a line's cost is for, as finance groups it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Compute,
    Data,
    Network,
    Monitoring,
    Security,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Compute,
        Category::Data,
        Category::Network,
        Category::Monitoring,
        Category::Security,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Compute => "compute",
            Category::Data => "data",
            Category::Network => "network",
            Category::Monitoring => "monitoring",
            Category::Security => "security",
            Category::Other => "other",
        }
    }
}

/// Whether a quantity comes from the SKU, from the scenario, or from a documented default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Set by the SKU and count: instance-hours, base fees.
    Fixed,
    /// A usage quantity the scenario gives.
    Usage,
    /// A usage quantity the scenario does not give: azcost's documented default.
    Assumed,
}

/// How a meter is priced.
#[derive(Clone, Debug, PartialEq)]
pub enum MeterSource {
    /// A Retail Prices API row from the catalog.
    Catalog(PriceQuery),
    /// A price the scenario states itself, with its source (the `custom` kind).
    Custom {
        unit_price: Decimal,
        unit: String,
        source: String,
    },
}

/// One meter a resource uses in a month.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterUse {
    /// What the line is, for people: "P2v3 instance hours".
    pub label: String,
    pub source: MeterSource,
    pub quantity: Decimal,
    pub dimension: Dimension,
    pub basis: Basis,
    pub category: Category,
    /// Why the quantity is what it is (free grants, HA doubling, defaults used).
    pub note: Option<String>,
    /// Set on compute-hour meters a reservation or savings plan can cover (a resource's
    /// `pricing`); every other meter stays pay-as-you-go.
    pub commitment: Option<CommitmentMeter>,
}

/// Where a committable meter's Reservation rows are, and how many of their units one hour of
/// the meter uses. Savings-plan rates are read from the meter's own pay-as-you-go row.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentMeter {
    /// The Consumption query whose meter the Reservation rows share (usually the meter's own).
    pub reservation: PriceQuery,
    /// Reservation units per hour of the meter (a PostgreSQL server-hour is its vCores).
    pub units_per_hour: Decimal,
}

impl MeterUse {
    pub fn new(
        label: impl Into<String>,
        query: PriceQuery,
        quantity: Decimal,
        dimension: Dimension,
    ) -> Self {
        MeterUse {
            label: label.into(),
            source: MeterSource::Catalog(query),
            quantity,
            dimension,
            basis: Basis::Fixed,
            category: Category::Other,
            note: None,
            commitment: None,
        }
    }

    /// Marks a compute-hour meter as one a reservation or savings plan can cover, with its
    /// Reservation rows on the same meter.
    pub fn committable(mut self) -> Self {
        if let MeterSource::Catalog(query) = &self.source {
            self.commitment = Some(CommitmentMeter {
                reservation: query.clone(),
                units_per_hour: Decimal::ONE,
            });
        }
        self
    }

    /// Marks a compute-hour meter as committable whose Reservation rows are on another meter
    /// (`reservation`), `units_per_hour` of them per hour of this one.
    pub fn committable_as(mut self, reservation: PriceQuery, units_per_hour: Decimal) -> Self {
        self.commitment = Some(CommitmentMeter {
            reservation,
            units_per_hour,
        });
        self
    }

    /// Notes the armRegionName a global or zone-priced meter is looked up under.
    pub fn priced_under(self, pricing_region: &str) -> Self {
        self.note(format!("priced under armRegionName `{pricing_region}`"))
    }

    pub fn basis(mut self, basis: Basis) -> Self {
        self.basis = basis;
        self
    }

    /// Takes the basis from a usage input: given by the scenario or assumed.
    pub fn usage<T>(self, usage: &Usage<T>) -> Self {
        self.basis(if usage.assumed {
            Basis::Assumed
        } else {
            Basis::Usage
        })
    }

    pub fn category(mut self, category: Category) -> Self {
        self.category = category;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        let note = note.into();
        self.note = Some(match self.note.take() {
            Some(existing) => format!("{existing}; {note}"),
            None => note,
        });
        self
    }
}

/// What every service kind does.
pub trait Service {
    /// Checks what serde cannot: ranges and SKU names. Paths are relative to the resource.
    fn validate(&self) -> Vec<FieldIssue>;
    /// The SKU as shown on report lines.
    fn sku_label(&self) -> String;
    /// The meters this resource uses in one month.
    fn meters(&self, context: &Context) -> Vec<MeterUse>;
    /// Sizes the resource for `demand` (requests per second, minute by minute) under its
    /// capacity model. Kinds without one return `Ok(None)` and keep their fixed counts.
    /// The error says what in the scenario makes the model impossible.
    fn simulate(&self, _demand: &Demand) -> Result<Option<ResourceSimulation>, String> {
        Ok(None)
    }
}

/// Every kind also takes `pricing` (read by the scenario loader, not by the kind): adds it to
/// each kind's schema so editors offer it. The `PricingMode` definition it refers to is
/// registered by [`crate::scenario::json_schema`].
fn add_pricing_field(schema: &mut schemars::Schema) {
    let pricing = serde_json::json!({
        "description": "How the resource's compute is bought (default `payg`); applies to \
                        compute-hour meters, other meters stay pay-as-you-go.",
        "$ref": "#/$defs/PricingMode",
        "default": "payg",
    });
    let Some(variants) = schema
        .get_mut("oneOf")
        .and_then(|value| value.as_array_mut())
    else {
        return;
    };
    for variant in variants {
        if let Some(properties) = variant
            .get_mut("properties")
            .and_then(|value| value.as_object_mut())
        {
            properties.insert("pricing".to_string(), pricing.clone());
        }
    }
}

macro_rules! service_kinds {
    ($($variant:ident($module:ident::$spec:ident) => $kind:literal,)+) => {
        /// A resource's specification, tagged by `kind` in scenario files.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "kind")]
        #[schemars(transform = add_pricing_field)]
        pub enum ServiceSpec {
            $(#[serde(rename = $kind)] $variant($module::$spec),)+
        }

        /// Every kind name, as written in scenario files.
        pub const KINDS: &[&str] = &[$($kind),+];

        impl ServiceSpec {
            pub fn kind(&self) -> &'static str {
                match self {
                    $(ServiceSpec::$variant(_) => $kind,)+
                }
            }

            pub fn service(&self) -> &dyn Service {
                match self {
                    $(ServiceSpec::$variant(spec) => spec,)+
                }
            }

            /// Decodes a resource body (without `kind`) for `kind`, keeping the path of any
            /// error so it can be located in the file.
            pub fn decode(kind: &str, body: serde_norway::Value) -> Result<ServiceSpec, FieldIssue> {
                match kind {
                    $($kind => usage::decode::<$module::$spec>(body).map(ServiceSpec::$variant),)+
                    _ => Err(FieldIssue::unknown("kind", kind, KINDS)),
                }
            }
        }
    };
}

service_kinds! {
    AppServicePlan(app_service_plan::AppServicePlan) => "app_service_plan",
    ApplicationGateway(application_gateway::ApplicationGateway) => "application_gateway",
    Bandwidth(bandwidth::Bandwidth) => "bandwidth",
    BlobStorage(blob_storage::BlobStorage) => "blob_storage",
    CommunicationEmail(communication_email::CommunicationEmail) => "communication_email",
    ContainerApp(container_apps::ContainerApp) => "container_app",
    ContainerRegistry(container_registry::ContainerRegistry) => "container_registry",
    CosmosDb(cosmos_db::CosmosDb) => "cosmos_db",
    Custom(custom::Custom) => "custom",
    DnsZone(dns_zone::DnsZone) => "dns_zone",
    FrontDoor(front_door::FrontDoor) => "front_door",
    KeyVault(key_vault::KeyVault) => "key_vault",
    LogAnalytics(log_analytics::LogAnalytics) => "log_analytics",
    ManagedRedis(managed_redis::ManagedRedis) => "managed_redis",
    OpenAi(openai::OpenAi) => "openai",
    PostgresqlFlexible(postgresql_flexible::PostgresqlFlexible) => "postgresql_flexible",
    PrivateEndpoint(private_endpoint::PrivateEndpoint) => "private_endpoint",
    RedisCache(redis_cache::RedisCache) => "redis_cache",
    ServiceBus(service_bus::ServiceBus) => "service_bus",
    StaticWebApp(static_web_app::StaticWebApp) => "static_web_app",
}
