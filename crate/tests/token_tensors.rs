//! The caller's tensors as windows of token ids (bench-peers' T1 and T2, a program with its own
//! text): a `tensors` network that starts with an embedding trains a language model whose
//! vocabulary is its classes; a GPT on tensors takes a label per position (the token after
//! each); an input that is not a token id, or labels that do not fit, are refused by name.

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

/// `length` tokens over `tokens` symbols, each the sum of the two before it (mod `tokens`).
fn stream(tokens: u32, length: usize) -> Vec<u32> {
    let mut stream = vec![1, 2];
    while stream.len() < length {
        let n = stream.len();
        stream.push((stream[n - 1] + stream[n - 2]) % tokens);
    }
    stream
}

/// Every window of `CONTEXT` tokens of a `stream`, with the token after it as the label.
fn windows(tokens: u32, examples: usize) -> (Vec<f32>, Vec<u32>) {
    let stream = stream(tokens, examples + CONTEXT as usize);
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

/// A GPT over windows of `CONTEXT` tokens.
fn gpt() -> Config {
    config(vec![LayerSpec::Gpt {
        d_model: 8,
        heads: 2,
        blocks: 1,
        mlp_ratio: 2,
        tied: false,
    }])
}

/// `examples` consecutive windows of `CONTEXT` tokens of a `stream` over the vocabulary, and
/// their labels: the token after each input.
fn gpt_windows(examples: usize) -> (Vec<f32>, Vec<u32>) {
    let context = CONTEXT as usize;
    let stream = stream(VOCABULARY, examples * context + 1);
    let x = stream[..examples * context].iter().map(|&t| t as f32);
    (x.collect(), stream[1..].to_vec())
}

#[test]
fn a_gpt_on_token_windows_learns_the_next_token_at_every_position() {
    let (x, y) = gpt_windows(64);
    let config = gpt();
    let train = TensorSet::new(&config, "train", x.clone(), y.clone()).unwrap();
    let test = TensorSet::new(&config, "test", x, y.clone()).unwrap();
    let mut t = Trainer::with_tensors(config, train, test).unwrap();
    assert_eq!(t.network().positions(), CONTEXT as usize);
    // The test predictions are a row of probabilities per position, and their loss on the
    // labels of every position is the trainer's test loss.
    let p = t.test_predictions().to_vec();
    assert_eq!(p.len(), y.len() * VOCABULARY as usize);
    let v = VOCABULARY as usize;
    let loss: f32 = y
        .iter()
        .enumerate()
        .map(|(i, &l)| -p[i * v + l as usize].ln())
        .sum();
    let before = t.metrics().test_loss;
    assert!(
        (loss / y.len() as f32 - before).abs() < 1e-4,
        "{loss} vs {before}"
    );
    for _ in 0..300 {
        t.epoch();
    }
    let after = t.metrics().test_loss;
    // Only a window's first position lacks the two tokens its rule needs.
    assert!(after < 0.5 * before, "{before} → {after}");
    let confusion = t.confusion();
    assert_eq!(confusion.iter().sum::<u32>() as usize, y.len());
}

#[test]
fn a_gpt_on_tensors_needs_a_label_per_position() {
    let (x, y) = gpt_windows(4);
    let one_each: Vec<u32> = y.chunks_exact(CONTEXT as usize).map(|w| w[2]).collect();
    let err = TensorSet::new(&gpt(), "train", x.clone(), one_each).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("12 floats for 4 labels"), "{text}");
    assert!(text.contains("a label per input"), "{text}");
    let mut bad = x;
    bad[2] = 8.0;
    let err = TensorSet::new(&gpt(), "train", bad, y).unwrap_err();
    assert!(err.to_string().contains("train input 2"), "{err}");
}
