//! Monthly cost by category for several options (scenario files, or one file's environments),
//! as stacked bars with each bar's total above it. `compare` calls [`categories`] with its
//! named Estimates.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, colour, currency, headroom, FONT};
use super::{message, Picture};
use crate::estimate::Estimate;
use crate::money::Money;
use crate::services::Category;

#[derive(Clone, Debug, PartialEq)]
pub struct CategoriesChart {
    pub title: String,
    pub currency: String,
    /// Option name → monthly cost by category.
    pub options: Vec<(String, BTreeMap<Category, f64>)>,
}

/// One bar per named Estimate: its monthly cost by category, all environments added.
pub fn categories(options: &[(&str, &Estimate)]) -> CategoriesChart {
    let currency = options
        .first()
        .map(|(_, estimate)| estimate.scenario.currency.clone())
        .unwrap_or_else(|| "USD".into());
    CategoriesChart {
        title: "Monthly cost by category, per option".into(),
        currency,
        options: options
            .iter()
            .map(|(name, estimate)| {
                let mut by_category: BTreeMap<Category, Money> = BTreeMap::new();
                for environment in &estimate.environments {
                    for (category, amount) in &environment.categories {
                        *by_category.entry(*category).or_insert(Money::ZERO) += *amount;
                    }
                }
                (name.to_string(), to_f64(by_category))
            })
            .collect(),
    }
}

/// One bar per environment of one Estimate.
pub fn environments(estimate: &Estimate) -> CategoriesChart {
    CategoriesChart {
        title: format!(
            "{}: monthly cost by category, per environment",
            estimate.scenario.name
        ),
        currency: estimate.scenario.currency.clone(),
        options: estimate
            .environments
            .iter()
            .map(|environment| {
                (
                    environment.name.clone(),
                    to_f64(environment.categories.clone()),
                )
            })
            .collect(),
    }
}

fn to_f64(amounts: BTreeMap<Category, Money>) -> BTreeMap<Category, f64> {
    amounts
        .into_iter()
        .map(|(category, amount)| (category, amount.to_f64()))
        .collect()
}

impl Picture for CategoriesChart {
    fn kind(&self) -> &'static str {
        "categories"
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let count = self.options.len().max(1);
        let totals: Vec<f64> = self
            .options
            .iter()
            .map(|(_, amounts)| amounts.values().sum())
            .collect();
        let top = totals.iter().copied().fold(0.0, f64::max);
        let money = |value: &f64| currency(*value, &self.currency);
        let names: Vec<String> = self.options.iter().map(|(name, _)| name.clone()).collect();
        let label = |position: &f64| {
            let index = position.round();
            if (position - index).abs() < 1e-9 && index >= 0.0 {
                names.get(index as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), (FONT, style::TITLE_SIZE))
            .margin(16)
            .x_label_area_size(45)
            .y_label_area_size(85)
            .build_cartesian_2d(-0.5..(count as f64 - 0.5), 0.0..headroom(top) * 1.2)
            .map_err(message)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(count)
            .x_label_formatter(&label)
            .y_desc(format!("Monthly cost ({})", self.currency))
            .y_label_formatter(&money)
            .label_style((FONT, style::LABEL_SIZE))
            .axis_desc_style((FONT, style::AXIS_SIZE))
            .draw()
            .map_err(message)?;
        for (category_index, category) in Category::ALL.into_iter().enumerate() {
            if !self
                .options
                .iter()
                .any(|(_, amounts)| amounts.contains_key(&category))
            {
                continue;
            }
            let fill = colour(category_index);
            let bars: Vec<Rectangle<(f64, f64)>> = self
                .options
                .iter()
                .enumerate()
                .filter_map(|(index, (_, amounts))| {
                    let amount = *amounts.get(&category)?;
                    let below: f64 = Category::ALL[..category_index]
                        .iter()
                        .filter_map(|earlier| amounts.get(earlier))
                        .sum();
                    let x = index as f64;
                    Some(Rectangle::new(
                        [(x - 0.3, below), (x + 0.3, below + amount)],
                        fill.filled(),
                    ))
                })
                .collect();
            chart
                .draw_series(bars)
                .map_err(message)?
                .label(category.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 16, y + 6)], fill.filled()));
        }
        for (index, total) in totals.iter().enumerate() {
            chart
                .draw_series([Text::new(
                    money(total),
                    (index as f64 - 0.15, total + top * 0.05),
                    (FONT, style::LABEL_SIZE + 1).into_font(),
                )])
                .map_err(message)?;
        }
        style::legend(&mut chart, SeriesLabelPosition::UpperRight)
    }
}
