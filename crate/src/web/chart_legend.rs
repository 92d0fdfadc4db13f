//! The history chart's legend: a line sample and a name per curve, in a box in the corner of the
//! plotting area that covers the least of what is drawn (the curves, the reference lines and
//! their words, the ghosts' tags). Drawn here rather than by plotters, whose legend measures each
//! name by adding an element to the page and reading its size: a layout of the whole page per
//! name. The canvas measures text without touching the page.

use super::chart_style::ChartOptions;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use std::ops::Range;
use web_sys::CanvasRenderingContext2d;

/// What the legend should not cover: lines through canvas pixels (a lone point is a line too).
pub type Obstacles = Vec<Vec<(i32, i32)>>;

pub struct Legend<'a> {
    pub entries: Vec<(&'a str, RGBAColor)>,
    /// The corner to take when two cover as little: the top (else the bottom) right.
    pub top: bool,
    pub font: TextStyle<'a>,
    pub line: u32,
}

impl Legend<'_> {
    pub fn draw(
        &self,
        root: &DrawingArea<CanvasBackend, Shift>,
        context: &CanvasRenderingContext2d,
        (xs, ys): (Range<i32>, Range<i32>),
        obstacles: &Obstacles,
        options: &ChartOptions,
    ) -> Result<(), String> {
        let px = |css: f64| options.px(css) as i32;
        let (fg, bg) = options.colours();
        let size = self.font.font.get_size();
        let mut text_width = 0.0f64;
        for (label, _) in &self.entries {
            text_width = text_width.max(measure(context, &self.font, label)?);
        }
        let (pad, sample, gap) = (px(6.0), px(16.0), px(6.0));
        let row = (size * 1.35).round() as i32;
        let width = pad + sample + gap + text_width.ceil() as i32 + pad;
        let height = pad + row * self.entries.len() as i32 + pad;
        let (left, right) = (xs.start + px(8.0), xs.end - px(8.0) - width);
        let (top, bottom) = (ys.start + px(8.0), ys.end - px(8.0) - height);
        let [first, second] = if self.top {
            [top, bottom]
        } else {
            [bottom, top]
        };
        let corners = [
            (right, first),
            (right, second),
            (left, first),
            (left, second),
        ];
        let (x0, y0) = corners
            .into_iter()
            .min_by_key(|&(x, y)| {
                covered(
                    obstacles,
                    (x - pad..x + width + pad, y - pad..y + height + pad),
                )
            })
            .unwrap_or((right, first));
        let corners = [(x0, y0), (x0 + width, y0 + height)];
        let draw_error = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.draw(&Rectangle::new(corners, bg.mix(0.85).filled()))
            .map_err(draw_error)?;
        root.draw(&Rectangle::new(corners, fg.mix(0.2)))
            .map_err(draw_error)?;
        let text = self.font.pos(Pos::new(HPos::Left, VPos::Center));
        for (i, (label, colour)) in self.entries.iter().enumerate() {
            let y = y0 + pad + row * i as i32 + row / 2;
            let x = x0 + pad;
            root.draw(&PathElement::new(
                [(x, y), (x + sample, y)],
                colour.stroke_width(self.line),
            ))
            .map_err(draw_error)?;
            root.draw(&Text::new(*label, (x + sample + gap, y), text.clone()))
                .map_err(draw_error)?;
        }
        Ok(())
    }
}

/// The width of `text` in canvas pixels, in `font`.
pub fn measure(
    context: &CanvasRenderingContext2d,
    font: &TextStyle,
    text: &str,
) -> Result<f64, String> {
    context.set_font(&format!(
        "{}px {}",
        font.font.get_size(),
        font.font.get_family().as_str()
    ));
    let metrics = context
        .measure_text(text)
        .map_err(|_| "cannot measure text")?;
    Ok(metrics.width())
}

/// How many pixels along the obstacles' lines (one every 2) fall inside the box `(xs, ys)`.
fn covered(obstacles: &Obstacles, (xs, ys): (Range<i32>, Range<i32>)) -> usize {
    let inside = |(x, y): (i32, i32)| xs.contains(&x) && ys.contains(&y);
    let mut n = 0;
    for line in obstacles {
        if let [point] = line[..] {
            n += usize::from(inside(point));
        }
        for pair in line.windows(2) {
            let [(x1, y1), (x2, y2)] = [pair[0], pair[1]];
            let steps = ((x2 - x1).abs().max((y2 - y1).abs()) / 2).max(1);
            n += (0..=steps)
                .map(|k| (x1 + (x2 - x1) * k / steps, y1 + (y2 - y1) * k / steps))
                .filter(|&p| inside(p))
                .count();
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_counts_the_pixels_of_the_lines_through_it() {
        let lines = vec![vec![(0, 50), (100, 50)], vec![(90, 90)]];
        assert_eq!(covered(&lines, (0..10, 0..10)), 0);
        // The horizontal line: every other pixel from x 10 to 19, and the lone point.
        assert_eq!(covered(&lines, (10..20, 40..60)), 5);
        assert_eq!(covered(&lines, (80..100, 80..100)), 1);
    }
}
