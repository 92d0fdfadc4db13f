//! What the two plotters charts share: the options the page passes, and the sizes and colours
//! derived from them.

use plotters::style::{RGBColor, WHITE};
use serde::Deserialize;

use crate::error::Error;
use crate::trainer::History;

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
    /// Horizontal lines across the history chart: the loss of simpler models to compare the
    /// curves with (text mode: uniform guessing and the bigram count model).
    pub references: Vec<Reference>,
    /// The last cook's history, drawn faded behind the curves so two runs compare side by side
    /// (the page keeps it when the cook is reset or replaced).
    pub ghost: Option<Ghost>,
}

/// A previous run on the history chart: its curves, named by `label` (what differed from the
/// current run, "last cook: init ones").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ghost {
    pub history: History,
    pub label: String,
}

/// A level the curves are read against: a dashed line at `value`, named by `label`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub value: f64,
    pub label: String,
}

impl ChartOptions {
    /// Every reference line is at a finite level of at least 0 (a loss).
    pub fn check(&self) -> Result<(), Error> {
        for (i, r) in self.references.iter().enumerate() {
            if !(r.value.is_finite() && r.value >= 0.0) {
                return Err(Error::invalid(
                    format!("references[{i}].value"),
                    "a finite number of at least 0",
                    r.value,
                ));
            }
        }
        Ok(())
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn with_line(value: f64) -> ChartOptions {
        ChartOptions {
            references: vec![Reference {
                value,
                label: "count model".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_reference_line_must_be_a_finite_loss() {
        assert!(with_line(2.4).check().is_ok());
        for bad in [f64::NAN, f64::INFINITY, -1.0] {
            let message = with_line(bad).check().unwrap_err().to_string();
            assert!(message.contains("references[0].value"), "{message}");
            assert!(
                message.contains("a finite number of at least 0"),
                "{message}"
            );
        }
    }
}
