//! A transformer's position-wise MLP: every position's `d` values through the same two dense
//! layers, widened `r` times in between with GELU.
//!
//! Shapes: `x` and `y` are `rows × d` (`N·T` rows), `W_fc` is `r·d × d` with `b_fc`, `W_proj`
//! is `d × r·d` with `b_proj` (two `Dense` layers over `rows` rows).
//!
//! `y = gelu(x W_fcᵀ + b_fc) W_projᵀ + b_proj`

use crate::kernels::GemmBuffers;
use crate::nn::activation::{gelu_backward, gelu_forward};
use crate::nn::dense::Dense;

#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    /// `d → r·d`
    pub fc: Dense,
    /// `r·d → d`
    pub proj: Dense,
}

/// What an MLP pass over up to `capacity` rows keeps for its backward pass.
#[derive(Clone, Debug)]
pub struct MlpValues {
    /// `rows × r·d` before GELU.
    pre: Vec<f32>,
    /// `rows × r·d` after GELU.
    hidden: Vec<f32>,
    /// Their gradient (one buffer: GELU's backward runs in place).
    d_hidden: Vec<f32>,
}

impl MlpValues {
    pub fn new(mlp: &Mlp, capacity: usize) -> MlpValues {
        let floats = capacity * mlp.fc.outputs;
        MlpValues {
            pre: vec![0.0; floats],
            hidden: vec![0.0; floats],
            d_hidden: vec![0.0; floats],
        }
    }
}

impl Mlp {
    /// `dims → ratio·dims → dims`, laid out after `count` parameters.
    pub fn new(dims: usize, ratio: usize, count: &mut usize) -> Mlp {
        Mlp {
            fc: Dense::new(dims, ratio * dims, count),
            proj: Dense::new(ratio * dims, dims, count),
        }
    }

    /// `y = gelu(x W_fcᵀ + b_fc) W_projᵀ + b_proj` for `rows` rows.
    pub fn forward(
        &self,
        params: &[f32],
        x: &[f32],
        y: &mut [f32],
        rows: usize,
        values: &mut MlpValues,
        buffers: &mut GemmBuffers,
    ) {
        let floats = rows * self.fc.outputs;
        self.fc.forward(params, x, &mut values.pre, rows, buffers);
        gelu_forward(&values.pre[..floats], &mut values.hidden[..floats]);
        self.proj.forward(params, &values.hidden, y, rows, buffers);
    }

    /// Given `dy`: adds both layers' gradients into `grads` and writes `dx`.
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        dy: &[f32],
        dx: &mut [f32],
        rows: usize,
        values: &mut MlpValues,
        buffers: &mut GemmBuffers,
    ) {
        let floats = rows * self.fc.outputs;
        let d_hidden = Some(&mut values.d_hidden[..]);
        self.proj
            .backward(params, grads, &values.hidden, dy, d_hidden, rows, buffers);
        gelu_backward(&values.pre[..floats], &mut values.d_hidden[..floats]);
        self.fc
            .backward(params, grads, x, &values.d_hidden, Some(dx), rows, buffers);
    }
}
