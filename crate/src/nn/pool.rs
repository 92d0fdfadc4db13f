//! Max and average pooling over square windows, channel by channel.
//!
//! Shapes: `x` is `N × C × H × W`, `y` is `N × C × OH × OW` with `OH = (H − size) / stride + 1`.
//! Max: `y = max(window)`, and the gradient goes to the (first) maximum of each window, whose
//! place a training forward pass notes (`argmax`, an index into `x` per output).
//! Average: `y = mean(window)`, and each input of the window gets `dy / size²`.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolKind {
    Max,
    Average,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pool2d {
    pub kind: PoolKind,
    pub channels: usize,
    pub in_height: usize,
    pub in_width: usize,
    pub size: usize,
    pub stride: usize,
}

impl Pool2d {
    pub fn out_height(&self) -> usize {
        (self.in_height - self.size) / self.stride + 1
    }

    pub fn out_width(&self) -> usize {
        (self.in_width - self.size) / self.stride + 1
    }

    /// Calls `f(output row, its window's input rows)` for each output row of every example:
    /// `f(y_at, x_rows)` where output row `y_at .. y_at + OW` pools input rows
    /// `x_rows[r] .. x_rows[r] + W` for `r < size`, window `ox` starting at `ox · stride`.
    fn for_each_output_row(&self, n: usize, mut f: impl FnMut(usize, usize)) {
        let (oh, ow) = (self.out_height(), self.out_width());
        let (h, w) = (self.in_height, self.in_width);
        for plane in 0..n * self.channels {
            for oy in 0..oh {
                f((plane * oh + oy) * ow, (plane * h + oy * self.stride) * w);
            }
        }
    }

    /// `argmax`: where max pooling notes each output's input, for `backward` (`y.len()`
    /// entries), or `None` when no backward pass will follow.
    pub fn forward(&self, x: &[f32], y: &mut [f32], n: usize, argmax: Option<&mut [u32]>) {
        match (self.kind, argmax) {
            (PoolKind::Max, Some(argmax)) => self.max_noting_argmax(x, y, argmax, n),
            (PoolKind::Max, None) => {
                self.pool(x, y, n, f32::NEG_INFINITY, |m, v| if v > m { v } else { m })
            }
            (PoolKind::Average, _) => {
                self.pool(x, y, n, 0.0, |sum, v| sum + v);
                let area = (self.size * self.size) as f32;
                y.iter_mut().for_each(|v| *v /= area);
            }
        }
    }

    /// Folds each window into its output with `combine`, starting from `start`.
    fn pool(
        &self,
        x: &[f32],
        y: &mut [f32],
        n: usize,
        start: f32,
        combine: impl Fn(f32, f32) -> f32,
    ) {
        let (size, step, w, ow) = (self.size, self.stride, self.in_width, self.out_width());
        self.for_each_output_row(n, |y_at, x_at| {
            let out = &mut y[y_at..y_at + ow];
            out.fill(start);
            let rows = x[x_at..].chunks(w).take(size);
            if step == size {
                // Windows side by side (the usual case): each row's windows are its chunks.
                for row in rows {
                    for (o, window) in out.iter_mut().zip(row.chunks_exact(size)) {
                        *o = window.iter().fold(*o, |acc, &v| combine(acc, v));
                    }
                }
                return;
            }
            // Overlapping or spaced windows: window offset by window offset along the row.
            for row in rows {
                for j in 0..size {
                    let taps = row[j..].iter().step_by(step);
                    out.iter_mut()
                        .zip(taps)
                        .for_each(|(o, &v)| *o = combine(*o, v));
                }
            }
        });
    }

    /// Max pooling that notes where each maximum is (its first occurrence, row by row).
    fn max_noting_argmax(&self, x: &[f32], y: &mut [f32], argmax: &mut [u32], n: usize) {
        let (size, step, w, ow) = (self.size, self.stride, self.in_width, self.out_width());
        self.for_each_output_row(n, |y_at, x_at| {
            let outputs = y[y_at..y_at + ow].iter_mut();
            for (ox, (out, place)) in outputs.zip(&mut argmax[y_at..y_at + ow]).enumerate() {
                let start = x_at + ox * step;
                let (mut best, mut at) = (f32::NEG_INFINITY, start);
                for row in (start..start + size * w).step_by(w) {
                    for (i, &v) in x[row..row + size].iter().enumerate() {
                        if v > best {
                            (best, at) = (v, row + i);
                        }
                    }
                }
                *out = best;
                // A batch's inputs fit in wasm32's memory, so their indices in a u32.
                *place = at as u32;
            }
        });
    }

    /// Writes `dx` from `dy`; max pooling sends each output's gradient to the input its
    /// training forward pass noted in `argmax`.
    pub fn backward(&self, dy: &[f32], dx: &mut [f32], n: usize, argmax: &[u32]) {
        dx.fill(0.0);
        match self.kind {
            PoolKind::Max => {
                for (&d, &at) in dy.iter().zip(argmax) {
                    dx[at as usize] += d;
                }
            }
            PoolKind::Average => {
                let (size, step, w, ow) = (self.size, self.stride, self.in_width, self.out_width());
                let share = 1.0 / (size * size) as f32;
                self.for_each_output_row(n, |y_at, x_at| {
                    for (ox, &d) in dy[y_at..y_at + ow].iter().enumerate() {
                        for row in (x_at + ox * step..).step_by(w).take(size) {
                            dx[row..row + size].iter_mut().for_each(|v| *v += d * share);
                        }
                    }
                });
            }
        }
    }
}
