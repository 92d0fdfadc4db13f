//! The caller's tensors as windows of token ids (bench-peers' T1, a program with its own text):
//! a `tensors` network that starts with an embedding trains a language model whose vocabulary
//! is its classes, and an input that is not a token id is refused by name.

use neural_kitchen::config::{
    Activation, Config, DatasetKind, LayerSpec, OptimizerKind, TensorInput,
};
use neural_kitchen::data::tensors::TensorSet;
use neural_kitchen::nn::layer::Layer;
use neural_kitchen::{Error, Phase, Trainer};

const VOCABULARY: u32 = 8;
const CONTEXT: u32 = 3;

fn config(layers: Vec<LayerSpec>) -> Config {
    Config {
        dataset: DatasetKind::Tensors,
        input: Some(TensorInput {
            channels: CONTEXT,
            height: 1,
            width: 1,
            classes: VOCABULARY,
        }),
        layers,
        optimizer: OptimizerKind::Sgd,
        learning_rate: 0.1,
        batch_size: 16,
        ..Config::default()
    }
}

fn language_model() -> Config {
    config(vec![
        LayerSpec::Embed { dims: Some(4) },
        LayerSpec::Dense {
            units: 32,
            activation: Activation::Tanh,
        },
    ])
}

/// Every window of `CONTEXT` tokens of a stream over `tokens` symbols where each token is
/// the sum of the two before it (mod `tokens`), with the token after it as the label.
fn windows(tokens: u32, examples: usize) -> (Vec<f32>, Vec<u32>) {
    let mut stream = vec![1, 2];
    while stream.len() < examples + CONTEXT as usize {
        let n = stream.len();
        stream.push((stream[n - 1] + stream[n - 2]) % tokens);
    }
    let context = CONTEXT as usize;
    let inputs = stream.windows(context).take(examples).flatten();
    let inputs = inputs.map(|&t| t as f32).collect();
    (inputs, stream[context..context + examples].to_vec())
}

fn trainer(config: Config, tokens: u32) -> Result<Trainer, Error> {
    let (x, y) = windows(tokens, 96);
    let train = TensorSet::new(&config, "train", x.clone(), y.clone())?;
    let test = TensorSet::new(&config, "test", x, y)?;
    Trainer::with_tensors(config, train, test)
}

#[test]
fn token_windows_through_tensors_train_a_language_model_of_the_classes() {
    let mut t = trainer(language_model(), VOCABULARY).unwrap();
    let Some(Layer::Embedding(e)) = t.network().layers().first() else {
        panic!("the first layer is an embedding");
    };
    assert_eq!((e.vocabulary, e.dims, e.context), (8, 4, 3));
    let before = t.metrics().test_loss;
    for _ in 0..60 {
        t.epoch();
    }
    let after = t.metrics().test_loss;
    // Uniform guessing is ln 8 = 2.08; the rule is deterministic, so the loss must fall far.
    assert!(before > 1.8 && after < 0.5, "{before} → {after}");
}

#[test]
fn after_backward_only_the_rows_of_the_tokens_read_have_gradients() {
    // The stream uses tokens 0..6 of the 8: rows 6 and 7 are never looked up.
    let mut t = trainer(language_model(), 6).unwrap();
    while t.phase() != Phase::Backward {}
    let Some(Layer::Embedding(e)) = t.network().layers().first() else {
        panic!("the first layer is an embedding");
    };
    let rows: Vec<bool> = e
        .table
        .of(t.grads())
        .chunks_exact(4)
        .map(|row| row.iter().any(|&g| g != 0.0))
        .collect();
    assert_eq!(rows[6..], [false, false]);
    assert!(rows[..6].iter().filter(|&&r| r).count() >= 4, "{rows:?}");
}

#[test]
fn an_input_that_is_not_a_token_id_is_named_with_the_range() {
    for bad in [-1.0, 2.5, 8.0] {
        let (mut x, y) = windows(VOCABULARY, 4);
        x[5] = bad;
        let err = TensorSet::new(&language_model(), "train", x, y).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("train input 5"), "{text}");
        assert!(text.contains("a whole number between 0 and 7"), "{text}");
    }
    // Without an embedding the same numbers are plain features.
    let plain = config(vec![]);
    let (mut x, y) = windows(VOCABULARY, 4);
    x[5] = 2.5;
    assert!(TensorSet::new(&plain, "train", x, y).is_ok());
}

#[test]
fn an_embedding_of_tensors_comes_first_or_not_at_all() {
    let late = config(vec![
        LayerSpec::Dense {
            units: 4,
            activation: Activation::Tanh,
        },
        LayerSpec::Embed { dims: Some(4) },
    ]);
    let err = late.validate().unwrap_err().to_string();
    assert!(err.contains("layers[1]"), "{err}");
    assert!(err.contains("tensors of token ids"), "{err}");
}
