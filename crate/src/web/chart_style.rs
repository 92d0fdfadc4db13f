//! What the two plotters charts share: the options the page passes, and the sizes and colours
//! derived from them.

use plotters::style::{RGBColor, WHITE};
use serde::Deserialize;

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ChartOptions {
    pub dark: bool,
    /// Legend labels of the history chart's curves.
    pub train_label: Option<String>,
    pub test_label: Option<String>,
    pub x_label: Option<String>,
    pub y_label: Option<String>,
    /// Canvas pixels per CSS pixel (the page's devicePixelRatio): text, margins and lines
    /// scale with it so they read the same size on every screen.
    pub pixel_ratio: Option<f64>,
}

impl ChartOptions {
    pub fn ratio(&self) -> f64 {
        self.pixel_ratio.unwrap_or(1.0).clamp(0.5, 4.0)
    }

    /// Canvas pixels for a length in CSS pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.ratio()).round() as u32
    }

    /// Foreground (text, axes) and background colours.
    pub fn colours(&self) -> (RGBColor, RGBColor) {
        if self.dark {
            (RGBColor(230, 230, 235), RGBColor(24, 26, 32))
        } else {
            (RGBColor(60, 64, 72), WHITE)
        }
    }
}
