//! 2D convolution, lowered to matrix multiplication (im2col).
//!
//! Shapes: input `x` is `N × C × H × W`, kernels `W` are `K_out × (C·k·k)` (one row per output
//! channel, ordered channel, kernel row, kernel column), `b` is `K_out`, output `y` is
//! `N × K_out × OH × OW` with `OH = (H + 2·pad − k) / stride + 1` (the same for `OW`).
//!
//! For each example: `cols = im2col(x)` is `(C·k·k) × (OH·OW)` and `y = W · cols + b`.
//! Backward: `dW += dy · colsᵀ`, `db += Σ dy`, `dcols = Wᵀ · dy`, `dx = col2im(dcols)`.

use ndarray::linalg::general_mat_mul;

use crate::nn::dense::{matrix, matrix_mut};
use crate::nn::slot::Slot;

#[derive(Clone, Debug, PartialEq)]
pub struct Conv2d {
    pub in_channels: usize,
    pub in_height: usize,
    pub in_width: usize,
    pub out_channels: usize,
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
    pub weights: Slot,
    pub biases: Slot,
}

impl Conv2d {
    pub fn out_height(&self) -> usize {
        (self.in_height + 2 * self.padding - self.kernel) / self.stride + 1
    }

    pub fn out_width(&self) -> usize {
        (self.in_width + 2 * self.padding - self.kernel) / self.stride + 1
    }

    fn patch(&self) -> usize {
        self.in_channels * self.kernel * self.kernel
    }

    fn in_size(&self) -> usize {
        self.in_channels * self.in_height * self.in_width
    }

    fn out_size(&self) -> usize {
        self.out_channels * self.out_height() * self.out_width()
    }

    /// Scratch floats one example needs (the `cols` matrix).
    pub fn cols_len(&self) -> usize {
        self.patch() * self.out_height() * self.out_width()
    }

    /// Calls `f(row of cols, column of cols, index into x)` for every in-bounds tap; taps that
    /// fall on the padding are skipped (they read 0).
    fn for_each_tap(&self, mut f: impl FnMut(usize, usize, usize)) {
        let (oh, ow, k) = (self.out_height(), self.out_width(), self.kernel);
        let (h, w) = (self.in_height as isize, self.in_width as isize);
        for c in 0..self.in_channels {
            for ki in 0..k {
                for kj in 0..k {
                    let row = (c * k + ki) * k + kj;
                    for oy in 0..oh {
                        let iy = (oy * self.stride + ki) as isize - self.padding as isize;
                        if iy < 0 || iy >= h {
                            continue;
                        }
                        for ox in 0..ow {
                            let ix = (ox * self.stride + kj) as isize - self.padding as isize;
                            if ix < 0 || ix >= w {
                                continue;
                            }
                            let at =
                                (c * self.in_height + iy as usize) * self.in_width + ix as usize;
                            f(row, oy * ow + ox, at);
                        }
                    }
                }
            }
        }
    }

    fn im2col(&self, x: &[f32], cols: &mut [f32]) {
        let spatial = self.out_height() * self.out_width();
        cols.fill(0.0);
        self.for_each_tap(|row, col, at| cols[row * spatial + col] = x[at]);
    }

    /// `y = W · im2col(x) + b`, example by example. `cols` is scratch of `cols_len()`.
    pub fn forward(&self, params: &[f32], x: &[f32], y: &mut [f32], n: usize, cols: &mut [f32]) {
        let spatial = self.out_height() * self.out_width();
        let w = matrix(self.weights.of(params), self.out_channels, self.patch());
        let b = self.biases.of(params);
        for i in 0..n {
            let x_i = &x[i * self.in_size()..(i + 1) * self.in_size()];
            let y_i = &mut y[i * self.out_size()..(i + 1) * self.out_size()];
            self.im2col(x_i, cols);
            for (row, &bias) in y_i.chunks_exact_mut(spatial).zip(b) {
                row.fill(bias);
            }
            let cols_m = matrix(cols, self.patch(), spatial);
            general_mat_mul(
                1.0,
                &w,
                &cols_m,
                1.0,
                &mut matrix_mut(y_i, self.out_channels, spatial),
            );
        }
    }

    /// Adds `dW`, `db` into `grads` and writes `dx`. `cols` and `d_cols` are scratch.
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        dy: &[f32],
        dx: &mut [f32],
        n: usize,
        cols: &mut [f32],
        d_cols: &mut [f32],
    ) {
        let spatial = self.out_height() * self.out_width();
        let w = matrix(self.weights.of(params), self.out_channels, self.patch());
        for i in 0..n {
            let x_i = &x[i * self.in_size()..(i + 1) * self.in_size()];
            let dy_i = &dy[i * self.out_size()..(i + 1) * self.out_size()];
            let dx_i = &mut dx[i * self.in_size()..(i + 1) * self.in_size()];
            self.im2col(x_i, cols);
            let dy_m = matrix(dy_i, self.out_channels, spatial);
            {
                let cols_m = matrix(cols, self.patch(), spatial);
                let mut dw =
                    matrix_mut(self.weights.of_mut(grads), self.out_channels, self.patch());
                general_mat_mul(1.0, &dy_m, &cols_m.t(), 1.0, &mut dw);
            }
            for (db, row) in self
                .biases
                .of_mut(grads)
                .iter_mut()
                .zip(dy_i.chunks_exact(spatial))
            {
                *db += row.iter().sum::<f32>();
            }
            general_mat_mul(
                1.0,
                &w.t(),
                &dy_m,
                0.0,
                &mut matrix_mut(d_cols, self.patch(), spatial),
            );
            dx_i.fill(0.0);
            self.for_each_tap(|row, col, at| dx_i[at] += d_cols[row * spatial + col]);
        }
    }
}
