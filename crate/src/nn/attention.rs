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
//! Every product goes through `kernels::gemm`, one per example and head.

use ndarray::ArrayView2;

use crate::kernels::{gemm, GemmBuffers, Output};
use crate::nn::dense::{matrix, matrix_mut, Dense};

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
    /// `N·T × 3d`: the projection's rows (in the backward pass: their gradient).
    qkv: Vec<f32>,
    /// Per example, Q of each head, then K, then V: `3 × H` blocks of `T × dh`.
    heads: Vec<f32>,
    /// `N × H × T × T`: the attention probabilities, query by query.
    probs: Vec<f32>,
    /// Per example and head, `O = P V` (`T × dh`; in the backward pass: `dO`).
    heads_out: Vec<f32>,
    /// `N·T × d`: the heads' outputs side by side, the output projection's input.
    concat: Vec<f32>,
    d_concat: Vec<f32>,
    /// dQ, dK, dV laid out as `heads`.
    d_heads: Vec<f32>,
    /// `T × T`: dP, then dS, of one head at a time.
    d_scores: Vec<f32>,
}

impl AttentionValues {
    pub fn new(attention: &Attention, capacity: usize) -> AttentionValues {
        let (t, d) = (attention.context, attention.dims);
        let rows = capacity * t * d;
        AttentionValues {
            qkv: vec![0.0; 3 * rows],
            heads: vec![0.0; 3 * rows],
            probs: vec![0.0; capacity * attention.heads * t * t],
            heads_out: vec![0.0; rows],
            concat: vec![0.0; rows],
            d_concat: vec![0.0; rows],
            d_heads: vec![0.0; 3 * rows],
            d_scores: vec![0.0; t * t],
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

    fn head_dims(&self) -> usize {
        self.dims / self.heads
    }

    /// Floats of one head's `T × dh` block.
    fn block(&self) -> usize {
        self.context * self.head_dims()
    }

    /// Example `i`'s blocks of Q, K and V (or of their gradients).
    fn window<'a>(&self, blocks: &'a [f32], i: usize) -> &'a [f32] {
        let floats = 3 * self.heads * self.block();
        &blocks[i * floats..][..floats]
    }

    /// Head `h`'s `T × dh` block of part `part` (0: Q, 1: K, 2: V) in an example's window.
    fn head<'a>(&self, window: &'a [f32], part: usize, h: usize) -> ArrayView2<'a, f32> {
        let block = self.block();
        let at = (part * self.heads + h) * block;
        matrix(&window[at..at + block], self.context, self.head_dims())
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

    /// Calls `f(row offset, block offset)` for each run of `dh` values that lies in rows of
    /// `parts · d` values per position (each part's heads side by side) and in per-example
    /// blocks of `parts × H × T × dh`.
    fn head_runs(&self, n: usize, parts: usize, mut f: impl FnMut(usize, usize)) {
        let (t, d, dh) = (self.context, self.dims, self.head_dims());
        for i in 0..n {
            for p in 0..t {
                for part in 0..parts {
                    for h in 0..self.heads {
                        let row = (i * t + p) * parts * d + part * d + h * dh;
                        let block = ((i * parts + part) * self.heads + h) * t * dh + p * dh;
                        f(row, block);
                    }
                }
            }
        }
    }

    fn rows_to_heads(&self, rows: &[f32], blocks: &mut [f32], n: usize, parts: usize) {
        let dh = self.head_dims();
        self.head_runs(n, parts, |r, b| {
            blocks[b..b + dh].copy_from_slice(&rows[r..r + dh])
        });
    }

    fn heads_to_rows(&self, blocks: &[f32], rows: &mut [f32], n: usize, parts: usize) {
        let dh = self.head_dims();
        self.head_runs(n, parts, |r, b| {
            rows[r..r + dh].copy_from_slice(&blocks[b..b + dh])
        });
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
        let (t, dh, block) = (self.context, self.head_dims(), self.block());
        let scale = 1.0 / (dh as f32).sqrt();
        self.qkv.forward(params, x, &mut values.qkv, n * t, buffers);
        self.rows_to_heads(&values.qkv, &mut values.heads, n, 3);
        for i in 0..n {
            let window = self.window(&values.heads, i);
            for h in 0..self.heads {
                let [q, k, v] = [0, 1, 2].map(|part| self.head(window, part, h));
                let head = i * self.heads + h;
                let p = &mut values.probs[head * t * t..][..t * t];
                gemm(q, k.t(), matrix_mut(p, t, t), Output::Overwrite, buffers);
                causal_softmax(p, t, scale);
                let o = matrix_mut(&mut values.heads_out[head * block..][..block], t, dh);
                gemm(matrix(p, t, t), v, o, Output::Overwrite, buffers);
            }
        }
        self.heads_to_rows(&values.heads_out, &mut values.concat, n, 1);
        self.output
            .forward(params, &values.concat, y, n * t, buffers);
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
        let (t, dh, block) = (self.context, self.head_dims(), self.block());
        let scale = 1.0 / (dh as f32).sqrt();
        let v = values;
        let d_concat = Some(&mut v.d_concat[..]);
        self.output
            .backward(params, grads, &v.concat, dy, d_concat, n * t, buffers);
        // dO, head by head, where O was.
        self.rows_to_heads(&v.d_concat, &mut v.heads_out, n, 1);
        for i in 0..n {
            let window = self.window(&v.heads, i);
            let d_window = &mut v.d_heads[i * 3 * self.heads * block..][..3 * self.heads * block];
            let (dq, rest) = d_window.split_at_mut(self.heads * block);
            let (dk, dv) = rest.split_at_mut(self.heads * block);
            for h in 0..self.heads {
                let [q, k, val] = [0, 1, 2].map(|part| self.head(window, part, h));
                let head = i * self.heads + h;
                let p = &v.probs[head * t * t..][..t * t];
                let d_o = matrix(&v.heads_out[head * block..][..block], t, dh);
                let own = h * block..(h + 1) * block;
                let d_scores = matrix_mut(&mut v.d_scores, t, t);
                gemm(d_o, val.t(), d_scores, Output::Overwrite, buffers);
                let dv = matrix_mut(&mut dv[own.clone()], t, dh);
                gemm(matrix(p, t, t).t(), d_o, dv, Output::Overwrite, buffers);
                softmax_backward(p, &mut v.d_scores, t, scale);
                let ds = matrix(&v.d_scores, t, t);
                let dq = matrix_mut(&mut dq[own.clone()], t, dh);
                gemm(ds, k, dq, Output::Overwrite, buffers);
                gemm(
                    ds.t(),
                    q,
                    matrix_mut(&mut dk[own], t, dh),
                    Output::Overwrite,
                    buffers,
                );
            }
        }
        self.heads_to_rows(&v.d_heads, &mut v.qkv, n, 3);
        self.qkv
            .backward(params, grads, x, &v.qkv, Some(dx), n * t, buffers);
    }
}

/// Row `t` of the `T × T` scores `s` becomes `softmax(scale · s[t, ..=t])`, then zeros.
fn causal_softmax(s: &mut [f32], t: usize, scale: f32) {
    for (query, row) in s.chunks_exact_mut(t).enumerate() {
        let (seen, future) = row.split_at_mut(query + 1);
        let max = seen.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let mut sum = 0.0;
        for v in seen.iter_mut() {
            *v = ((*v - max) * scale).exp();
            sum += *v;
        }
        seen.iter_mut().for_each(|v| *v /= sum);
        future.fill(0.0);
    }
}

/// `dS = P ⊙ (dP − rowsum(P ⊙ dP)) · scale`, in place on `d` (dP in, dS out); zero wherever
/// `P` is (above the diagonal).
fn softmax_backward(p: &[f32], d: &mut [f32], t: usize, scale: f32) {
    for (p, d) in p.chunks_exact(t).zip(d.chunks_exact_mut(t)) {
        let dot: f32 = p.iter().zip(d.iter()).map(|(&p, &d)| p * d).sum();
        d.iter_mut()
            .zip(p)
            .for_each(|(d, &p)| *d = p * (*d - dot) * scale);
    }
}
