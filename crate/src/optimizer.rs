//! Optimisers ("adjusting the seasonings"): one loop over the flat parameter buffer.
//!
//! Each keeps its state in buffers of the parameters' layout, so the page can show, for any
//! weight, its velocity or Adam moments next to its value and gradient.

use crate::config::limits::count_up;
use crate::config::{Config, OptimizerKind, Regularization};
use crate::nn::slot::Slot;

pub const ADAM_BETA1: f32 = 0.9;
pub const ADAM_BETA2: f32 = 0.999;
pub const RMSPROP_DECAY: f32 = 0.9;
pub const EPSILON: f32 = 1e-8;

#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    kind: OptimizerKind,
    /// One buffer per entry of `state_names()`, each of the parameters' length.
    state: Vec<Vec<f32>>,
    /// Updates taken (Adam's bias correction needs it), at most `limits::MAX_COUNTER`.
    steps: u64,
}

impl Optimizer {
    pub fn new(kind: OptimizerKind, param_count: usize) -> Optimizer {
        let buffers = Self::names(kind).len();
        Optimizer {
            kind,
            state: vec![vec![0.0; param_count]; buffers],
            steps: 0,
        }
    }

    /// Restores a saved state (lengths checked by the caller).
    pub fn restore(kind: OptimizerKind, state: Vec<Vec<f32>>, steps: u64) -> Optimizer {
        Optimizer { kind, state, steps }
    }

    /// Back to no updates taken, every state value zero (a reset).
    pub fn clear(&mut self) {
        self.state.iter_mut().for_each(|buffer| buffer.fill(0.0));
        self.steps = 0;
    }

    pub fn names(kind: OptimizerKind) -> &'static [&'static str] {
        match kind {
            OptimizerKind::Sgd => &[],
            OptimizerKind::Momentum => &["velocity"],
            OptimizerKind::Adam => &["m", "v"],
            OptimizerKind::Rmsprop => &["meanSquare"],
        }
    }

    pub fn state_names(&self) -> &'static [&'static str] {
        Self::names(self.kind)
    }

    pub fn state(&self) -> &[Vec<f32>] {
        &self.state
    }

    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Moves every parameter against its gradient, with the learning rate (and any other
    /// coefficient) of `config`; writes `after - before` into `last_update`.
    pub fn update(
        &mut self,
        config: &Config,
        params: &mut [f32],
        grads: &[f32],
        last_update: &mut [f32],
    ) {
        let lr = config.learning_rate as f32;
        let momentum = config.momentum as f32;
        // At least 1 from here on: the bias correction below never divides by zero.
        count_up(&mut self.steps, 1);
        let deltas = last_update.iter_mut().zip(grads);
        match self.kind {
            // Δ = -lr · g
            OptimizerKind::Sgd => deltas.for_each(|(d, &g)| *d = -lr * g),
            // v = μ v - lr g;  Δ = v
            OptimizerKind::Momentum => {
                for ((d, &g), v) in deltas.zip(&mut self.state[0]) {
                    *v = momentum * *v - lr * g;
                    *d = *v;
                }
            }
            // m = β1 m + (1-β1) g;  v = β2 v + (1-β2) g²;  Δ = -lr m̂ / (√v̂ + ε)
            OptimizerKind::Adam => {
                let t = self.steps.min(i32::MAX as u64) as i32;
                let c1 = 1.0 - ADAM_BETA1.powi(t);
                let c2 = 1.0 - ADAM_BETA2.powi(t);
                let (ms, vs) = self.state.split_at_mut(1);
                for (((d, &g), m), v) in deltas.zip(&mut ms[0]).zip(&mut vs[0]) {
                    *m = ADAM_BETA1 * *m + (1.0 - ADAM_BETA1) * g;
                    *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
                    *d = -lr * (*m / c1) / ((*v / c2).sqrt() + EPSILON);
                }
            }
            // s = ρ s + (1-ρ) g²;  Δ = -lr g / (√s + ε)
            OptimizerKind::Rmsprop => {
                for ((d, &g), s) in deltas.zip(&mut self.state[0]) {
                    *s = RMSPROP_DECAY * *s + (1.0 - RMSPROP_DECAY) * g * g;
                    *d = -lr * g / (s.sqrt() + EPSILON);
                }
            }
        }
        for (p, &d) in params.iter_mut().zip(last_update.iter()) {
            *p += d;
        }
    }
}

/// The regularisation penalty on the weights: `rate·Σ|w|` (L1) or `rate/2·Σw²` (L2).
pub fn penalty(kind: Regularization, rate: f32, params: &[f32], weights: &[Slot]) -> f64 {
    let values = weights.iter().flat_map(|s| s.of(params));
    let sum: f64 = match kind {
        Regularization::None => 0.0,
        Regularization::L1 => values.map(|w| f64::from(w.abs())).sum(),
        Regularization::L2 => values.map(|w| 0.5 * f64::from(w * w)).sum(),
    };
    f64::from(rate) * sum
}

/// Adds the penalty's gradient to the weights' gradients: `rate·sign(w)` or `rate·w`.
pub fn add_penalty_gradient(
    kind: Regularization,
    rate: f32,
    params: &[f32],
    grads: &mut [f32],
    weights: &[Slot],
) {
    for slot in weights {
        let pairs = slot.of_mut(grads).iter_mut().zip(slot.of(params));
        match kind {
            Regularization::None => {}
            Regularization::L1 => pairs.for_each(|(g, &w)| *g += rate * sign(w)),
            Regularization::L2 => pairs.for_each(|(g, &w)| *g += rate * w),
        }
    }
}

/// d|w|/dw, taken as 0 at w = 0 so that weights at zero stay there.
fn sign(w: f32) -> f32 {
    if w > 0.0 {
        1.0
    } else if w < 0.0 {
        -1.0
    } else {
        0.0
    }
}
