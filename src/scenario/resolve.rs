//! Parsing a scenario: YAML → header checks → inheritance → per-kind decoding → validation.

mod pricing;

use std::collections::BTreeMap;

use serde_norway::{Mapping, Value};

use super::diagnostic::{Diagnostic, ScenarioError};
use super::file::{EnvironmentFile, ScenarioFile};
use super::locate::{Position, Positions};
use super::{Environment, Resource, Scenario, Traffic};
use crate::catalog::{is_date, nearest_names, PricingMode};
use crate::services::{FieldIssue, ServiceSpec, KINDS};
use pricing::{has_committable_meter, mention_pricing, take_pricing, PRICING};

/// A resource while inheritance is resolved: its kind, its fields, and for each field the
/// environment whose entry wrote it (to locate errors in inherited fields).
#[derive(Clone, Debug)]
struct Draft {
    kind: String,
    kind_from: String,
    fields: Mapping,
    field_from: BTreeMap<String, String>,
}

struct Context<'a> {
    file: &'a str,
    positions: Positions,
    diagnostics: Vec<Diagnostic>,
}

impl Context<'_> {
    fn report(
        &mut self,
        path: &str,
        at_key: bool,
        message: impl Into<String>,
        suggestion: Option<String>,
    ) {
        let position = if at_key {
            self.positions
                .key(path)
                .or_else(|| self.positions.value(path))
        } else {
            self.positions.value(path)
        };
        self.diagnostics
            .push(Diagnostic::at(self.file, position, message).suggest(suggestion));
    }

    fn finish(mut self) -> Result<(), ScenarioError> {
        self.diagnostics.sort_by_key(|diagnostic| {
            diagnostic
                .position
                .map(|position| (position.line, position.column))
        });
        if self.diagnostics.is_empty() {
            Ok(())
        } else {
            Err(ScenarioError {
                diagnostics: self.diagnostics,
            })
        }
    }
}

pub(super) fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let document: Value = serde_norway::from_str(text).map_err(|error| {
        let position = error.location().map(|location| Position {
            line: location.line(),
            column: location.column(),
        });
        Diagnostic::at(
            file,
            position,
            format!("not valid YAML: {}", strip_location(&error.to_string())),
        )
    })?;
    let mut context = Context {
        file,
        positions: Positions::read(text),
        diagnostics: Vec::new(),
    };
    let header: ScenarioFile = match decode(&mut context, "", document) {
        Some(header) => header,
        None => {
            return Err(ScenarioError {
                diagnostics: context.diagnostics,
            })
        }
    };
    if let Some(as_of) = &header.as_of {
        if !is_date(as_of) {
            context.report(
                "as_of",
                false,
                format!("as_of must be a date YYYY-MM-DD (got `{as_of}`)"),
                None,
            );
        }
    }
    let environments = read_environments(&mut context, &header.environments);
    let names: Vec<String> = environments.iter().map(|(name, _)| name.clone()).collect();
    let mut resolved: BTreeMap<String, BTreeMap<String, Draft>> = BTreeMap::new();
    for (name, _) in &environments {
        resolve(
            &mut context,
            name,
            &environments,
            &mut resolved,
            &mut Vec::new(),
        );
    }
    let mut priced = Vec::new();
    for (name, environment) in &environments {
        if environment.is_abstract {
            continue;
        }
        let drafts = resolved.get(name).cloned().unwrap_or_default();
        let resources = decode_resources(&mut context, name, drafts);
        let traffic = traffic_of(&mut context, name, &environments);
        priced.push(Environment {
            name: name.clone(),
            description: environment.description.clone(),
            traffic,
            resources,
        });
    }
    if priced.is_empty() && context.diagnostics.is_empty() {
        let message = if names.is_empty() {
            "the scenario has no environments; add one under `environments:`"
        } else {
            "every environment is abstract: nothing to price"
        };
        context.report("environments", true, message, None);
    }
    let positions = context.positions.clone();
    context.finish()?;
    Ok(Scenario {
        name: header.name,
        description: header.description,
        region: header.region,
        currency: header.currency,
        month: header.month,
        as_of: header.as_of,
        environments: priced,
        file: file.to_string(),
        positions,
    })
}

/// An environment's own traffic, or the nearest base's; a profile is validated where written.
fn traffic_of(
    context: &mut Context,
    name: &str,
    environments: &[(String, EnvironmentFile)],
) -> Option<Traffic> {
    let mut current = name.to_string();
    let mut seen = Vec::new();
    while !seen.contains(&current) {
        seen.push(current.clone());
        let (_, environment) = environments
            .iter()
            .find(|(candidate, _)| *candidate == current)?;
        let path = format!("environments.{current}");
        match (&environment.traffic, &environment.traffic_csv) {
            (Some(_), Some(_)) => {
                context.report(
                    &format!("{path}.traffic_csv"),
                    true,
                    "give either `traffic` (a profile) or `traffic_csv` (a measured series), not both",
                    None,
                );
                return None;
            }
            (Some(profile), None) => {
                if let Err(error) = profile.validate() {
                    context.report(
                        &format!("{path}.traffic"),
                        false,
                        format!("traffic: {error}"),
                        None,
                    );
                    return None;
                }
                return Some(Traffic::Profile(Box::new(profile.clone())));
            }
            (None, Some(csv)) => return Some(Traffic::Measured { csv: csv.clone() }),
            (None, None) => current = environment.extends.clone()?,
        }
    }
    None
}

fn read_environments(context: &mut Context, mapping: &Mapping) -> Vec<(String, EnvironmentFile)> {
    let mut environments = Vec::new();
    for (key, value) in mapping {
        let Some(name) = key.as_str() else {
            context.report(
                "environments",
                false,
                "environment names must be text",
                None,
            );
            continue;
        };
        let path = format!("environments.{name}");
        let value = if value.is_null() {
            Value::Mapping(Mapping::new())
        } else {
            value.clone()
        };
        if let Some(environment) = decode::<EnvironmentFile>(context, &path, value) {
            environments.push((name.to_string(), environment));
        }
    }
    environments
}

/// Resolves one environment's resources, its bases first; reports unknown bases and cycles.
fn resolve(
    context: &mut Context,
    name: &str,
    environments: &[(String, EnvironmentFile)],
    resolved: &mut BTreeMap<String, BTreeMap<String, Draft>>,
    chain: &mut Vec<String>,
) {
    if resolved.contains_key(name) {
        return;
    }
    let Some((_, environment)) = environments.iter().find(|(candidate, _)| candidate == name)
    else {
        return;
    };
    let path = format!("environments.{name}");
    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();
    if let Some(base) = &environment.extends {
        let names: Vec<String> = environments.iter().map(|(name, _)| name.clone()).collect();
        if chain.contains(&name.to_string()) || base == name {
            let cycle = format!("{} -> {name}", chain.join(" -> "));
            context.report(
                &format!("{path}.extends"),
                false,
                format!("environments inherit in a cycle: {cycle}"),
                None,
            );
        } else if !names.contains(base) {
            let suggestion = nearest_names(base, &names, 1).into_iter().next();
            context.report(
                &format!("{path}.extends"),
                false,
                format!("`{name}` extends `{base}`, which is not an environment of this scenario"),
                suggestion,
            );
        } else {
            chain.push(name.to_string());
            resolve(context, base, environments, resolved, chain);
            chain.pop();
            drafts = resolved.get(base).cloned().unwrap_or_default();
        }
    }
    for removed in &environment.remove {
        if drafts.remove(removed).is_none() {
            let known: Vec<String> = drafts.keys().cloned().collect();
            context.report(
                &format!("{path}.remove"),
                false,
                format!("cannot remove `{removed}`: `{name}` inherits no resource of that name"),
                nearest_names(removed, &known, 1).into_iter().next(),
            );
        }
    }
    for (key, value) in &environment.resources {
        let Some(resource) = key.as_str() else {
            continue;
        };
        let entry_path = format!("{path}.resources.{resource}");
        let Some(fields) = value.as_mapping() else {
            context.report(
                &entry_path,
                false,
                format!("resource `{resource}` must be a mapping of fields"),
                None,
            );
            continue;
        };
        apply_entry(context, name, resource, &entry_path, fields, &mut drafts);
    }
    resolved.insert(name.to_string(), drafts);
}

fn apply_entry(
    context: &mut Context,
    environment: &str,
    resource: &str,
    entry_path: &str,
    fields: &Mapping,
    drafts: &mut BTreeMap<String, Draft>,
) {
    let kind = fields
        .get("kind")
        .map(|kind| kind.as_str().unwrap_or_default().to_string());
    let mut body = fields.clone();
    body.remove("kind");
    let inherited = drafts.get(resource).cloned();
    let mut draft = match (kind, inherited) {
        // Same kind (or none given) over an inherited resource: an override.
        (None, Some(base)) => base,
        (Some(kind), Some(base)) if kind == base.kind => base,
        (Some(kind), _) => Draft {
            kind,
            kind_from: environment.to_string(),
            fields: Mapping::new(),
            field_from: BTreeMap::new(),
        },
        (None, None) => {
            let known: Vec<String> = drafts.keys().cloned().collect();
            let message = if known.is_empty() {
                format!("resource `{resource}` has no `kind`")
            } else {
                format!("resource `{resource}` has no `kind` and overrides no inherited resource")
            };
            context.report(
                entry_path,
                true,
                message,
                nearest_names(resource, &known, 1).into_iter().next(),
            );
            return;
        }
    };
    for (field, value) in body {
        if let Some(name) = field.as_str() {
            draft
                .field_from
                .insert(name.to_string(), environment.to_string());
        }
        draft.fields.insert(field, value);
    }
    drafts.insert(resource.to_string(), draft);
}

fn decode_resources(
    context: &mut Context,
    environment: &str,
    drafts: BTreeMap<String, Draft>,
) -> Vec<Resource> {
    let mut resources = Vec::new();
    for (name, draft) in drafts {
        let path_in = |from: &str| format!("environments.{from}.resources.{name}");
        let kind_path = format!("{}.kind", path_in(&draft.kind_from));
        let mut fields = draft.fields.clone();
        let pricing = take_pricing(context, &mut fields, &draft, &name, environment);
        let spec = match ServiceSpec::decode(&draft.kind, Value::Mapping(fields)) {
            Ok(spec) => spec,
            Err(issue) if issue.path == "kind" => {
                let mut issue = FieldIssue::unknown("kind", &draft.kind, KINDS);
                issue.message = format!(
                    "unknown kind `{}`; valid kinds: {}",
                    draft.kind,
                    KINDS.join(", ")
                );
                report_issue(context, &kind_path, issue);
                continue;
            }
            Err(mut issue) => {
                mention_pricing(&mut issue);
                let from = owner(&draft, &issue.path);
                report_issue(
                    context,
                    &path_in(&from),
                    prefix(issue, &name, environment, &from),
                );
                continue;
            }
        };
        let mut valid = true;
        for issue in spec.service().validate() {
            valid = false;
            let from = owner(&draft, &issue.path);
            report_issue(
                context,
                &path_in(&from),
                prefix(issue, &name, environment, &from),
            );
        }
        let Some(pricing) = pricing else { continue };
        if valid && pricing != PricingMode::PayAsYouGo && !has_committable_meter(&spec) {
            let from = owner(&draft, PRICING);
            let issue = FieldIssue::new(
                PRICING,
                format!(
                    "pricing `{}` does not apply to kind `{}`: it has no compute-hour meter a \
                     reservation or savings plan covers; remove `pricing` or use `payg`",
                    pricing.as_str(),
                    draft.kind
                ),
            );
            report_issue(
                context,
                &path_in(&from),
                prefix(issue, &name, environment, &from),
            );
            continue;
        }
        if valid {
            resources.push(Resource {
                name: name.clone(),
                spec,
                pricing,
                path: path_in(&draft.kind_from),
            });
        }
    }
    resources
}

/// The environment whose entry wrote the field at `path` (first segment).
fn owner(draft: &Draft, path: &str) -> String {
    let field = path.split('.').next().unwrap_or_default();
    draft
        .field_from
        .get(field)
        .cloned()
        .unwrap_or_else(|| draft.kind_from.clone())
}

/// Says which resource and kind a message is about, and where an inherited value came from.
fn prefix(mut issue: FieldIssue, resource: &str, environment: &str, from: &str) -> FieldIssue {
    let inherited = if from != environment {
        format!(" (inherited by `{environment}` from `{from}`)")
    } else {
        String::new()
    };
    issue.message = format!("resource `{resource}`{inherited}: {}", issue.message);
    issue
}

fn report_issue(context: &mut Context, base: &str, issue: FieldIssue) {
    let path = if issue.path.is_empty() {
        base.to_string()
    } else {
        format!("{base}.{}", issue.path)
    };
    context.report(&path, issue.at_key, issue.message, issue.suggestion);
}

/// Deserializes `value` at `path`, reporting a located error on failure.
fn decode<T: serde::de::DeserializeOwned>(
    context: &mut Context,
    path: &str,
    value: Value,
) -> Option<T> {
    match crate::services::decode_at::<T>(value) {
        Ok(decoded) => Some(decoded),
        Err(issue) => {
            let full = match (path.is_empty(), issue.path.is_empty()) {
                (true, _) => issue.path.clone(),
                (false, true) => path.to_string(),
                (false, false) => format!("{path}.{}", issue.path),
            };
            context.report(&full, issue.at_key, issue.message, issue.suggestion);
            None
        }
    }
}

/// serde_norway appends " at line L column C"; the diagnostic already says where.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}
