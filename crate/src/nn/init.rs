//! Parameter initialisation ("the first try at seasoning").

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::config::Init;
use crate::nn::dense::Dense;

/// Fills one dense layer's weights and biases in `params`.
pub fn init_dense(kind: Init, layer: &Dense, params: &mut [f32], rng: &mut ChaCha8Rng) {
    let (fan_in, fan_out) = (layer.inputs as f32, layer.outputs as f32);
    let weights = layer.weights.of_mut(params);
    match kind {
        Init::Xavier => {
            let a = (6.0 / (fan_in + fan_out)).sqrt();
            weights.iter_mut().for_each(|w| *w = rng.gen_range(-a..=a));
        }
        Init::He => {
            let normal = Normal::new(0.0, (2.0 / fan_in).sqrt()).expect("fan_in is positive");
            weights.iter_mut().for_each(|w| *w = normal.sample(rng));
        }
        Init::Uniform => weights
            .iter_mut()
            .for_each(|w| *w = rng.gen_range(-0.5..=0.5)),
        Init::Zeros => weights.fill(0.0),
        Init::Ones => weights.fill(1.0),
    }
    let bias = if kind == Init::Ones { 1.0 } else { 0.0 };
    layer.biases.of_mut(params).fill(bias);
}
