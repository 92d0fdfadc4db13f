//! Drawing a layer's histogram (binned by the core, `trainer::Histogram`) by plotters onto a
//! page canvas.

use super::chart_style::ChartOptions;
use crate::trainer::{self, Spread, BINS};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

const BAR: RGBColor = RGBColor(33, 102, 172);
const GRADIENT_BAR: RGBColor = RGBColor(230, 97, 1);
const UPDATE_BAR: RGBColor = RGBColor(27, 120, 55);

/// Weights in the train colour, gradients in the test colour, updates in green.
pub fn colour_of(spread: Spread) -> RGBColor {
    match spread {
        Spread::Weights => BAR,
        Spread::Gradients => GRADIENT_BAR,
        Spread::Updates => UPDATE_BAR,
    }
}

/// Draws a histogram's bars in `colour`, the axis labelled with each bin's centre.
pub fn draw(
    histogram: &trainer::Histogram,
    colour: RGBColor,
    canvas: web_sys::HtmlCanvasElement,
    options: &ChartOptions,
) -> Result<(), String> {
    let (lo, hi, counts) = (histogram.lo, histogram.hi, &histogram.counts);
    let width = histogram.bin_width();
    let y_max = counts.iter().copied().max().unwrap_or(1).max(1);
    // Enough decimals that the labels of a narrow range (biases near 0, gradients) differ.
    let decimals = (1.0 - (hi - lo).log10().floor()).clamp(2.0, 6.0) as usize;

    let (ratio, px) = (options.ratio(), |css| options.px(css));
    let (fg, bg) = options.colours();
    let backend =
        CanvasBackend::with_canvas_object(canvas).ok_or("the canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&bg).map_err(|e| e.to_string())?;
    let font = ("sans-serif", 12.0 * ratio).into_font().color(&fg);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(6.0))
        .margin_right(px(12.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d((0..BINS).into_segmented(), 0u32..y_max + y_max / 10 + 1)
        .map_err(|e| e.to_string())?;
    let centre = |bin: &SegmentValue<usize>| match bin {
        SegmentValue::Exact(b) | SegmentValue::CenterOf(b) => lo + width * (*b as f32 + 0.5),
        SegmentValue::Last => hi,
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(5)
        .y_labels(4)
        .x_label_formatter(&|b| format!("{:.*}", decimals, centre(b)))
        .label_style(font.clone())
        .axis_style(fg.mix(0.6))
        .light_line_style(fg.mix(0.06))
        .bold_line_style(fg.mix(0.12))
        .x_desc(options.x_label.clone().unwrap_or_default())
        .y_desc(options.y_label.clone().unwrap_or_default())
        .axis_desc_style(font)
        .draw()
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(
            Histogram::vertical(&chart)
                .style(colour.filled())
                .margin(px(1.0))
                .data(counts.iter().enumerate().map(|(b, &c)| (b, c))),
        )
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}
