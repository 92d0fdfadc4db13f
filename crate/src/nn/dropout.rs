//! Dropout: while training, each value is kept with probability `1 − rate` and scaled by
//! `1 / (1 − rate)` (so its expectation is unchanged); at evaluation it is the identity.
//!
//! `y = x ⊙ m`, `m_i ∈ {0, 1/(1−rate)}`; backward `dx = dy ⊙ m`. The mask lives in the
//! workspace's scratch.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub fn forward_train(rate: f32, x: &[f32], y: &mut [f32], mask: &mut [f32], rng: &mut ChaCha8Rng) {
    let keep = 1.0 / (1.0 - rate);
    for ((y, &x), m) in y.iter_mut().zip(x).zip(mask.iter_mut()) {
        *m = if rng.gen::<f32>() < rate { 0.0 } else { keep };
        *y = x * *m;
    }
}

pub fn backward(dy: &[f32], mask: &[f32], dx: &mut [f32]) {
    for ((dx, &dy), &m) in dx.iter_mut().zip(dy).zip(mask) {
        *dx = dy * m;
    }
}
