//! The practice-rounds chart: train and test curves of the loss or the accuracy (RMSE for
//! regression) over the steps, drawn by plotters onto a page canvas.

use super::chart_style::ChartOptions;
use crate::Trainer;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// Train and test colours of the page's palette (blue and orange: distinct for colour-blind
/// readers too).
const TRAIN: RGBColor = RGBColor(33, 102, 172);
const TEST: RGBColor = RGBColor(230, 97, 1);

pub fn draw(
    trainer: &Trainer,
    canvas: web_sys::HtmlCanvasElement,
    metric: &str,
    options: &ChartOptions,
) -> Result<(), String> {
    let history = trainer.history();
    let (train, test) = match metric {
        "loss" => (&history.train_loss, &history.test_loss),
        "accuracy" => (&history.train_quality, &history.test_quality),
        other => {
            return Err(format!(
                "metric must be \"loss\" or \"accuracy\", got \"{other}\""
            ))
        }
    };
    let backend =
        CanvasBackend::with_canvas_object(canvas).ok_or("the canvas has no 2D context")?;
    let (fg, bg) = options.colours();
    let root = backend.into_drawing_area();
    root.fill(&bg).map_err(|e| e.to_string())?;

    let (ratio, px) = (options.ratio(), |css| options.px(css));
    let steps: Vec<f64> = history.step.iter().map(|&s| s as f64).collect();
    // At least one epoch wide, so the axis has whole-step ticks before the first epoch ends.
    let x_max = steps
        .last()
        .copied()
        .unwrap_or(0.0)
        .max(trainer.steps_per_epoch() as f64)
        .max(1.0);
    let finite = train.iter().chain(test).copied().filter(|v| v.is_finite());
    let y_max = match (metric, trainer.config().is_regression()) {
        ("accuracy", false) => 1.0,
        _ => f64::from(finite.fold(0.0f32, f32::max)).max(1e-3) * 1.05,
    };
    let font = ("sans-serif", 13.0 * ratio).into_font().color(&fg);
    let line = px(2.0);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .margin_right(px(14.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_labels(5.min(x_max as usize + 1))
        .y_labels(5)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.2}"))
        .label_style(font.clone())
        .axis_style(fg.mix(0.6))
        .light_line_style(fg.mix(0.06))
        .bold_line_style(fg.mix(0.12))
        .x_desc(options.x_label.clone().unwrap_or_else(|| "step".into()))
        .y_desc(options.y_label.clone().unwrap_or_default())
        .axis_desc_style(font.clone())
        .draw()
        .map_err(|e| e.to_string())?;
    let series = [
        (
            train,
            TRAIN,
            options.train_label.as_deref().unwrap_or("train"),
        ),
        (test, TEST, options.test_label.as_deref().unwrap_or("test")),
    ];
    for (values, colour, label) in series {
        let points = steps
            .iter()
            .zip(values)
            .filter(|(_, v)| v.is_finite())
            .map(|(&s, &v)| (s, f64::from(v).min(y_max)));
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(line)))
            .map_err(|e| e.to_string())?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new(
                    [(x, y), (x + px(16.0) as i32, y)],
                    colour.stroke_width(line),
                )
            });
    }
    chart
        .configure_series_labels()
        // Loss falls and accuracy rises: keep the legend where the curves are not.
        .position(if metric == "loss" {
            SeriesLabelPosition::UpperRight
        } else {
            SeriesLabelPosition::LowerRight
        })
        .label_font(font)
        .background_style(bg.mix(0.85))
        .border_style(fg.mix(0.2))
        .draw()
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}
