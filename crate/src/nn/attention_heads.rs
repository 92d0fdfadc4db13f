//! The heads of causal self-attention over one window, computed where the projection wrote Q,
//! K and V: row `t` of the window's `T × 3d` rows is `q_t | k_t | v_t`, head `h` owning columns
//! `h·dh .. (h+1)·dh` of each part; the heads' outputs go side by side into the `T × d` rows the
//! output projection reads. Nothing is copied into per-head blocks, and a query meets only the
//! keys up to itself (the causal triangle: about half the products of a full `T × T`).
//!
//! Forward, per head: `s_tj = (q_t · k_j)·scale` for `j ≤ t`, `p_t = softmax(s_t)` (0 beyond
//! `t`), `o_t = Σ_j p_tj v_j`.
//!
//! Backward, given `do_t`: `dp_tj = do_t · v_j`, `dv_j += p_tj do_t`,
//! `ds_tj = p_tj (dp_tj − Σ_i p_ti dp_ti)·scale`, `dq_t = Σ_j ds_tj k_j`, `dk_j += ds_tj q_t`.

use crate::nn::activation::exp;

/// The sizes of one window's attention.
#[derive(Clone, Copy, Debug)]
pub struct Heads {
    /// Positions (`T`).
    pub context: usize,
    /// Width of a row (`d`).
    pub dims: usize,
    /// Heads (`H`, dividing `d`).
    pub heads: usize,
}

impl Heads {
    fn head_dims(self) -> usize {
        self.dims / self.heads
    }

    /// `1/√dh`: keeps the scores' spread independent of the head's width.
    fn scale(self) -> f32 {
        1.0 / (self.head_dims() as f32).sqrt()
    }

    /// Columns of part `part` (0: q, 1: k, 2: v) of head `h` in a `3d` row.
    fn columns(self, part: usize, h: usize) -> std::ops::Range<usize> {
        let start = part * self.dims + h * self.head_dims();
        start..start + self.head_dims()
    }

    /// `out` (`T × d`) = every head's `softmax_causal(Q Kᵀ·scale) V` over the window's `qkv`
    /// (`T × 3d`); `probs` (`H × T × T`) keeps each head's probabilities, query by query.
    pub fn forward(self, qkv: &[f32], probs: &mut [f32], out: &mut [f32]) {
        let (t_len, d, scale) = (self.context, self.dims, self.scale());
        let row = |t: usize| &qkv[t * 3 * d..][..3 * d];
        for h in 0..self.heads {
            let (q, k, v) = (self.columns(0, h), self.columns(1, h), self.columns(2, h));
            for t in 0..t_len {
                let p = &mut probs[(h * t_len + t) * t_len..][..t_len];
                let (seen, future) = p.split_at_mut(t + 1);
                let query = &row(t)[q.clone()];
                for (j, s) in seen.iter_mut().enumerate() {
                    *s = dot(query, &row(j)[k.clone()]) * scale;
                }
                softmax(seen);
                future.fill(0.0);
                let o = &mut out[t * d..][h * self.head_dims()..][..self.head_dims()];
                o.fill(0.0);
                for (j, &p) in seen.iter().enumerate() {
                    axpy(p, &row(j)[v.clone()], o);
                }
            }
        }
    }

    /// Given `d_out` (`T × d`, the heads' outputs' gradient) for the last forward pass over
    /// `qkv` with probabilities `probs`: writes `d_qkv` (`T × 3d`, laid out as `qkv`). `d_scores`
    /// is scratch of `T`.
    pub fn backward(
        self,
        qkv: &[f32],
        probs: &[f32],
        d_out: &[f32],
        d_qkv: &mut [f32],
        d_scores: &mut [f32],
    ) {
        let (t_len, d, scale) = (self.context, self.dims, self.scale());
        let row = |t: usize| &qkv[t * 3 * d..][..3 * d];
        d_qkv[..t_len * 3 * d].fill(0.0);
        for h in 0..self.heads {
            let (q, k, v) = (self.columns(0, h), self.columns(1, h), self.columns(2, h));
            for t in 0..t_len {
                let p = &probs[(h * t_len + t) * t_len..][..t + 1];
                let d_o = &d_out[t * d..][h * self.head_dims()..][..self.head_dims()];
                let ds = &mut d_scores[..t + 1];
                for (j, dp) in ds.iter_mut().enumerate() {
                    *dp = dot(d_o, &row(j)[v.clone()]);
                    axpy(p[j], d_o, &mut d_qkv[j * 3 * d..][v.clone()]);
                }
                let mean: f32 = p.iter().zip(ds.iter()).map(|(&p, &dp)| p * dp).sum();
                ds.iter_mut()
                    .zip(p)
                    .for_each(|(ds, &p)| *ds = p * (*ds - mean) * scale);
                let query = &row(t)[q.clone()];
                for (j, &ds) in ds.iter().enumerate() {
                    axpy(ds, &row(j)[k.clone()], &mut d_qkv[t * 3 * d..][q.clone()]);
                    axpy(ds, query, &mut d_qkv[j * 3 * d..][k.clone()]);
                }
            }
        }
    }
}

/// `s ← softmax(s)`.
fn softmax(s: &mut [f32]) {
    let max = s.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let mut sum = 0.0;
    for v in s.iter_mut() {
        *v = exp(*v - max);
        sum += *v;
    }
    let inverse = 1.0 / sum;
    s.iter_mut().for_each(|v| *v *= inverse);
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(&a, &b)| a * b).sum()
}

/// `y += a·x`
fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    y.iter_mut().zip(x).for_each(|(y, &x)| *y += a * x);
}
