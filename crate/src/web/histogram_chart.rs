//! How a layer's seasonings are spread: a histogram of its weights (or their gradients), drawn
//! by plotters onto a page canvas.

use super::chart_style::ChartOptions;
use crate::nn::network::Layer;
use crate::Trainer;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

const BINS: usize = 30;
const BAR: RGBColor = RGBColor(33, 102, 172);
const GRADIENT_BAR: RGBColor = RGBColor(230, 97, 1);

/// Draws the histogram of layer `layer`'s weights (`what` = "weights") or their gradients.
/// `layer` indexes `network().layers` (activations belong to the layer before them).
pub fn draw(
    trainer: &Trainer,
    canvas: web_sys::HtmlCanvasElement,
    layer: usize,
    what: &str,
    options: &ChartOptions,
) -> Result<(), String> {
    let shown: Vec<&Layer> = trainer
        .network()
        .layers()
        .iter()
        .filter(|l| !matches!(l, Layer::Activation(_)))
        .collect();
    let slot = match shown.get(layer) {
        Some(Layer::Dense(d)) => d.weights,
        Some(Layer::Conv2d(c)) => c.weights,
        Some(_) => {
            return Err(format!(
                "layer {layer} has no weights (it is a pooling, flatten or dropout layer)"
            ))
        }
        None => return Err(format!("layer must be below {}, got {layer}", shown.len())),
    };
    let (values, colour) = match what {
        "weights" => (slot.of(trainer.params()), BAR),
        "gradients" => (slot.of(trainer.grads()), GRADIENT_BAR),
        other => {
            return Err(format!(
                "what must be \"weights\" or \"gradients\", got \"{other}\""
            ))
        }
    };
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo < hi {
        (lo, hi)
    } else {
        (lo.min(0.0) - 1e-3, hi.max(0.0) + 1e-3)
    };
    let width = (hi - lo) / BINS as f32;
    let mut counts = [0u32; BINS];
    for v in values.iter().filter(|v| v.is_finite()) {
        counts[(((v - lo) / width) as usize).min(BINS - 1)] += 1;
    }
    let y_max = counts.iter().copied().max().unwrap_or(1).max(1);

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
        .x_label_formatter(&|b| format!("{:.2}", centre(b)))
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
