//! What every chart shares: size, colours, the bundled font, currency and number labels.
//!
//! Text is set in DejaVu Sans, bundled in `assets/fonts/` (licence beside it) and registered
//! with plotters' `ab_glyph` renderer, so PNGs render the same on a machine without system
//! fonts and SVGs are laid out with the same metrics (browsers draw them with `sans-serif`).

use std::sync::OnceLock;

use plotters::style::{register_font, FontStyle, RGBColor};

/// The font family every text element names.
pub const FONT: &str = "sans-serif";
pub const WIDTH: u32 = 960;
pub const HEIGHT: u32 = 540;
pub const TITLE_SIZE: u32 = 22;
pub const LABEL_SIZE: u32 = 14;
pub const AXIS_SIZE: u32 = 15;

static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Registers the bundled font once; every chart calls this before drawing.
pub fn register() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FONT, FontStyle::Normal, DEJAVU_SANS)
                .map_err(|_| "the bundled DejaVu Sans font cannot be read".to_string())
        })
        .clone()
}

/// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
pub const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // green
    RGBColor(204, 121, 167), // purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(213, 94, 0),    // vermilion
    RGBColor(240, 228, 66),  // yellow
    RGBColor(0, 0, 0),       // black
];

pub fn colour(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

pub const GRID: RGBColor = RGBColor(225, 225, 225);
pub const MUTED: RGBColor = RGBColor(110, 110, 110);

/// "$1,234" (USD), "€1,234", "1,234 SEK": whole units with thousands separators; amounts
/// under 10 keep two decimals ("$4.50").
pub fn currency(amount: f64, currency: &str) -> String {
    let digits = if amount.abs() < 10.0 && amount != 0.0 {
        format!("{amount:.2}")
    } else {
        format!("{amount:.0}")
    };
    let grouped = super::super::group_decimal(&digits);
    let (sign, grouped) = match grouped.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", grouped),
    };
    match currency {
        "USD" => format!("{sign}${grouped}"),
        "EUR" => format!("{sign}€{grouped}"),
        "GBP" => format!("{sign}£{grouped}"),
        other => format!("{sign}{grouped} {other}"),
    }
}

/// "1,234", "12.5", "0.25": a quantity on an axis.
pub fn number(value: f64) -> String {
    let text = if value.abs() >= 100.0 || value.fract() == 0.0 {
        format!("{value:.0}")
    } else if value.abs() >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    };
    super::super::group_decimal(&text)
}

/// Upper bound of an axis: `maximum` plus headroom, never zero.
pub fn headroom(maximum: f64) -> f64 {
    if maximum.is_finite() && maximum > 0.0 {
        maximum * 1.15
    } else {
        1.0
    }
}

/// The legend every chart draws: a light box with a muted border, at `position`.
pub fn legend<'a, DB, CT>(
    chart: &mut plotters::chart::ChartContext<'a, DB, CT>,
    position: plotters::chart::SeriesLabelPosition,
) -> Result<(), String>
where
    DB: plotters::prelude::DrawingBackend + 'a,
    CT: plotters::coord::CoordTranslate,
{
    use plotters::style::{Color as _, WHITE};
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FONT, LABEL_SIZE))
        .background_style(WHITE.mix(0.9))
        .border_style(MUTED)
        .draw()
        .map_err(super::message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_labels_group_thousands() {
        assert_eq!(currency(1234.4, "USD"), "$1,234");
        assert_eq!(currency(4.5, "USD"), "$4.50");
        assert_eq!(currency(0.0, "USD"), "$0");
        assert_eq!(currency(1_234_567.0, "SEK"), "1,234,567 SEK");
        assert_eq!(currency(-1500.0, "EUR"), "-€1,500");
    }

    #[test]
    fn numbers_keep_what_matters() {
        assert_eq!(number(2500.0), "2,500");
        assert_eq!(number(12.34), "12.3");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(3.0), "3");
    }
}
