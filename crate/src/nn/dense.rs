//! Fully connected layer: `y = x Wᵀ + b`.
//!
//! Shapes: `x` is `N × in`, `W` is `out × in` (row = output unit), `b` is `out`, `y` is `N × out`.
//! All live in flat buffers; `W` and `b` are slots of the network's parameter buffer.

use ndarray::{ArrayView2, ArrayViewMut2};

use crate::kernels::{gemm, GemmBuffers, Output};
use crate::nn::slot::Slot;

#[derive(Clone, Debug, PartialEq)]
pub struct Dense {
    pub inputs: usize,
    pub outputs: usize,
    pub weights: Slot,
    pub biases: Slot,
}

pub(crate) fn matrix(data: &[f32], rows: usize, cols: usize) -> ArrayView2<'_, f32> {
    ArrayView2::from_shape((rows, cols), &data[..rows * cols]).expect("slot sized by the network")
}

pub(crate) fn matrix_mut(data: &mut [f32], rows: usize, cols: usize) -> ArrayViewMut2<'_, f32> {
    ArrayViewMut2::from_shape((rows, cols), &mut data[..rows * cols])
        .expect("slot sized by the network")
}

impl Dense {
    /// `inputs → outputs`, its weights then biases laid out after `count` parameters.
    pub fn new(inputs: usize, outputs: usize, count: &mut usize) -> Dense {
        Dense {
            inputs,
            outputs,
            weights: Slot::next(count, outputs * inputs),
            biases: Slot::next(count, outputs),
        }
    }

    /// `y = x Wᵀ + b`
    pub fn forward(
        &self,
        params: &[f32],
        x: &[f32],
        y: &mut [f32],
        n: usize,
        buffers: &mut GemmBuffers,
    ) {
        let w = matrix(self.weights.of(params), self.outputs, self.inputs);
        let b = self.biases.of(params);
        for row in y.chunks_exact_mut(self.outputs).take(n) {
            row.copy_from_slice(b);
        }
        let x = matrix(x, n, self.inputs);
        let y = matrix_mut(y, n, self.outputs);
        gemm(x, w.t(), y, Output::Accumulate, buffers);
    }

    /// Given `dy = ∂L/∂y`: `dW += dyᵀ x`, `db += Σ_rows dy`, and `dx = dy W` into `dx` (none
    /// for the first layer: nothing before it needs its gradient).
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        dy: &[f32],
        dx: Option<&mut [f32]>,
        n: usize,
        buffers: &mut GemmBuffers,
    ) {
        let x_m = matrix(x, n, self.inputs);
        let dy_m = matrix(dy, n, self.outputs);
        let dw = matrix_mut(self.weights.of_mut(grads), self.outputs, self.inputs);
        gemm(dy_m.t(), x_m, dw, Output::Accumulate, buffers);
        let db = self.biases.of_mut(grads);
        for row in dy.chunks_exact(self.outputs).take(n) {
            for (db, &d) in db.iter_mut().zip(row) {
                *db += d;
            }
        }
        if let Some(dx) = dx {
            let w = matrix(self.weights.of(params), self.outputs, self.inputs);
            gemm(
                dy_m,
                w,
                matrix_mut(dx, n, self.inputs),
                Output::Overwrite,
                buffers,
            );
        }
    }
}
