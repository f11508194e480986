//! The monthly cost range: per environment whose cost varies with traffic, the P10–P90 band of
//! the Monte Carlo months, the median, and the month as simulated (each on its own scale, so a
//! small environment's band stays readable next to a large one).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{self, colour, currency, FONT};
use super::{message, Picture};
use crate::estimate::Estimate;

const PANEL_HEIGHT: u32 = 160;
const TITLE_HEIGHT: u32 = 50;

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub name: String,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub simulated: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RangeChart {
    pub scenario: String,
    pub currency: String,
    pub runs: u32,
    pub bands: Vec<Band>,
}

/// The chart, or `None` without a range or when no environment's cost varies.
pub fn range(estimate: &Estimate) -> Option<RangeChart> {
    let range = estimate.range.as_ref()?;
    let mut bands: Vec<Band> = range
        .environments
        .iter()
        .filter(|environment| environment.percentiles.p10 != environment.percentiles.p90)
        .map(|environment| Band {
            name: environment.environment.clone(),
            p10: environment.percentiles.p10.to_f64(),
            p50: environment.percentiles.p50.to_f64(),
            p90: environment.percentiles.p90.to_f64(),
            simulated: estimate
                .environments
                .iter()
                .find(|total| total.name == environment.environment)
                .map(|total| total.monthly.to_f64())
                .unwrap_or(0.0),
        })
        .collect();
    if bands.len() > 1 {
        bands.push(Band {
            name: "total".into(),
            p10: range.total.p10.to_f64(),
            p50: range.total.p50.to_f64(),
            p90: range.total.p90.to_f64(),
            simulated: estimate.totals.monthly.to_f64(),
        });
    }
    (!bands.is_empty()).then(|| RangeChart {
        scenario: estimate.scenario.name.clone(),
        currency: estimate.scenario.currency.clone(),
        runs: range.runs,
        bands,
    })
}

impl Picture for RangeChart {
    fn kind(&self) -> &'static str {
        "range"
    }

    fn title(&self) -> String {
        format!(
            "{}: monthly cost range, P10–P90 of {} simulated months",
            self.scenario, self.runs
        )
    }

    fn size(&self) -> (u32, u32) {
        (
            style::WIDTH,
            TITLE_HEIGHT + PANEL_HEIGHT * self.bands.len() as u32,
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let root = root
            .titled(&self.title(), (FONT, style::TITLE_SIZE))
            .map_err(message)?;
        for (band, area) in self
            .bands
            .iter()
            .zip(root.split_evenly((self.bands.len(), 1)).iter())
        {
            self.draw_band(band, area)?;
        }
        Ok(())
    }
}

impl RangeChart {
    fn draw_band<DB: DrawingBackend>(
        &self,
        band: &Band,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), String> {
        let low = band.p10.min(band.simulated);
        let high = band.p90.max(band.simulated);
        let pad = ((high - low) * 0.25).max(high * 0.01).max(1.0);
        let money = |value: &f64| currency(*value, &self.currency);
        let mut chart = ChartBuilder::on(area)
            .caption(
                format!(
                    "{}: P10 {} – P90 {} (band), P50 {} (bar), as simulated {} (triangle)",
                    band.name,
                    money(&band.p10),
                    money(&band.p90),
                    money(&band.p50),
                    money(&band.simulated)
                ),
                (FONT, style::AXIS_SIZE + 1),
            )
            .margin(10)
            .margin_right(40)
            .x_label_area_size(40)
            .y_label_area_size(20)
            .build_cartesian_2d((low - pad)..(high + pad), 0.0..1.0)
            .map_err(message)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(8)
            .x_desc(format!("Monthly cost ({})", self.currency))
            .x_label_formatter(&money)
            .label_style((FONT, style::LABEL_SIZE))
            .axis_desc_style((FONT, style::AXIS_SIZE))
            .draw()
            .map_err(message)?;
        let fill = colour(0);
        chart
            .draw_series([Rectangle::new(
                [(band.p10, 0.25), (band.p90, 0.75)],
                fill.mix(0.3).filled(),
            )])
            .map_err(message)?;
        chart
            .draw_series(LineSeries::new(
                [(band.p50, 0.15), (band.p50, 0.85)],
                fill.stroke_width(3),
            ))
            .map_err(message)?;
        let marker = colour(5);
        chart
            .draw_series([TriangleMarker::new(
                (band.simulated, 0.5),
                8,
                marker.filled(),
            )])
            .map_err(message)?;
        Ok(())
    }
}
