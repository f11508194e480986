//! Cumulative spend over the as-simulated month against a budget's alert thresholds: the
//! spend line, its run-rate forecast, a dashed line per threshold amount, and a dot on the day
//! each is crossed.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, colour, currency, headroom, FONT};
use super::{message, Picture};
use crate::budget::{Accrual, Budget, ThresholdType};

const HOURS_PER_DAY: f64 = 24.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    /// "80% actual", "100% actual and forecast".
    pub label: String,
    pub amount: f64,
    /// Day crossed by actual spend, if an actual threshold sits at this amount.
    pub crossing_day: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CumulativeChart {
    pub scenario: String,
    pub environment: String,
    pub currency: String,
    pub budget: f64,
    /// Spend to the end of each hour.
    pub spend: Vec<f64>,
    pub levels: Vec<Level>,
}

pub fn cumulative(budget: &Budget, accrual: &Accrual) -> CumulativeChart {
    let mut levels: Vec<Level> = Vec::new();
    for threshold in &budget.thresholds {
        let kind = match threshold.threshold_type {
            ThresholdType::Actual => "actual",
            ThresholdType::Forecasted => "forecast",
        };
        let amount = threshold.amount.to_f64();
        let actual_day = (threshold.threshold_type == ThresholdType::Actual)
            .then_some(threshold.crossing_day)
            .flatten();
        match levels.iter_mut().find(|level| level.amount == amount) {
            Some(level) => {
                level.label.push_str(&format!(" and {kind}"));
                level.crossing_day = level.crossing_day.or(actual_day);
            }
            None => levels.push(Level {
                label: format!("{}% {kind}", threshold.percent),
                amount,
                crossing_day: actual_day,
            }),
        }
    }
    CumulativeChart {
        scenario: budget.scenario.clone(),
        environment: budget.environment.clone(),
        currency: budget.currency.clone(),
        budget: budget.amount.to_f64(),
        spend: accrual
            .cumulative()
            .iter()
            .map(|amount| amount.to_f64())
            .collect(),
        levels,
    }
}

impl Picture for CumulativeChart {
    fn kind(&self) -> &'static str {
        "cumulative spend"
    }

    fn title(&self) -> String {
        format!(
            "{} / {}: spend through the month against a {} budget",
            self.scenario,
            self.environment,
            currency(self.budget, &self.currency)
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let hours = self.spend.len().max(1) as f64;
        let days = hours / HOURS_PER_DAY;
        let forecast: Vec<(f64, f64)> = self
            .spend
            .iter()
            .enumerate()
            .skip(HOURS_PER_DAY as usize - 1)
            .step_by(HOURS_PER_DAY as usize)
            .map(|(hour, spent)| {
                (
                    (hour + 1) as f64 / HOURS_PER_DAY,
                    spent * hours / (hour + 1) as f64,
                )
            })
            .collect();
        let top = self
            .spend
            .iter()
            .chain(self.levels.iter().map(|level| &level.amount))
            .chain(forecast.iter().map(|(_, amount)| amount))
            .copied()
            .fold(0.0, f64::max);
        let money = |value: &f64| currency(*value, &self.currency);
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), (FONT, style::TITLE_SIZE))
            .margin(16)
            .x_label_area_size(45)
            .y_label_area_size(85)
            .build_cartesian_2d(0.0..days, 0.0..headroom(top))
            .map_err(message)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_desc("Days into the month")
            .y_desc(format!("Cumulative spend ({})", self.currency))
            .x_label_formatter(&|day| format!("{:.0}", day))
            .y_label_formatter(&money)
            .label_style((FONT, style::LABEL_SIZE))
            .axis_desc_style((FONT, style::AXIS_SIZE))
            .draw()
            .map_err(message)?;
        let spend_colour = colour(0);
        chart
            .draw_series(LineSeries::new(
                self.spend
                    .iter()
                    .enumerate()
                    .map(|(hour, spent)| ((hour + 1) as f64 / HOURS_PER_DAY, *spent)),
                spend_colour.stroke_width(3),
            ))
            .map_err(message)?
            .label("cumulative spend as simulated")
            .legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 18, y)], spend_colour.stroke_width(3))
            });
        let forecast_colour = style::MUTED;
        chart
            .draw_series(DashedLineSeries::new(
                forecast,
                4,
                4,
                forecast_colour.stroke_width(1),
            ))
            .map_err(message)?
            .label("run-rate forecast for the month")
            .legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 18, y)], forecast_colour.stroke_width(1))
            });
        for (index, level) in self.levels.iter().enumerate() {
            let level_colour = colour(index + 1);
            let label = format!(
                "{}: {} — {}",
                level.label,
                money(&level.amount),
                match level.crossing_day {
                    Some(day) => format!("crossed on day {day}"),
                    None => "not crossed".to_string(),
                }
            );
            chart
                .draw_series(DashedLineSeries::new(
                    [(0.0, level.amount), (days, level.amount)],
                    10,
                    6,
                    level_colour.stroke_width(2),
                ))
                .map_err(message)?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 18, y)], level_colour.stroke_width(2))
                });
            if let Some(day) = level.crossing_day {
                chart
                    .draw_series([Circle::new(
                        (day as f64, level.amount),
                        6,
                        level_colour.filled(),
                    )])
                    .map_err(message)?;
            }
        }
        style::legend(&mut chart, SeriesLabelPosition::LowerRight)
    }
}
