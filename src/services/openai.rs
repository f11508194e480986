//! Azure OpenAI (Foundry Models) pay-as-you-go token usage.
//!
//! # What it prices
//! Input and output tokens of a standard (pay-as-you-go) deployment of one model. There is
//! no base fee; provisioned throughput, batch, cached input and fine-tuning are not priced.
//!
//! # Meters
//! serviceName `Foundry Models`, productName `Azure OpenAI` (`Azure OpenAI GPT5` for the GPT-5
//! family); one meter per model, direction and deployment type, priced per `1K` tokens
//! (`1M` for GPT-5). The exact meter names are in [`MODELS`]: the API spells them
//! inconsistently (`gpt 4o 1120 Inp glbl Tokens`, `gpt-4o-mini-0718-Inp-glbl Tokens`,
//! `GPT 5 Inpt Glbl 1M Tokens`), so each model maps to its names explicitly.
//!
//! # Scenario fields
//! `model` (see [`MODELS`]), `deployment` (`global` default, `data_zone`, `regional`),
//! `input_tokens` and `output_tokens` a month (defaults [`DEFAULT_INPUT_TOKENS`],
//! [`DEFAULT_OUTPUT_TOKENS`]).
//!
//! # Assumptions
//! - Model versions: gpt-4o is 2024-11-20, gpt-4o-mini is 2024-07-18; the gpt-4.1 and gpt-5
//!   families have one version each in the snapshot.
//! - 10M input and 2M output tokens a month when not given (a chat feature with light
//!   traffic). Labelled *assumed*.
//! - The GPT-5 models have no regional (`regnl`) rows: only `global` and `data_zone`.
//! - Prices are the deployment's region rows (`westus` here); global deployments are still
//!   listed under the resource's region.
//!
//! # Example
//! ```yaml
//! assistant:
//!   kind: openai
//!   model: gpt-4o-mini
//!   deployment: global
//!   input_tokens: 50000000
//!   output_tokens: 8000000
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    check_range, check_sku, decimal, Category, Context, FieldIssue, MeterUse, Service, Usage,
};
use crate::catalog::Dimension;

/// Input tokens a month when the scenario does not say.
pub const DEFAULT_INPUT_TOKENS: f64 = 10_000_000.0;
/// Output tokens a month when the scenario does not say.
pub const DEFAULT_OUTPUT_TOKENS: f64 = 2_000_000.0;

/// Meter names of one direction (input or output) by deployment type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Meters {
    pub global: &'static str,
    pub data_zone: &'static str,
    pub regional: Option<&'static str>,
}

/// A model azcost can price.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelSpec {
    pub name: &'static str,
    pub product: &'static str,
    pub input: Meters,
    pub output: Meters,
}

const fn meters(
    global: &'static str,
    data_zone: &'static str,
    regional: Option<&'static str>,
) -> Meters {
    Meters {
        global,
        data_zone,
        regional,
    }
}

pub const MODELS: &[ModelSpec] = &[
    ModelSpec {
        name: "gpt-4o",
        product: "Azure OpenAI",
        input: meters(
            "gpt 4o 1120 Inp glbl Tokens",
            "gpt 4o 1120 Inp Data Zone Tokens",
            Some("gpt 4o 1120 Inp regnl Tokens"),
        ),
        output: meters(
            "gpt 4o 1120 Outp glbl Tokens",
            "gpt 4o 1120 Outp Data Zone Tokens",
            Some("gpt 4o 1120 Outp regnl Tokens"),
        ),
    },
    ModelSpec {
        name: "gpt-4o-mini",
        product: "Azure OpenAI",
        input: meters(
            "gpt-4o-mini-0718-Inp-glbl Tokens",
            "gpt 4o mini 0718 Inp Data Zone Tokens",
            Some("gpt-4o-mini-0718-Inp-regnl Tokens"),
        ),
        output: meters(
            "gpt-4o-mini-0718-Outp-glbl Tokens",
            "gpt 4o mini 0718 Outp Data Zone Tokens",
            Some("gpt-4o-mini-0718-Outp-regnl Tokens"),
        ),
    },
    ModelSpec {
        name: "gpt-4.1",
        product: "Azure OpenAI",
        input: meters(
            "gpt 4.1 Inp glbl Tokens",
            "gpt 4.1 Inp Data Zone Tokens",
            Some("gpt 4.1 Inp regnl Tokens"),
        ),
        output: meters(
            "gpt 4.1 Outp glbl Tokens",
            "gpt 4.1 Outp Data Zone Tokens",
            Some("gpt 4.1 Outp regnl Tokens"),
        ),
    },
    ModelSpec {
        name: "gpt-4.1-mini",
        product: "Azure OpenAI",
        input: meters(
            "gpt 4.1 mini Inp glbl Tokens",
            "gpt 4.1 mini Inp Data Zone Tokens",
            Some("gpt 4.1 mini Inp regnl Tokens"),
        ),
        output: meters(
            "gpt 4.1 mini Outp glbl Tokens",
            "gpt 4.1 mini Outp Data Zone Tokens",
            Some("gpt 4.1 mini Outp regnl Tokens"),
        ),
    },
    ModelSpec {
        name: "gpt-4.1-nano",
        product: "Azure OpenAI",
        input: meters(
            "gpt 4.1 nano Inp glbl Tokens",
            "gpt 4.1 nano Inp Data Zone Tokens",
            Some("gpt 4.1 nano Inp regnl Tokens"),
        ),
        output: meters(
            "gpt 4.1 nano Outp glbl Tokens",
            "gpt 4.1 nano Outp Data Zone Tokens",
            Some("gpt 4.1 nano Outp regnl Tokens"),
        ),
    },
    ModelSpec {
        name: "gpt-5",
        product: "Azure OpenAI GPT5",
        input: meters(
            "GPT 5 Inpt Glbl 1M Tokens",
            "GPT 5 Inpt DZone 1M Tokens",
            None,
        ),
        output: meters(
            "GPT 5 outpt Glbl 1M Tokens",
            "GPT 5 outpt DZone 1M Tokens",
            None,
        ),
    },
    ModelSpec {
        name: "gpt-5-mini",
        product: "Azure OpenAI GPT5",
        input: meters(
            "GPT 5 Mini Inpt Glbl 1M Tokens",
            "GPT 5 Mini Inpt DZone 1M Tokens",
            None,
        ),
        output: meters(
            "GPT 5 Mini outpt Glbl 1M Tokens",
            "GPT 5 Mini outpt DZone 1M Tokens",
            None,
        ),
    },
];

/// Where requests may be processed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Deployment {
    /// Any Azure region worldwide (Global Standard).
    #[default]
    Global,
    /// Within the data zone (US or EU) of the resource (Data Zone Standard).
    DataZone,
    /// Only in the resource's region (Standard).
    Regional,
}

impl Meters {
    fn for_deployment(&self, deployment: Deployment) -> Option<&'static str> {
        match deployment {
            Deployment::Global => Some(self.global),
            Deployment::DataZone => Some(self.data_zone),
            Deployment::Regional => self.regional,
        }
    }
}

/// A pay-as-you-go model deployment and its monthly tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenAi {
    /// Model, e.g. `gpt-4o-mini` (gpt-4o, gpt-4o-mini, gpt-4.1, gpt-4.1-mini, gpt-4.1-nano,
    /// gpt-5, gpt-5-mini).
    pub model: String,
    /// `global` (default), `data_zone` or `regional`.
    #[serde(default)]
    pub deployment: Deployment,
    /// Input (prompt) tokens a month; default 10,000,000.
    #[serde(default)]
    pub input_tokens: Option<f64>,
    /// Output (completion) tokens a month; default 2,000,000.
    #[serde(default)]
    pub output_tokens: Option<f64>,
}

impl OpenAi {
    pub fn spec(&self) -> Option<&'static ModelSpec> {
        MODELS.iter().find(|spec| spec.name == self.model)
    }
}

impl Service for OpenAi {
    fn validate(&self) -> Vec<FieldIssue> {
        let mut issues = Vec::new();
        let names: Vec<&str> = MODELS.iter().map(|spec| spec.name).collect();
        check_sku(&mut issues, "model", &self.model, &names);
        check_range(&mut issues, "input_tokens", self.input_tokens, 0.0, 1e14);
        check_range(&mut issues, "output_tokens", self.output_tokens, 0.0, 1e14);
        if let Some(spec) = self.spec() {
            if spec.input.for_deployment(self.deployment).is_none() {
                issues.push(FieldIssue::new(
                    "deployment",
                    format!(
                        "{} has no regional deployment prices; use global or data_zone",
                        spec.name
                    ),
                ));
            }
        }
        issues
    }

    fn sku_label(&self) -> String {
        let deployment = match self.deployment {
            Deployment::Global => "global",
            Deployment::DataZone => "data zone",
            Deployment::Regional => "regional",
        };
        format!("{} {deployment}", self.model)
    }

    fn meters(&self, context: &Context) -> Vec<MeterUse> {
        let Some(spec) = self.spec() else {
            return Vec::new();
        };
        let directions = [
            (
                "input",
                Usage::or(self.input_tokens, DEFAULT_INPUT_TOKENS),
                spec.input,
            ),
            (
                "output",
                Usage::or(self.output_tokens, DEFAULT_OUTPUT_TOKENS),
                spec.output,
            ),
        ];
        directions
            .into_iter()
            .filter_map(|(direction, tokens, meters)| {
                let meter = meters.for_deployment(self.deployment)?;
                let query = context
                    .query("Foundry Models")
                    .product(spec.product)
                    .meter(meter);
                Some(
                    MeterUse::new(
                        format!("{} {direction} tokens ({})", spec.name, tokens.value),
                        query,
                        decimal(tokens.value),
                        Dimension::Count,
                    )
                    .usage(&tokens)
                    .category(Category::Compute),
                )
            })
            .collect()
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

    fn deployment(model: &str, deployment: Deployment) -> OpenAi {
        OpenAi {
            model: model.to_string(),
            deployment,
            input_tokens: None,
            output_tokens: None,
        }
    }

    #[test]
    fn tokens_are_counted_as_given_or_assumed() {
        let mut mini = deployment("gpt-4o-mini", Deployment::Global);
        mini.input_tokens = Some(3_000_000.0);
        let meters = mini.meters(&context());
        assert_eq!(meters[0].quantity, Decimal::from(3_000_000));
        assert_eq!(meters[0].basis, Basis::Usage);
        assert_eq!(meters[1].quantity, Decimal::from(2_000_000));
        assert_eq!(meters[1].basis, Basis::Assumed);
    }

    #[test]
    fn validation_suggests_models_and_rejects_missing_deployments() {
        let issues = deployment("gpt-4-o", Deployment::Global).validate();
        assert_eq!(issues[0].path, "model");
        assert_eq!(issues[0].suggestion.as_deref(), Some("gpt-4o"));
        let issues = deployment("gpt-5", Deployment::Regional).validate();
        assert_eq!(issues[0].path, "deployment");
        let mut negative = deployment("gpt-4.1", Deployment::Global);
        negative.output_tokens = Some(-1.0);
        assert_eq!(
            negative.validate()[0].message,
            "output_tokens must be between 0 and 100000000000000 (got -1)"
        );
    }

    #[test]
    fn every_model_and_deployment_prices_in_westus() {
        let snapshot = Snapshot::embedded().unwrap();
        for spec in MODELS {
            for kind in [
                Deployment::Global,
                Deployment::DataZone,
                Deployment::Regional,
            ] {
                let openai = deployment(spec.name, kind);
                let meters = openai.meters(&context());
                let expected = if spec.input.regional.is_none() && kind == Deployment::Regional {
                    0
                } else {
                    2
                };
                assert_eq!(meters.len(), expected, "{} {kind:?}", spec.name);
                for meter in meters {
                    let MeterSource::Catalog(query) = &meter.source else {
                        panic!("catalog meter")
                    };
                    let price = snapshot.catalog.lookup(query, "2026-11-01");
                    assert!(
                        price.is_ok(),
                        "{} {kind:?} {}: {price:?}",
                        spec.name,
                        meter.label
                    );
                }
            }
        }
    }
}
