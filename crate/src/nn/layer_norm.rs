//! Layer normalisation over the last dimension: each position's `d` values are centred and
//! scaled to unit variance, then given a learned gain and bias.
//!
//! Shapes: `x` and `y` are `rows × d` (a window of `T` positions for `N` examples is `N·T`
//! rows), `γ` (gain) and `β` (bias) are `d`, and `stats` keeps per row its mean and `rstd`
//! (`rows × 2`) for the backward pass.
//!
//! `μ = mean(x)`, `rstd = 1 / √(var(x) + ε)`, `x̂ = (x − μ)·rstd`, `y = γ ⊙ x̂ + β`.

use crate::nn::slot::Slot;

/// Added to the variance so that a constant row does not divide by zero.
pub const EPSILON: f32 = 1e-5;

#[derive(Clone, Debug, PartialEq)]
pub struct LayerNorm {
    pub dims: usize,
    pub gain: Slot,
    pub bias: Slot,
}

impl LayerNorm {
    /// A layer norm over `dims` values, its gain and bias laid out after `count` parameters.
    pub fn new(dims: usize, count: &mut usize) -> LayerNorm {
        LayerNorm {
            dims,
            gain: Slot::next(count, dims),
            bias: Slot::next(count, dims),
        }
    }

    /// Gain 1 and bias 0: the layer starts as a plain normalisation.
    pub fn init(&self, params: &mut [f32]) {
        self.gain.of_mut(params).fill(1.0);
        self.bias.of_mut(params).fill(0.0);
    }

    /// `y = γ ⊙ (x − μ)·rstd + β`, keeping `(μ, rstd)` of each row in `stats`.
    pub fn forward(
        &self,
        params: &[f32],
        x: &[f32],
        y: &mut [f32],
        stats: &mut [f32],
        rows: usize,
    ) {
        let (gain, bias) = (self.gain.of(params), self.bias.of(params));
        let d = self.dims;
        let per_row = x.chunks_exact(d).zip(y.chunks_exact_mut(d));
        for ((x, y), stats) in per_row.zip(stats.chunks_exact_mut(2)).take(rows) {
            let mean = x.iter().sum::<f32>() / d as f32;
            let variance = x.iter().map(|&v| (v - mean) * (v - mean)).sum::<f32>() / d as f32;
            let rstd = 1.0 / (variance + EPSILON).sqrt();
            for (((y, &x), &g), &b) in y.iter_mut().zip(x).zip(gain).zip(bias) {
                *y = g * (x - mean) * rstd + b;
            }
            stats.copy_from_slice(&[mean, rstd]);
        }
    }

    /// Given `dy`: `dγ += Σ_rows dy ⊙ x̂`, `dβ += Σ_rows dy`, and, with `g = γ ⊙ dy`,
    /// `dx += rstd · (g − mean(g) − x̂ · mean(g ⊙ x̂))` (added: a block's residual stream
    /// already holds the gradient of its skip connection).
    #[allow(clippy::too_many_arguments)]
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        x: &[f32],
        stats: &[f32],
        dy: &[f32],
        dx: &mut [f32],
        rows: usize,
    ) {
        let d = self.dims;
        let gain = self.gain.of(params);
        let per_row = x
            .chunks_exact(d)
            .zip(dy.chunks_exact(d))
            .zip(dx.chunks_exact_mut(d));
        for (((x, dy), dx), stats) in per_row.zip(stats.chunks_exact(2)).take(rows) {
            let (mean, rstd) = (stats[0], stats[1]);
            let normed = |v: f32| (v - mean) * rstd;
            let (mut g_mean, mut g_normed_mean) = (0.0, 0.0);
            for ((&x, &dy), &gain) in x.iter().zip(dy).zip(gain) {
                g_mean += gain * dy;
                g_normed_mean += gain * dy * normed(x);
            }
            g_mean /= d as f32;
            g_normed_mean /= d as f32;
            let d_gain = self.gain.of_mut(grads);
            for ((d_gain, &x), &dy) in d_gain.iter_mut().zip(x).zip(dy) {
                *d_gain += dy * normed(x);
            }
            for (d_bias, &dy) in self.bias.of_mut(grads).iter_mut().zip(dy) {
                *d_bias += dy;
            }
            for (((dx, &x), &dy), &gain) in dx.iter_mut().zip(x).zip(dy).zip(gain) {
                *dx += rstd * (gain * dy - g_mean - normed(x) * g_normed_mean);
            }
        }
    }
}
