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

    /// Calls `f(output index, indices of its window in x)` for every output of every example.
    fn for_each_window(&self, n: usize, mut f: impl FnMut(usize, &mut dyn Iterator<Item = usize>)) {
        let (oh, ow) = (self.out_height(), self.out_width());
        for plane in 0..n * self.channels {
            for oy in 0..oh {
                for ox in 0..ow {
                    let out = (plane * oh + oy) * ow + ox;
                    let (y0, x0) = (oy * self.stride, ox * self.stride);
                    let mut window = (0..self.size).flat_map(|dy| {
                        let row = (plane * self.in_height + y0 + dy) * self.in_width + x0;
                        row..row + self.size
                    });
                    f(out, &mut window);
                }
            }
        }
    }

    pub fn forward(&self, x: &[f32], y: &mut [f32], n: usize) {
        let area = (self.size * self.size) as f32;
        self.for_each_window(n, |out, window| {
            y[out] = match self.kind {
                PoolKind::Max => window.map(|i| x[i]).fold(f32::NEG_INFINITY, f32::max),
                PoolKind::Average => window.map(|i| x[i]).sum::<f32>() / area,
            };
        });
    }

    /// Writes `dx` from `dy`; for max pooling the window's maximum is found again from `x` and
    /// `y`, so forward keeps no indices.
    pub fn backward(&self, x: &[f32], y: &[f32], dy: &[f32], dx: &mut [f32], n: usize) {
        dx.fill(0.0);
        let area = (self.size * self.size) as f32;
        self.for_each_window(n, |out, window| match self.kind {
            PoolKind::Max => {
                for i in window {
                    if x[i] == y[out] {
                        dx[i] += dy[out];
                        break;
                    }
                }
            }
            PoolKind::Average => window.for_each(|i| dx[i] += dy[out] / area),
        });
    }
}
