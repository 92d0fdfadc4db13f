//! Turning a learner's drawing into an input like the training images.
//!
//! MNIST digits were scaled to fit a 20×20 box (keeping their aspect ratio) and placed in a 28×28
//! image with their centre of mass in the middle; scikit-learn's 8×8 digits fill their whole
//! square. `centre_drawing` does the same to a drawing of any size.

use crate::error::{check_range, Error, Result};

/// Values below this count as paper, not ink, when finding the drawing's extent.
const INK: f32 = 0.05;

/// Prepares a `width × height` drawing (values in [0, 1], 1 = ink) as a `size × size` input:
/// 28 gives MNIST's 20×20 box centred by mass, 8 fills the square (scikit-learn's digits).
/// An empty drawing gives an empty image.
pub fn centre_drawing(
    pixels: &[f32],
    width: usize,
    height: usize,
    size: usize,
) -> Result<Vec<f32>> {
    check_range("drawing width", width, 4, 1024)?;
    check_range("drawing height", height, 4, 1024)?;
    if pixels.len() != width * height || pixels.iter().any(|p| !p.is_finite()) {
        return Err(Error::invalid(
            "drawing",
            format!("{} finite values ({width}×{height})", width * height),
            format!("{} values", pixels.len()),
        ));
    }
    let (box_side, centre_by_mass) = match size {
        28 => (20.0, true),
        8 => (8.0, false),
        _ => return Err(Error::invalid("size", "28 (MNIST) or 8 (8×8 digits)", size)),
    };
    let mut out = vec![0.0; size * size];
    let inked = |x: usize, y: usize| pixels[y * width + x] > INK;
    let xs = (0..width).filter(|&x| (0..height).any(|y| inked(x, y)));
    let ys = (0..height).filter(|&y| (0..width).any(|x| inked(x, y)));
    let (Some(x0), Some(x1), Some(y0), Some(y1)) =
        (xs.clone().min(), xs.max(), ys.clone().min(), ys.max())
    else {
        return Ok(out);
    };
    // Scale the ink's bounding box to fit the box, keeping the aspect ratio.
    let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    let scale = box_side / bw.max(bh);
    let (ow, oh) = (bw * scale, bh * scale);
    let mut offset = ((size as f32 - ow) / 2.0, (size as f32 - oh) / 2.0);
    if centre_by_mass {
        let (mut mass, mut mx, mut my) = (0.0, 0.0, 0.0);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let v = pixels[y * width + x];
                mass += v;
                mx += v * ((x - x0) as f32 + 0.5) * scale;
                my += v * ((y - y0) as f32 + 0.5) * scale;
            }
        }
        let half = size as f32 / 2.0;
        offset = (half - mx / mass, half - my / mass);
    }
    // Area sampling: each output pixel averages the drawing over the square it covers.
    for (i, o) in out.iter_mut().enumerate() {
        let (ox, oy) = ((i % size) as f32 - offset.0, (i / size) as f32 - offset.1);
        let (sx0, sy0) = (x0 as f32 + ox / scale, y0 as f32 + oy / scale);
        let (sx1, sy1) = (sx0 + 1.0 / scale, sy0 + 1.0 / scale);
        *o = area_mean(pixels, width, height, (sx0, sy0), (sx1, sy1)).clamp(0.0, 1.0);
    }
    Ok(out)
}

/// Mean of the drawing over the rectangle from `a` to `b` (outside the drawing counts as 0).
fn area_mean(pixels: &[f32], width: usize, height: usize, a: (f32, f32), b: (f32, f32)) -> f32 {
    let (mut sum, area) = (0.0, (b.0 - a.0) * (b.1 - a.1));
    let cols = (a.0.floor().max(0.0) as usize)..(b.0.ceil().min(width as f32).max(0.0) as usize);
    let rows = (a.1.floor().max(0.0) as usize)..(b.1.ceil().min(height as f32).max(0.0) as usize);
    for y in rows {
        let cover_y = (b.1.min(y as f32 + 1.0) - a.1.max(y as f32)).max(0.0);
        for x in cols.clone() {
            let cover_x = (b.0.min(x as f32 + 1.0) - a.0.max(x as f32)).max(0.0);
            sum += pixels[y * width + x] * cover_x * cover_y;
        }
    }
    sum / area
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w × h` drawing with ink in the rectangle `x0..x1, y0..y1`.
    fn rectangle(
        w: usize,
        h: usize,
        (x0, x1): (usize, usize),
        (y0, y1): (usize, usize),
    ) -> Vec<f32> {
        let mut p = vec![0.0; w * h];
        for y in y0..y1 {
            for x in x0..x1 {
                p[y * w + x] = 1.0;
            }
        }
        p
    }

    fn centre_of_mass(img: &[f32], size: usize) -> (f32, f32) {
        let mass: f32 = img.iter().sum();
        let mx: f32 = img
            .iter()
            .enumerate()
            .map(|(i, v)| v * ((i % size) as f32 + 0.5))
            .sum();
        let my: f32 = img
            .iter()
            .enumerate()
            .map(|(i, v)| v * ((i / size) as f32 + 0.5))
            .sum();
        (mx / mass, my / mass)
    }

    #[test]
    fn a_stroke_in_a_corner_is_scaled_into_the_20_pixel_box_and_centred_by_mass() {
        let drawing = rectangle(280, 280, (10, 50), (20, 120)); // tall bar, top-left
        let img = centre_drawing(&drawing, 280, 280, 28).unwrap();
        let (cx, cy) = centre_of_mass(&img, 28);
        assert!(
            (cx - 14.0).abs() < 0.3 && (cy - 14.0).abs() < 0.3,
            "{cx} {cy}"
        );
        let rows_with_ink = (0..28)
            .filter(|y| (0..28).any(|x| img[y * 28 + x] > 0.5))
            .count();
        assert!((19..=21).contains(&rows_with_ink), "{rows_with_ink} rows");
        let total: f32 = img.iter().sum();
        assert!(
            (total - 8.0 * 20.0).abs() < 3.0,
            "ink is conserved: {total}"
        );
    }

    #[test]
    fn for_8x8_digits_the_drawing_fills_the_square() {
        let drawing = rectangle(100, 100, (40, 60), (10, 90));
        let img = centre_drawing(&drawing, 100, 100, 8).unwrap();
        assert!(
            img[0] < 0.01 && img[3] > 0.9 && img[7 * 8 + 4] > 0.9,
            "{img:?}"
        );
    }

    #[test]
    fn an_empty_drawing_is_an_empty_image_and_bad_sizes_are_refused() {
        assert!(centre_drawing(&[0.0; 400], 20, 20, 28)
            .unwrap()
            .iter()
            .all(|&v| v == 0.0));
        assert!(centre_drawing(&[0.0; 10], 20, 20, 28).is_err());
        assert!(centre_drawing(&[0.0; 400], 20, 20, 16).is_err());
    }
}
