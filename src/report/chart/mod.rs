//! Charts: plain data → SVG or PNG bytes. The only plotters user.
//!
//! One file per chart, each a [`Picture`] (its size and how to draw it on any plotters
//! backend) plus a function that builds it from the report model: capacity (traffic against
//! instances, replicas or RU/s over the simulated month), cumulative spend against a budget's
//! thresholds, the P10–P90 range, a month-by-month projection, and monthly cost by category
//! for several options. Drawing is deterministic — same input, same bytes — so charts can be
//! snapshot-tested or hashed. Nothing here touches files: `commands/chart.rs` writes them.

pub mod capacity;
pub mod categories;
pub mod cumulative;
pub mod projection;
pub mod range;
pub mod style;

use plotters::coord::Shift;
use plotters::prelude::*;
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

#[derive(Debug, Error, Clone, PartialEq)]
pub enum ChartError {
    #[error("cannot draw the {chart} chart: {message}")]
    Drawing {
        chart: &'static str,
        message: String,
    },
    #[error("cannot encode the {chart} chart as PNG: {message}")]
    Encoding {
        chart: &'static str,
        message: String,
    },
}

/// A drawn chart: a file stem (`prod-capacity`), its title, and the image.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub stem: String,
    pub title: String,
    pub bytes: Vec<u8>,
}

/// What a chart draws, independent of the backend.
pub trait Picture {
    /// Short name for errors: "capacity", "range"…
    fn kind(&self) -> &'static str;
    fn title(&self) -> String;
    fn size(&self) -> (u32, u32) {
        (style::WIDTH, style::HEIGHT)
    }
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

/// Draws `picture` as an SVG document or PNG file.
pub fn render(picture: &impl Picture, format: ImageFormat) -> Result<Vec<u8>, ChartError> {
    let chart = picture.kind();
    let drawing = |message: String| ChartError::Drawing { chart, message };
    style::register().map_err(drawing)?;
    let (width, height) = picture.size();
    match format {
        ImageFormat::Svg => {
            let mut text = String::new();
            {
                let root = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
                root.fill(&WHITE)
                    .map_err(|error| drawing(error.to_string()))?;
                picture.draw(&root).map_err(drawing)?;
                root.present().map_err(|error| drawing(error.to_string()))?;
            }
            Ok(text.into_bytes())
        }
        ImageFormat::Png => {
            let mut pixels = vec![0u8; width as usize * height as usize * 3];
            {
                let root =
                    BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
                root.fill(&WHITE)
                    .map_err(|error| drawing(error.to_string()))?;
                picture.draw(&root).map_err(drawing)?;
                root.present().map_err(|error| drawing(error.to_string()))?;
            }
            encode_png(&pixels, width, height)
                .map_err(|message| ChartError::Encoding { chart, message })
        }
    }
}

/// A [`Chart`] of `picture` named `stem`.
pub fn chart(
    stem: impl Into<String>,
    picture: &impl Picture,
    format: ImageFormat,
) -> Result<Chart, ChartError> {
    Ok(Chart {
        stem: stem.into(),
        title: picture.title(),
        bytes: render(picture, format)?,
    })
}

fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|error| error.to_string())?;
        writer
            .write_image_data(pixels)
            .map_err(|error| error.to_string())?;
        writer.finish().map_err(|error| error.to_string())?;
    }
    Ok(bytes)
}

/// Turns any plotters error into the message a [`Picture`] returns.
pub(crate) fn message(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// A file-name-safe stem: letters, digits and `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for character in text.chars() {
        if character.is_ascii_alphanumeric() {
            out.push(character.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Every chart of one priced scenario: per environment its capacity (when simulated) and its
/// cumulative spend against `budgets`; the range (when there is one); the projection (when
/// given); and its monthly cost by category per environment.
pub fn scenario_charts(
    estimate: &crate::estimate::Estimate,
    projection: Option<&crate::estimate::projection::Projection>,
    budgets: &[crate::budget::Budget],
    format: ImageFormat,
) -> Result<Vec<Chart>, ChartError> {
    let scenario = slug(&estimate.scenario.name);
    let mut charts = vec![chart(
        format!("{scenario}-categories"),
        &categories::environments(estimate),
        format,
    )?];
    for environment in &estimate.environments {
        let name = slug(&environment.name);
        if let Some(picture) = capacity::capacity(estimate, &environment.name) {
            charts.push(chart(
                format!("{scenario}-{name}-capacity"),
                &picture,
                format,
            )?);
        }
        if let Some(budget) = budgets
            .iter()
            .find(|budget| budget.environment == environment.name)
        {
            let accrual = crate::budget::accrue(estimate, &environment.name);
            let picture = cumulative::cumulative(budget, &accrual);
            charts.push(chart(
                format!("{scenario}-{name}-budget"),
                &picture,
                format,
            )?);
        }
    }
    if let Some(picture) = range::range(estimate) {
        charts.push(chart(format!("{scenario}-range"), &picture, format)?);
    }
    if let Some(projection) = projection {
        let picture = projection::projection(projection);
        charts.push(chart(format!("{scenario}-projection"), &picture, format)?);
    }
    Ok(charts)
}
