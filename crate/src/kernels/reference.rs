//! Scalar versions of the kernels: the definition the fast paths are tested against.

use ndarray::{ArrayView2, ArrayViewMut2};

use super::Output;

/// `C = A·B` or `C += A·B`, one dot product per output, summed in index order.
pub fn gemm(a: ArrayView2<f32>, b: ArrayView2<f32>, mut c: ArrayViewMut2<f32>, output: Output) {
    for i in 0..a.nrows() {
        for j in 0..b.ncols() {
            let dot: f32 = (0..a.ncols()).map(|p| a[[i, p]] * b[[p, j]]).sum();
            c[[i, j]] = match output {
                Output::Overwrite => dot,
                Output::Accumulate => c[[i, j]] + dot,
            };
        }
    }
}

/// The shape of a convolution: input `channels × height × width`, `outputs` kernels of
/// `k × k`, and the stride and zero padding.
#[derive(Clone, Copy, Debug)]
pub struct ConvShape {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
    pub outputs: usize,
    pub k: usize,
    pub stride: usize,
    pub padding: usize,
}

impl ConvShape {
    pub fn out_height(&self) -> usize {
        (self.height + 2 * self.padding - self.k) / self.stride + 1
    }

    pub fn out_width(&self) -> usize {
        (self.width + 2 * self.padding - self.k) / self.stride + 1
    }

    /// Input index under output `(oy, ox)` at tap `(c, ki, kj)`, or none on the padding.
    fn input_at(
        &self,
        c: usize,
        (oy, ox): (usize, usize),
        (ki, kj): (usize, usize),
    ) -> Option<usize> {
        let iy = (oy * self.stride + ki).checked_sub(self.padding)?;
        let ix = (ox * self.stride + kj).checked_sub(self.padding)?;
        (iy < self.height && ix < self.width).then_some((c * self.height + iy) * self.width + ix)
    }

    /// Calls `f(output index, weight index, input index)` for every product of the
    /// convolution of one example.
    fn for_each_product(&self, mut f: impl FnMut(usize, usize, usize)) {
        let (oh, ow, k) = (self.out_height(), self.out_width(), self.k);
        for o in 0..self.outputs {
            for (oy, ox) in (0..oh).flat_map(|oy| (0..ow).map(move |ox| (oy, ox))) {
                for c in 0..self.channels {
                    for (ki, kj) in (0..k).flat_map(|ki| (0..k).map(move |kj| (ki, kj))) {
                        if let Some(at) = self.input_at(c, (oy, ox), (ki, kj)) {
                            let weight = ((o * self.channels + c) * k + ki) * k + kj;
                            f((o * oh + oy) * ow + ox, weight, at);
                        }
                    }
                }
            }
        }
    }
}

/// Direct convolution of one example:
/// `y[o][oy][ox] = b[o] + Σ_{c,ki,kj} w[o][c][ki][kj] · x[c][oy·s + ki − p][ox·s + kj − p]`.
pub fn conv2d(shape: ConvShape, x: &[f32], w: &[f32], b: &[f32], y: &mut [f32]) {
    let spatial = shape.out_height() * shape.out_width();
    for (o, plane) in y.chunks_exact_mut(spatial).enumerate() {
        plane.fill(b[o]);
    }
    shape.for_each_product(|out, weight, at| y[out] += w[weight] * x[at]);
}

/// Its derivatives for one example: adds `∂L/∂w` into `dw` and `∂L/∂x` into `dx`.
pub fn conv2d_backward(
    shape: ConvShape,
    x: &[f32],
    w: &[f32],
    dy: &[f32],
    dw: &mut [f32],
    dx: &mut [f32],
) {
    shape.for_each_product(|out, weight, at| {
        dw[weight] += dy[out] * x[at];
        dx[at] += dy[out] * w[weight];
    });
}
