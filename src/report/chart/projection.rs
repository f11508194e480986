//! The month-by-month projection: each environment's monthly cost and the total, with traffic
//! growth compounding, over the projected months.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, colour, currency, headroom, FONT};
use super::{message, Picture};
use crate::estimate::projection::Projection;

#[derive(Clone, Debug, PartialEq)]
pub struct ProjectionChart {
    pub scenario: String,
    pub currency: String,
    /// (name, monthly cost per month); the total comes last.
    pub series: Vec<(String, Vec<f64>)>,
    pub sum: f64,
}

pub fn projection(projection: &Projection) -> ProjectionChart {
    let names = projection.environment_names();
    let mut series: Vec<(String, Vec<f64>)> = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let values = projection
                .months
                .iter()
                .map(|month| {
                    month
                        .environments
                        .get(index)
                        .map(|(_, amount)| amount.to_f64())
                        .unwrap_or(0.0)
                })
                .collect();
            (name.clone(), values)
        })
        .collect();
    if series.len() > 1 {
        series.push((
            "total".into(),
            projection
                .months
                .iter()
                .map(|month| month.total.to_f64())
                .collect(),
        ));
    }
    ProjectionChart {
        scenario: projection.scenario.clone(),
        currency: projection.currency.clone(),
        series,
        sum: projection.total.to_f64(),
    }
}

impl Picture for ProjectionChart {
    fn kind(&self) -> &'static str {
        "projection"
    }

    fn title(&self) -> String {
        let months = self
            .series
            .first()
            .map(|(_, values)| values.len())
            .unwrap_or(0);
        format!(
            "{}: {months}-month projection, {} in all",
            self.scenario,
            currency(self.sum, &self.currency)
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let months = self
            .series
            .first()
            .map(|(_, values)| values.len())
            .unwrap_or(1);
        let top = self
            .series
            .iter()
            .flat_map(|(_, values)| values.iter())
            .copied()
            .fold(0.0, f64::max);
        let money = |value: &f64| currency(*value, &self.currency);
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), (FONT, style::TITLE_SIZE))
            .margin(16)
            .x_label_area_size(45)
            .y_label_area_size(85)
            .build_cartesian_2d(0.5..(months as f64 + 0.5), 0.0..headroom(top) * 1.3)
            .map_err(message)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(months.min(24))
            .x_desc("Month")
            .y_desc(format!("Monthly cost ({})", self.currency))
            .x_label_formatter(&|month| {
                if month.fract().abs() < 1e-9 {
                    format!("{month:.0}")
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&money)
            .label_style((FONT, style::LABEL_SIZE))
            .axis_desc_style((FONT, style::AXIS_SIZE))
            .draw()
            .map_err(message)?;
        let last = self.series.len().saturating_sub(1);
        for (index, (name, values)) in self.series.iter().enumerate() {
            let line = if name == "total" {
                style::PALETTE[7]
            } else {
                colour(index)
            };
            let width = if index == last { 3 } else { 2 };
            let points: Vec<(f64, f64)> = values
                .iter()
                .enumerate()
                .map(|(month, value)| ((month + 1) as f64, *value))
                .collect();
            let label = format!(
                "{name}: {} → {}",
                money(values.first().unwrap_or(&0.0)),
                money(values.last().unwrap_or(&0.0))
            );
            chart
                .draw_series(LineSeries::new(points.clone(), line.stroke_width(width)))
                .map_err(message)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 18, y)], line.stroke_width(width))
                });
            chart
                .draw_series(
                    points
                        .into_iter()
                        .map(|point| Circle::new(point, 3, line.filled())),
                )
                .map_err(message)?;
        }
        style::legend(&mut chart, SeriesLabelPosition::UpperRight)
    }
}
