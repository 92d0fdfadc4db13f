//! Parameter initialisation ("the first try at seasoning").

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::config::Init;
use crate::nn::network::Layer;
use crate::nn::slot::Slot;

/// Fills the weights and biases of one layer in `params` (layers without parameters are left
/// alone). For a convolution, fan-in and fan-out count every tap of the kernel. An embedding
/// has no biases; its fan-in is 1 (a lookup reads one row: a one-hot input of the vocabulary).
pub fn init_layer(kind: Init, layer: &Layer, params: &mut [f32], rng: &mut ChaCha8Rng) {
    let (weights, biases, fan_in, fan_out): (Slot, Slot, usize, usize) = match layer {
        // A GPT starts as GPT-2 does, whatever `init` says (see `Gpt::init`).
        Layer::Gpt(gpt) => return gpt.init(params, rng),
        // An RNN as PyTorch's does (see `Rnn::init`).
        Layer::Rnn(rnn) => return rnn.init(params, rng),
        Layer::Embedding(e) => (e.table, Slot::default(), 1, e.dims),
        Layer::Dense(d) => (d.weights, d.biases, d.inputs, d.outputs),
        Layer::Conv2d(c) => {
            let taps = c.kernel * c.kernel;
            (
                c.weights,
                c.biases,
                c.in_channels * taps,
                c.out_channels * taps,
            )
        }
        _ => return,
    };
    let (fan_in, fan_out) = (fan_in as f32, fan_out as f32);
    let w = weights.of_mut(params);
    match kind {
        Init::Xavier => {
            let a = (6.0 / (fan_in + fan_out)).sqrt();
            w.iter_mut().for_each(|w| *w = rng.gen_range(-a..=a));
        }
        Init::He => {
            let normal = Normal::new(0.0, (2.0 / fan_in).sqrt()).expect("fan_in is positive");
            w.iter_mut().for_each(|w| *w = normal.sample(rng));
        }
        Init::Uniform => w.iter_mut().for_each(|w| *w = rng.gen_range(-0.5..=0.5)),
        Init::Zeros => w.fill(0.0),
        Init::Ones => w.fill(1.0),
    }
    let bias = if kind == Init::Ones { 1.0 } else { 0.0 };
    biases.of_mut(params).fill(bias);
}
