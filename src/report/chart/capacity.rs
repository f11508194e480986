//! Traffic against capacity over the simulated month: one panel per simulated resource, its
//! requests/s (shaded, left axis) and its instances, replicas or RU/s (line, right axis).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, colour, headroom, number, FONT};
use super::{message, Picture};
use crate::estimate::Estimate;

const PANEL_HEIGHT: u32 = 320;
const TITLE_HEIGHT: u32 = 50;
const HOURS_PER_DAY: f64 = 24.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub resource: String,
    /// instances, replicas or RU/s.
    pub unit: String,
    pub requests_per_second: Vec<f64>,
    pub capacity: Vec<f64>,
    /// Billed RU/s each hour (provisioned or autoscale Cosmos DB), drawn beside the need.
    pub billed: Option<Vec<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CapacityChart {
    pub scenario: String,
    pub environment: String,
    pub panels: Vec<Panel>,
}

/// The chart for one environment, or `None` when none of its resources has an hourly series
/// (no traffic, or an Estimate read back from JSON).
pub fn capacity(estimate: &Estimate, environment: &str) -> Option<CapacityChart> {
    let panels: Vec<Panel> = estimate
        .capacity
        .iter()
        .map(|line| &line.report)
        .filter(|report| report.environment == environment && !report.hourly.capacity.is_empty())
        .map(|report| Panel {
            resource: report.resource.clone(),
            unit: report.unit.clone(),
            requests_per_second: report.hourly.requests_per_second.clone(),
            capacity: report.hourly.capacity.clone(),
            billed: (report.unit == "RU/s" && report.utilisation_percent.is_some())
                .then(|| report.hourly.billed.clone()),
        })
        .collect();
    (!panels.is_empty()).then(|| CapacityChart {
        scenario: estimate.scenario.name.clone(),
        environment: environment.to_string(),
        panels,
    })
}

impl Picture for CapacityChart {
    fn kind(&self) -> &'static str {
        "capacity"
    }

    fn title(&self) -> String {
        format!(
            "{} / {}: traffic and capacity, hour by hour",
            self.scenario, self.environment
        )
    }

    fn size(&self) -> (u32, u32) {
        (
            style::WIDTH,
            TITLE_HEIGHT + PANEL_HEIGHT * self.panels.len() as u32,
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let root = root
            .titled(&self.title(), (FONT, style::TITLE_SIZE))
            .map_err(message)?;
        let areas = root.split_evenly((self.panels.len(), 1));
        for (panel, area) in self.panels.iter().zip(areas.iter()) {
            draw_panel(panel, area)?;
        }
        Ok(())
    }
}

fn draw_panel<DB: DrawingBackend>(
    panel: &Panel,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), String> {
    let days = panel.capacity.len() as f64 / HOURS_PER_DAY;
    let peak_traffic = panel
        .requests_per_second
        .iter()
        .copied()
        .fold(0.0, f64::max);
    let peak_capacity = panel
        .capacity
        .iter()
        .chain(panel.billed.iter().flatten())
        .copied()
        .fold(0.0, f64::max);
    let mut chart = ChartBuilder::on(area)
        .caption(
            format!("{}: requests/s and {}", panel.resource, panel.unit),
            (FONT, style::AXIS_SIZE + 2),
        )
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .right_y_label_area_size(70)
        .build_cartesian_2d(0.0..days, 0.0..headroom(peak_traffic))
        .map_err(message)?
        .set_secondary_coord(0.0..days, 0.0..headroom(peak_capacity));
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::GRID)
        .x_desc("Days into the month")
        .y_desc("Requests per second")
        .x_label_formatter(&|day| format!("{:.0}", day))
        .y_label_formatter(&|value| number(*value))
        .label_style((FONT, style::LABEL_SIZE))
        .axis_desc_style((FONT, style::AXIS_SIZE))
        .draw()
        .map_err(message)?;
    chart
        .configure_secondary_axes()
        .y_desc(capitalised(&panel.unit))
        .y_label_formatter(&|value| {
            // Instances and replicas are whole: no label between them.
            if panel.unit != "RU/s" && value.fract() != 0.0 {
                String::new()
            } else {
                number(*value)
            }
        })
        .label_style((FONT, style::LABEL_SIZE))
        .axis_desc_style((FONT, style::AXIS_SIZE))
        .draw()
        .map_err(message)?;
    let by_day = |series: &[f64]| -> Vec<(f64, f64)> {
        series
            .iter()
            .enumerate()
            .map(|(hour, value)| (hour as f64 / HOURS_PER_DAY, *value))
            .collect()
    };
    let traffic = colour(4);
    chart
        .draw_series(AreaSeries::new(
            by_day(&panel.requests_per_second),
            0.0,
            traffic.mix(0.35),
        ))
        .map_err(message)?
        .label("requests/s (left)")
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 16, y + 6)], traffic.filled()));
    let line = colour(5);
    chart
        .draw_secondary_series(LineSeries::new(
            by_day(&panel.capacity),
            line.stroke_width(2),
        ))
        .map_err(message)?
        .label(format!("{} needed (right)", panel.unit))
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 16, y)], line.stroke_width(2)));
    if let Some(billed) = &panel.billed {
        let billed_colour = colour(7);
        chart
            .draw_secondary_series(LineSeries::new(
                by_day(billed),
                billed_colour.stroke_width(1),
            ))
            .map_err(message)?
            .label("RU/s billed per region (right)")
            .legend(move |(x, y)| {
                PathElement::new([(x, y), (x + 16, y)], billed_colour.stroke_width(1))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, style::LABEL_SIZE))
        .background_style(WHITE.mix(0.85))
        .border_style(style::MUTED)
        .draw()
        .map_err(message)
}

fn capitalised(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}
