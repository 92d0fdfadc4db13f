//! Causal multi-head self-attention: each position of a window looks back at the positions up
//! to itself, weighs them by how well its query matches their keys, and takes their values.
//!
//! Shapes: `x` and `y` are `N × T × d` (`N·T` rows); `W_qkv` is `3d × d` and `b_qkv` is `3d` (a
//! `Dense`: Q, K and V side by side), `W_o` is `d × d` and `b_o` is `d`; `H` heads of
//! `dh = d / H`. For example `i` and head `h`, with `Q, K, V` its head's `T × dh` columns of
//! `x W_qkvᵀ + b_qkv`:
//!
//! `S = Q Kᵀ / √dh` (`T × T`), `P[t, j] = softmax_{j ≤ t}(S[t])` and `0` for `j > t` (a query
//! never sees a later key), `O = P V` (`T × dh`), and `y = concat_h(O) W_oᵀ + b_o`.
//!
//! Backward, with `dO` the head's columns of `dy W_o`: `dP = dO Vᵀ`, `dV = Pᵀ dO`,
//! `dS = P ⊙ (dP − rowsum(P ⊙ dP)) / √dh`, `dQ = dS K`, `dK = dSᵀ Q`; then back through `W_qkv`.
//! The projections go through `kernels::gemm` over all `N·T` rows at once; the heads' small
//! products (`T × T` by `dh`) run window by window where the projection wrote them
//! (`attention_heads`).

use crate::kernels::GemmBuffers;
use crate::nn::attention_heads::Heads;
use crate::nn::dense::Dense;

#[derive(Clone, Debug, PartialEq)]
pub struct Attention {
    /// Positions in a window (`T`).
    pub context: usize,
    pub dims: usize,
    pub heads: usize,
    /// `d → 3d`: queries, keys and values.
    pub qkv: Dense,
    /// `d → d`: the heads' outputs mixed back together.
    pub output: Dense,
}

/// What an attention pass over up to `capacity` windows keeps for its backward pass (and for
/// the page: the attention probabilities), and the backward pass's own scratch.
#[derive(Clone, Debug)]
pub struct AttentionValues {
    /// `N·T × 3d`: the projection's rows, Q, K and V side by side.
    qkv: Vec<f32>,
    /// `N × H × T × T`: the attention probabilities, query by query.
    probs: Vec<f32>,
    /// `N·T × d`: the heads' outputs side by side, the output projection's input.
    concat: Vec<f32>,
    d_concat: Vec<f32>,
    /// `N·T × 3d`: the gradient of `qkv`.
    d_qkv: Vec<f32>,
    /// `T`: one query's score gradients.
    d_scores: Vec<f32>,
}

impl AttentionValues {
    pub fn new(attention: &Attention, capacity: usize) -> AttentionValues {
        let (t, d) = (attention.context, attention.dims);
        let rows = capacity * t * d;
        AttentionValues {
            qkv: vec![0.0; 3 * rows],
            probs: vec![0.0; capacity * attention.heads * t * t],
            concat: vec![0.0; rows],
            d_concat: vec![0.0; rows],
            d_qkv: vec![0.0; 3 * rows],
            d_scores: vec![0.0; t],
        }
    }
}

impl Attention {
    /// Attention over windows of `context` positions of `dims` values, its two projections
    /// laid out after `count` parameters (`dims` a multiple of `heads`).
    pub fn new(context: usize, dims: usize, heads: usize, count: &mut usize) -> Attention {
        Attention {
            context,
            dims,
            heads,
            qkv: Dense::new(dims, 3 * dims, count),
            output: Dense::new(dims, dims, count),
        }
    }

    fn heads_of(&self) -> Heads {
        Heads {
            context: self.context,
            dims: self.dims,
            heads: self.heads,
        }
    }

    /// The `T × T` probabilities of head `head` for example `example` of the last forward pass:
    /// row `t` (a query) sums to 1 over keys `0..=t` and is 0 beyond.
    pub fn probabilities<'a>(
        &self,
        values: &'a AttentionValues,
        example: usize,
        head: usize,
    ) -> &'a [f32] {
        let square = self.context * self.context;
        &values.probs[(example * self.heads + head) * square..][..square]
    }

    /// `y = concat_h(softmax_causal(Q Kᵀ / √dh) V) W_oᵀ + b_o` for the `n` windows of `x`.
    pub fn forward(
        &self,
        params: &[f32],
        x: &[f32],
        y: &mut [f32],
        n: usize,
        values: &mut AttentionValues,
        buffers: &mut GemmBuffers,
    ) {
        let (t, d) = (self.context, self.dims);
        let v = values;
        self.qkv.forward(params, x, &mut v.qkv, n * t, buffers);
        let windows = v
            .qkv
            .chunks_exact(3 * t * d)
            .zip(v.probs.chunks_exact_mut(self.heads * t * t))
            .zip(v.concat.chunks_exact_mut(t * d));
        for ((qkv, probs), out) in windows.take(n) {
            self.heads_of().forward(qkv, probs, out);
        }
        self.output.forward(params, &v.concat, y, n * t, buffers);
    }

    /// Given `dy`: adds the projections' gradients into `grads` and writes `dx` (the values
    /// of the last forward pass, on the same `x`, are in `values`).
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        dy: &[f32],
        dx: &mut [f32],
        n: usize,
        values: &mut AttentionValues,
        buffers: &mut GemmBuffers,
    ) {
        let (t, d) = (self.context, self.dims);
        let v = values;
        let d_concat = Some(&mut v.d_concat[..]);
        self.output
            .backward(params, grads, &v.concat, dy, d_concat, n * t, buffers);
        let windows = v
            .qkv
            .chunks_exact(3 * t * d)
            .zip(v.probs.chunks_exact(self.heads * t * t))
            .zip(v.d_concat.chunks_exact(t * d))
            .zip(v.d_qkv.chunks_exact_mut(3 * t * d));
        for (((qkv, probs), d_out), d_qkv) in windows.take(n) {
            self.heads_of()
                .backward(qkv, probs, d_out, d_qkv, &mut v.d_scores);
        }
        self.qkv
            .backward(params, grads, x, &v.d_qkv, Some(dx), n * t, buffers);
    }
}
