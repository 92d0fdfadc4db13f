//! A transformer block, pre-LayerNorm as in GPT-2: `x = x + attn(ln1(x)); x = x + mlp(ln2(x))`.
//! Each half adds to the residual stream rather than replacing it.
//!
//! Shapes: `x` and `y` are `N × T × d`; the block's parameters are those of its two layer norms
//! (`d` + `d` each), its attention (`3d × d + 3d`, `d × d + d`) and its MLP (`r·d × d + r·d`,
//! `d × r·d + d`).

use crate::kernels::GemmBuffers;
use crate::nn::attention::{Attention, AttentionValues};
use crate::nn::layer_norm::LayerNorm;
use crate::nn::mlp::{Mlp, MlpValues};

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub ln1: LayerNorm,
    pub attention: Attention,
    pub ln2: LayerNorm,
    pub mlp: Mlp,
}

/// What a block's pass over up to `capacity` windows keeps for its backward pass, and that
/// pass's scratch.
#[derive(Clone, Debug)]
pub struct BlockValues {
    /// `N·T × 2`: each position's mean and rstd in `ln1`, then in `ln2`.
    ln1_stats: Vec<f32>,
    ln2_stats: Vec<f32>,
    /// `N·T × d`: `ln1(x)`, `x + attn(ln1(x))` (the residual stream between the halves), and
    /// `ln2` of that.
    ln1_out: Vec<f32>,
    middle: Vec<f32>,
    ln2_out: Vec<f32>,
    pub attention: AttentionValues,
    mlp: MlpValues,
    /// `N·T × d`: the gradient of `middle`, and of a layer norm's output (one half at a time).
    d_middle: Vec<f32>,
    d_normed: Vec<f32>,
}

impl BlockValues {
    pub fn new(block: &Block, capacity: usize) -> BlockValues {
        let rows = capacity * block.attention.context;
        let floats = rows * block.ln1.dims;
        BlockValues {
            ln1_stats: vec![0.0; 2 * rows],
            ln2_stats: vec![0.0; 2 * rows],
            ln1_out: vec![0.0; floats],
            middle: vec![0.0; floats],
            ln2_out: vec![0.0; floats],
            attention: AttentionValues::new(&block.attention, capacity),
            mlp: MlpValues::new(&block.mlp, rows),
            d_middle: vec![0.0; floats],
            d_normed: vec![0.0; floats],
        }
    }
}

impl Block {
    /// A block over windows of `context` positions of `dims` values with `heads` heads (a
    /// divisor of `dims`) and an MLP `mlp_ratio` times wider, laid out after `count` parameters.
    pub fn new(
        context: usize,
        dims: usize,
        heads: usize,
        mlp_ratio: usize,
        count: &mut usize,
    ) -> Block {
        Block {
            ln1: LayerNorm::new(dims, count),
            attention: Attention::new(context, dims, heads, count),
            ln2: LayerNorm::new(dims, count),
            mlp: Mlp::new(dims, mlp_ratio, count),
        }
    }

    /// `middle = x + attn(ln1(x))`, `y = middle + mlp(ln2(middle))` for the `n` windows of `x`.
    pub fn forward(
        &self,
        params: &[f32],
        x: &[f32],
        y: &mut [f32],
        n: usize,
        values: &mut BlockValues,
        buffers: &mut GemmBuffers,
    ) {
        let rows = n * self.attention.context;
        let floats = rows * self.ln1.dims;
        let v = values;
        self.ln1
            .forward(params, x, &mut v.ln1_out, &mut v.ln1_stats, rows);
        let attention = &mut v.attention;
        self.attention
            .forward(params, &v.ln1_out, &mut v.middle, n, attention, buffers);
        add(&mut v.middle[..floats], x);
        self.ln2
            .forward(params, &v.middle, &mut v.ln2_out, &mut v.ln2_stats, rows);
        self.mlp
            .forward(params, &v.ln2_out, y, rows, &mut v.mlp, buffers);
        add(&mut y[..floats], &v.middle);
    }

    /// Given `dy`: adds every parameter's gradient into `grads` and writes `dx` (the values of
    /// the last forward pass, on the same `x`, are in `values`). Each residual connection
    /// passes its gradient on unchanged, and its branch adds to it.
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        dy: &[f32],
        dx: &mut [f32],
        n: usize,
        values: &mut BlockValues,
        buffers: &mut GemmBuffers,
    ) {
        let rows = n * self.attention.context;
        let floats = rows * self.ln1.dims;
        let v = values;
        let (mlp, attention) = (&mut v.mlp, &mut v.attention);
        self.mlp.backward(
            params,
            grads,
            &v.ln2_out,
            dy,
            &mut v.d_normed,
            rows,
            mlp,
            buffers,
        );
        v.d_middle[..floats].copy_from_slice(&dy[..floats]);
        let (middle, stats) = (&v.middle, &v.ln2_stats);
        self.ln2.backward(
            params,
            grads,
            middle,
            stats,
            &v.d_normed,
            &mut v.d_middle,
            rows,
        );
        // d_normed now takes ln1's output gradient.
        let (ln1_out, d_middle, d_ln1_out) = (&v.ln1_out, &v.d_middle, &mut v.d_normed);
        self.attention.backward(
            params, grads, ln1_out, d_middle, d_ln1_out, n, attention, buffers,
        );
        dx[..floats].copy_from_slice(&v.d_middle[..floats]);
        self.ln1
            .backward(params, grads, x, &v.ln1_stats, &v.d_normed, dx, rows);
    }
}

/// `into += from`, element by element (a residual connection).
fn add(into: &mut [f32], from: &[f32]) {
    into.iter_mut().zip(from).for_each(|(a, &b)| *a += b);
}
