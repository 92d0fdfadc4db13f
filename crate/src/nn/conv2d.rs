//! 2D convolution, lowered to matrix multiplication (im2col).
//!
//! Shapes: input `x` is `N × C × H × W`, kernels `W` are `K_out × (C·k·k)` (one row per output
//! channel, ordered channel, kernel row, kernel column), `b` is `K_out`, output `y` is
//! `N × K_out × OH × OW` with `OH = (H + 2·pad − k) / stride + 1` (the same for `OW`).
//!
//! For each example: `cols = im2col(x)` is `(C·k·k) × (OH·OW)` and `y = W · cols + b`.
//! Backward: `dW += dy · colsᵀ`, `db += Σ dy`, `dcols = Wᵀ · dy`, `dx = col2im(dcols)`.

use crate::kernels::{gemm, GemmBuffers, Output};
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

    /// Inputs under one kernel position (`C·k·k`).
    pub fn patch(&self) -> usize {
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

    /// `cols_len` in u64 with checked arithmetic (None past it): how a plan checks a layer's
    /// size before anything is made of it.
    pub fn cols_len_checked(&self) -> Option<u64> {
        let (oh, ow) = (self.out_height() as u64, self.out_width() as u64);
        (self.patch() as u64).checked_mul(oh)?.checked_mul(ow)
    }

    /// Walks `cols` one output row at a time for each kernel tap: `f(at, lo, hi, x_at)` for
    /// the `OW` entries of `cols` from flat index `at`, of which `lo..hi` read
    /// `x[x_at + (ox − lo)·stride]` and the rest fall on the padding (read 0).
    fn for_each_row(&self, mut f: impl FnMut(usize, usize, usize, usize)) {
        let (oh, ow, k, s) = (
            self.out_height(),
            self.out_width(),
            self.kernel,
            self.stride,
        );
        let (h, w, pad) = (self.in_height, self.in_width, self.padding);
        for c in 0..self.in_channels {
            for ki in 0..k {
                for kj in 0..k {
                    let row = (c * k + ki) * k + kj;
                    // Input column of output column ox: ox·s + kj − pad, inside [0, w) for
                    // ox in lo..hi.
                    let lo = pad.saturating_sub(kj).div_ceil(s).min(ow);
                    let hi = (w + pad - kj).div_ceil(s).clamp(lo, ow);
                    for oy in 0..oh {
                        let at = (row * oh + oy) * ow;
                        let iy = (oy * s + ki).wrapping_sub(pad);
                        if iy >= h {
                            f(at, 0, 0, 0);
                            continue;
                        }
                        f(at, lo, hi, (c * h + iy) * w + lo * s + kj - pad);
                    }
                }
            }
        }
    }

    fn im2col(&self, x: &[f32], cols: &mut [f32]) {
        let (ow, s) = (self.out_width(), self.stride);
        if self.is_same() {
            return self.im2col_same(x, cols);
        }
        self.for_each_row(|at, lo, hi, x_at| {
            let row = &mut cols[at..at + ow];
            row[..lo].fill(0.0);
            row[hi..].fill(0.0);
            let inside = &mut row[lo..hi];
            if s == 1 {
                inside.copy_from_slice(&x[x_at..x_at + inside.len()]);
            } else {
                let taps = x[x_at..].iter().step_by(s);
                inside.iter_mut().zip(taps).for_each(|(c, &x)| *c = x);
            }
        });
    }

    /// Whether this is a stride-1 convolution whose output has its input's size ("same"
    /// padding): then each row of `cols` is an input plane shifted by the tap's offset.
    fn is_same(&self) -> bool {
        self.stride == 1 && self.out_width() == self.in_width && self.out_height() == self.in_height
    }

    /// For a "same" convolution, each row of `cols` (`row`, of one plane's size): `f(row, lo,
    /// hi, from, wrapped)` where entries `lo..hi` of the row are input `from..` of the plane
    /// in one piece, the rest fall above or below it, and the columns `wrapped` of every
    /// line fall left or right of it.
    fn for_each_shifted_row(
        &self,
        mut f: impl FnMut(usize, usize, usize, usize, std::ops::Range<usize>),
    ) {
        let (h, w, k, pad) = (self.in_height, self.in_width, self.kernel, self.padding);
        let plane = h * w;
        for row in 0..self.patch() {
            let (c, tap) = (row / (k * k), row % (k * k));
            let dy = (tap / k) as isize - pad as isize;
            let dx = (tap % k) as isize - pad as isize;
            // Entry i of the row is input i + shift of the plane, where that lies inside it.
            let shift = dy * w as isize + dx;
            let lo = (-shift).clamp(0, plane as isize) as usize;
            let hi = (plane as isize - shift).clamp(lo as isize, plane as isize) as usize;
            let from = (c * plane + lo).wrapping_add_signed(shift);
            let wrapped = if dx < 0 {
                0..(-dx) as usize
            } else {
                w - dx as usize..w
            };
            f(row, lo, hi, from, wrapped);
        }
    }

    /// `im2col` of a "same" convolution: each row copied in one piece, then what fell outside
    /// the plane zeroed (the wrapped columns a column at a time: a few strided writes rather
    /// than a tiny fill per line).
    fn im2col_same(&self, x: &[f32], cols: &mut [f32]) {
        let (plane, w) = (self.in_height * self.in_width, self.in_width);
        self.for_each_shifted_row(|row, lo, hi, from, wrapped| {
            let dst = &mut cols[row * plane..(row + 1) * plane];
            dst[..lo].fill(0.0);
            dst[hi..].fill(0.0);
            dst[lo..hi].copy_from_slice(&x[from..from + (hi - lo)]);
            for column in wrapped {
                dst[column..].iter_mut().step_by(w).for_each(|v| *v = 0.0);
            }
        });
    }

    /// `col2im` of a "same" convolution: the wrapped entries (gradients of padding) dropped,
    /// then each row added in one piece.
    fn col2im_same(&self, d_cols: &mut [f32], dx: &mut [f32]) {
        let (plane, w) = (self.in_height * self.in_width, self.in_width);
        dx.fill(0.0);
        self.for_each_shifted_row(|row, lo, hi, from, wrapped| {
            let src = &mut d_cols[row * plane..(row + 1) * plane];
            for column in wrapped {
                src[column..].iter_mut().step_by(w).for_each(|v| *v = 0.0);
            }
            let target = &mut dx[from..from + (hi - lo)];
            target
                .iter_mut()
                .zip(&src[lo..hi])
                .for_each(|(d, &g)| *d += g);
        });
    }

    /// The adjoint of `im2col`: adds each entry of `d_cols` into the input it was read from.
    fn col2im(&self, d_cols: &mut [f32], dx: &mut [f32]) {
        if self.is_same() {
            return self.col2im_same(d_cols, dx);
        }
        let s = self.stride;
        dx.fill(0.0);
        self.for_each_row(|at, lo, hi, x_at| {
            let inside = &d_cols[at + lo..at + hi];
            let taps = dx[x_at..].iter_mut().step_by(s);
            taps.zip(inside).for_each(|(dx, &d)| *dx += d);
        });
    }

    /// `y = W · im2col(x) + b`, example by example. `cols` is scratch of `cols_len()`.
    pub fn forward(
        &self,
        params: &[f32],
        x: &[f32],
        y: &mut [f32],
        n: usize,
        cols: &mut [f32],
        buffers: &mut GemmBuffers,
    ) {
        let spatial = self.out_height() * self.out_width();
        let w = matrix(self.weights.of(params), self.out_channels, self.patch());
        let b = self.biases.of(params);
        let examples = x
            .chunks_exact(self.in_size())
            .zip(y.chunks_exact_mut(self.out_size()));
        for (x_i, y_i) in examples.take(n) {
            self.im2col(x_i, cols);
            for (row, &bias) in y_i.chunks_exact_mut(spatial).zip(b) {
                row.fill(bias);
            }
            let cols_m = matrix(cols, self.patch(), spatial);
            let y_m = matrix_mut(y_i, self.out_channels, spatial);
            gemm(w, cols_m, y_m, Output::Accumulate, buffers);
        }
    }

    /// Adds `dW`, `db` into `grads` and writes `dx` (none for the first layer). `cols` and
    /// `d_cols` are scratch.
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        dy: &[f32],
        mut dx: Option<&mut [f32]>,
        n: usize,
        cols: &mut [f32],
        d_cols: &mut [f32],
        buffers: &mut GemmBuffers,
    ) {
        let spatial = self.out_height() * self.out_width();
        let (patch, in_size, out_size) = (self.patch(), self.in_size(), self.out_size());
        let w = matrix(self.weights.of(params), self.out_channels, patch);
        for i in 0..n {
            let x_i = &x[i * in_size..(i + 1) * in_size];
            let dy_i = &dy[i * out_size..(i + 1) * out_size];
            self.im2col(x_i, cols);
            let dy_m = matrix(dy_i, self.out_channels, spatial);
            let cols_m = matrix(cols, patch, spatial);
            let dw = matrix_mut(self.weights.of_mut(grads), self.out_channels, patch);
            gemm(dy_m, cols_m.t(), dw, Output::Accumulate, buffers);
            let db = self.biases.of_mut(grads).iter_mut();
            for (db, row) in db.zip(dy_i.chunks_exact(spatial)) {
                *db += row.iter().sum::<f32>();
            }
            if let Some(dx) = dx.as_deref_mut() {
                let d_cols_m = matrix_mut(d_cols, patch, spatial);
                gemm(w.t(), dy_m, d_cols_m, Output::Overwrite, buffers);
                self.col2im(d_cols, &mut dx[i * in_size..(i + 1) * in_size]);
            }
        }
    }
}
