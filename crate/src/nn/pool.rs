//! Max and average pooling over square windows, channel by channel.
//!
//! Shapes: `x` is `N × C × H × W`, `y` is `N × C × OH × OW` with `OH = (H − size) / stride + 1`.
//! Max: `y = max(window)`, and the gradient goes to the (first) maximum of each window.
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

    /// Calls `f(output index, start of each window row in x)` for every output of every
    /// example; a window row is `size` values from its start.
    fn for_each_window(&self, n: usize, mut f: impl FnMut(usize, std::ops::Range<usize>)) {
        let (oh, ow, size, step) = (self.out_height(), self.out_width(), self.size, self.stride);
        let (h, w) = (self.in_height, self.in_width);
        for plane in 0..n * self.channels {
            for oy in 0..oh {
                let top = (plane * h + oy * step) * w;
                for ox in 0..ow {
                    let start = top + ox * step;
                    // Window rows start `w` apart; the last ends `size` after its start.
                    f(
                        (plane * oh + oy) * ow + ox,
                        start..start + (size - 1) * w + size,
                    );
                }
            }
        }
    }

    pub fn forward(&self, x: &[f32], y: &mut [f32], n: usize) {
        let (size, w) = (self.size, self.in_width);
        let area = (size * size) as f32;
        match self.kind {
            PoolKind::Max => self.for_each_window(n, |out, rows| {
                let rows = x[rows].chunks(w).map(|r| &r[..size]);
                y[out] = rows.flatten().copied().fold(f32::NEG_INFINITY, f32::max);
            }),
            PoolKind::Average => self.for_each_window(n, |out, rows| {
                let rows = x[rows].chunks(w).map(|r| &r[..size]);
                y[out] = rows.flatten().sum::<f32>() / area;
            }),
        }
    }

    /// Writes `dx` from `dy`; for max pooling the window's maximum is found again from `x` and
    /// `y`, so forward keeps no indices.
    pub fn backward(&self, x: &[f32], y: &[f32], dy: &[f32], dx: &mut [f32], n: usize) {
        let (size, w) = (self.size, self.in_width);
        dx.fill(0.0);
        let area = (size * size) as f32;
        match self.kind {
            PoolKind::Max => self.for_each_window(n, |out, rows| {
                let first_max = (0..size)
                    .flat_map(|r| rows.start + r * w..rows.start + r * w + size)
                    .find(|&i| x[i] == y[out]);
                if let Some(i) = first_max {
                    dx[i] += dy[out];
                }
            }),
            PoolKind::Average => self.for_each_window(n, |out, rows| {
                let share = dy[out] / area;
                for r in 0..size {
                    let row = rows.start + r * w;
                    dx[row..row + size].iter_mut().for_each(|d| *d += share);
                }
            }),
        }
    }
}
