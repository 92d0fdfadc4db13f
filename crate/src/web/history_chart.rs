//! The practice-rounds chart: train and test curves of the loss or the accuracy (RMSE for
//! regression) over the epochs, drawn by plotters onto a page canvas.

use super::chart_legend::{measure, Legend, Obstacles};
use super::chart_style::{ChartOptions, Ghost, Reference};
use crate::trainer::History;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use std::ops::Range;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Train and test colours of the page's palette (blue and orange: distinct for colour-blind
/// readers too).
const TRAIN: RGBColor = RGBColor(33, 102, 172);
const TEST: RGBColor = RGBColor(230, 97, 1);
/// The reference lines: a muted green, apart from both curves.
const REFERENCE: RGBColor = RGBColor(77, 146, 33);
/// An earlier cook's curve is faded: its hue (the page's palette gives each ghost one neither
/// current curve has) at this opacity.
const GHOST_OPACITY: f64 = 0.5;

/// What the chart is drawn from: the history and whether the quality is an RMSE (else an
/// accuracy, drawn up to 1).
pub struct HistoryChart<'a> {
    pub history: &'a History,
    pub regression: bool,
}

pub fn draw(
    source: &HistoryChart,
    canvas: HtmlCanvasElement,
    metric: &str,
    options: &ChartOptions,
) -> Result<(), String> {
    let history = source.history;
    let (train, test) = curves(history, metric)?;
    let ghosts = options
        .ghosts
        .iter()
        .map(|g| Ok((curves(&g.history, metric)?.1, epochs_of(&g.history), g)))
        .collect::<Result<Vec<_>, String>>()?;
    let context = canvas_context(&canvas)?;
    let backend =
        CanvasBackend::with_canvas_object(canvas).ok_or("the canvas has no 2D context")?;
    let (fg, bg) = options.colours();
    let root = backend.into_drawing_area();
    root.fill(&bg).map_err(|e| e.to_string())?;

    let (ratio, px) = (options.ratio(), |css| options.px(css));
    let epochs = epochs_of(history);
    // At least one epoch wide (the measurement before training is at 0); every earlier cook's
    // whole run stays in view.
    let x_max = ghosts
        .iter()
        .filter_map(|(_, e, _)| e.last())
        .chain(epochs.last())
        .copied()
        .fold(1.0, f64::max);
    let accuracy = metric == "accuracy" && !source.regression;
    let ghost_values = ghosts.iter().flat_map(|(test, _, _)| test.iter());
    let values = train.iter().chain(test).chain(ghost_values).copied();
    let y_max = y_top(accuracy, values, &options.references);
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
        .x_label_formatter(&whole_epoch)
        .y_label_formatter(&|y| format!("{y:.2}"))
        .label_style(font.clone())
        .axis_style(fg.mix(0.6))
        .light_line_style(fg.mix(0.06))
        .bold_line_style(fg.mix(0.12))
        .x_desc(options.x_label.clone().unwrap_or_else(|| "epoch".into()))
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
    let points = |epochs: &[f64], values: &[f32]| -> Vec<(f64, f64)> {
        epochs
            .iter()
            .zip(values)
            .filter(|(_, v)| v.is_finite())
            .map(|(&s, &v)| (s, f64::from(v).min(y_max)))
            .collect()
    };
    // Behind the current curves: each earlier cook's test curve (its train curve too would make
    // eight faded lines of four cooks).
    let mut tags = Vec::new();
    // What the legend should not cover, in canvas pixels.
    let mut obstacles: Obstacles = Vec::new();
    let coords = chart.as_coord_spec().clone();
    let pixels = |points: &[(f64, f64)]| points.iter().map(|p| coords.translate(p)).collect();
    for (ghost_test, ghost_epochs, ghost) in &ghosts {
        let colour = ghost_colour(ghost);
        let faded = colour.mix(GHOST_OPACITY).stroke_width(line);
        let points = points(ghost_epochs, ghost_test);
        if let Some(&end) = points.last() {
            tags.push((chart.backend_coord(&end), colour, ghost.tag.as_str()));
        }
        obstacles.push(pixels(&points));
        let drawn = match ghost.dash {
            [dash, gap] if dash > 0.0 => {
                chart.draw_series(DashedLineSeries::new(points, px(dash), px(gap), faded))
            }
            _ => chart.draw_series(LineSeries::new(points, faded)),
        };
        drawn.map_err(|e| e.to_string())?;
    }
    for (values, colour, _) in series {
        let points = points(&epochs, values);
        obstacles.push(pixels(&points));
        // A lone entry (the measurement before training) is a point: a line needs two.
        if let [point] = points[..] {
            chart
                .draw_series(std::iter::once(Circle::new(
                    point,
                    px(3.5),
                    colour.filled(),
                )))
                .map_err(|e| e.to_string())?;
        }
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(line)))
            .map_err(|e| e.to_string())?;
    }
    for reference in options.references.iter().filter(|r| r.value <= y_max) {
        let level = [(0.0, reference.value), (x_max, reference.value)];
        obstacles.push(pixels(&level));
        chart
            .draw_series(DashedLineSeries::new(
                level,
                px(6.0),
                px(4.0),
                REFERENCE.stroke_width(px(1.5)),
            ))
            .map_err(|e| e.to_string())?;
        let label = font
            .clone()
            .color(&REFERENCE)
            .pos(Pos::new(HPos::Left, VPos::Bottom));
        // Just above its line, so the dashes do not cross the words.
        let at = (x_max * 0.02, reference.value + y_max * 0.015);
        let (x, y) = chart.backend_coord(&at);
        let (width, middle) = (
            measure(&context, &font, &reference.label)?,
            font.font.get_size() / 2.0,
        );
        obstacles.push(vec![
            (x, y - middle as i32),
            (x + width as i32, y - middle as i32),
        ]);
        chart
            .draw_series(std::iter::once(Text::new(
                reference.label.clone(),
                at,
                label,
            )))
            .map_err(|e| e.to_string())?;
    }
    let mut entries: Vec<(&str, RGBAColor)> = series
        .iter()
        .map(|&(_, colour, label)| (label, colour.to_rgba()))
        .collect();
    if let (Some(label), Some((_, _, first))) = (&options.ghost_legend, ghosts.first()) {
        entries.push((label.as_str(), ghost_colour(first).mix(GHOST_OPACITY)));
    }
    let area = chart.plotting_area().get_pixel_range();
    obstacles.extend(tags.iter().map(|&(at, _, _)| vec![at]));
    let legend = Legend {
        entries,
        // Loss falls and accuracy rises: the legend goes where the curves are not (and where
        // the reference lines, the losses of simpler models, are not either), unless another
        // corner covers less.
        top: metric == "loss" && options.references.is_empty(),
        font,
        line,
    };
    legend.draw(&root, &context, area.clone(), &obstacles, options)?;
    draw_tags(&root, tags, area, options)?;
    root.present().map_err(|e| e.to_string())
}

/// The top of the y axis: 1 for an accuracy, else a little above the highest finite value of
/// the curves and of the reference lines, so each is in view.
fn y_top(accuracy: bool, values: impl Iterator<Item = f32>, references: &[Reference]) -> f64 {
    if accuracy {
        return 1.0;
    }
    let curves = f64::from(values.filter(|v| v.is_finite()).fold(0.0f32, f32::max));
    let lines = references.iter().map(|r| r.value).fold(0.0, f64::max);
    curves.max(lines).max(1e-3) * 1.05
}

fn ghost_colour(ghost: &Ghost) -> RGBColor {
    let [r, g, b] = ghost.colour;
    RGBColor(r, g, b)
}

/// Each ghost's tag in a disc of its colour at its curve's end, kept inside the plotting area
/// and moved apart vertically where curves end close together, so every number reads.
fn draw_tags(
    root: &DrawingArea<CanvasBackend, Shift>,
    mut tags: Vec<((i32, i32), RGBColor, &str)>,
    (xs, ys): (Range<i32>, Range<i32>),
    options: &ChartOptions,
) -> Result<(), String> {
    let radius = options.px(8.0) as i32;
    let font = ("sans-serif", 11.0 * options.ratio(), FontStyle::Bold)
        .into_font()
        .color(&WHITE)
        .pos(Pos::new(HPos::Center, VPos::Center));
    tags.sort_by_key(|&((_, y), _, _)| y);
    let mut below = ys.start;
    for ((x, y), colour, tag) in tags {
        let y = y.max(below + radius).min(ys.end - radius);
        below = y + radius + 1;
        let x = x.clamp(xs.start + radius, xs.end - radius);
        root.draw(&Circle::new((x, y), radius as u32, colour.filled()))
            .map_err(|e| e.to_string())?;
        root.draw(&Text::new(tag, (x, y), font.clone()))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The train and test values of `metric` in a history.
fn curves<'h>(history: &'h History, metric: &str) -> Result<(&'h [f32], &'h [f32]), String> {
    match metric {
        "loss" => Ok((&history.train_loss, &history.test_loss)),
        "accuracy" => Ok((&history.train_quality, &history.test_quality)),
        other => Err(format!(
            "metric must be \"loss\" or \"accuracy\", got \"{other}\""
        )),
    }
}

fn epochs_of(history: &History) -> Vec<f64> {
    history.epoch.iter().map(|&e| e as f64).collect()
}

/// An x tick's label: its epoch when it falls on a whole one (a short axis may tick halves).
fn whole_epoch(x: &f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        String::new()
    }
}

fn canvas_context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
        .ok_or_else(|| "the canvas has no 2D context".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(value: f64) -> Reference {
        Reference {
            value,
            label: "uniform".into(),
        }
    }

    #[test]
    fn the_loss_axis_reaches_every_reference_line() {
        let curves = [0.5f32, 2.0, f32::NAN];
        assert_eq!(y_top(false, curves.into_iter(), &[]), 2.0 * 1.05);
        let top = y_top(false, curves.into_iter(), &[line(3.3), line(2.4)]);
        assert!((top - 3.3 * 1.05).abs() < 1e-12, "{top}");
        assert_eq!(y_top(true, curves.into_iter(), &[line(3.3)]), 1.0);
    }
}
