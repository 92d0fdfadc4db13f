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
    /// Earlier cooks, drawn faded behind the curves so runs compare side by side (the page
    /// keeps a few when cooks are reset or replaced).
    pub ghosts: Vec<Ghost>,
    /// The legend's one entry for all the ghosts ("earlier cooks"): the figure beside the chart
    /// names each, so the legend stays short and off the curves.
    pub ghost_legend: Option<String>,
}

/// An earlier run on the history chart: its test curve, faded, in its own colour and dashes
/// (both, so colour-blind readers tell ghosts apart), with `tag` at its end: the number the
/// figure beside the chart lists it by.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ghost {
    pub history: History,
    pub tag: String,
    /// Red, green, blue.
    pub colour: [u8; 3],
    /// Dash and gap lengths in CSS pixels; a dash of 0 draws a solid line.
    pub dash: [f64; 2],
}

/// A ghost's dash or gap: up to this many CSS pixels.
const LONGEST_DASH: f64 = 24.0;
/// A ghost's tag: up to this many characters (it sits in a small disc).
const LONGEST_TAG: usize = 2;

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
        for (i, g) in self.ghosts.iter().enumerate() {
            for (k, value) in g.dash.into_iter().enumerate() {
                if !(0.0..=LONGEST_DASH).contains(&value) {
                    return Err(Error::invalid(
                        format!("ghosts[{i}].dash[{k}]"),
                        format!("between 0 and {LONGEST_DASH} pixels"),
                        value,
                    ));
                }
            }
            let chars = g.tag.chars().count();
            if chars == 0 || chars > LONGEST_TAG {
                return Err(Error::invalid(
                    format!("ghosts[{i}].tag"),
                    format!("1 to {LONGEST_TAG} characters"),
                    format!("{:?}", g.tag),
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

    fn with_ghost(dash: [f64; 2], tag: &str) -> ChartOptions {
        ChartOptions {
            ghosts: vec![Ghost {
                history: History::default(),
                tag: tag.into(),
                colour: [118, 42, 131],
                dash,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_ghost_has_dashes_of_a_few_pixels_and_a_short_tag() {
        assert!(with_ghost([0.0, 0.0], "1").check().is_ok());
        assert!(with_ghost([6.0, 3.0], "12").check().is_ok());
        for (dash, tag, field, allowed) in [
            (
                [-1.0, 3.0],
                "1",
                "ghosts[0].dash[0]",
                "between 0 and 24 pixels",
            ),
            (
                [4.0, f64::NAN],
                "1",
                "ghosts[0].dash[1]",
                "between 0 and 24 pixels",
            ),
            ([4.0, 3.0], "", "ghosts[0].tag", "1 to 2 characters"),
            ([4.0, 3.0], "123", "ghosts[0].tag", "1 to 2 characters"),
        ] {
            let message = with_ghost(dash, tag).check().unwrap_err().to_string();
            assert!(message.contains(field), "{message}");
            assert!(message.contains(allowed), "{message}");
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
