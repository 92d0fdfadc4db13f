//! The tiny GPT's layers (positional embedding, layer norm, causal attention, MLP, a block, the
//! whole model with its head untied or tied to the token table): every gradient matches a
//! centred finite difference; attention is causal (a later token never changes an earlier
//! position's output) and its probabilities are a distribution over the keys up to each query;
//! a training step allocates nothing once its buffers exist.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/counting.rs"]
mod counting;

use neural_kitchen::config::LossKind;
use neural_kitchen::kernels::GemmBuffers;
use neural_kitchen::nn::attention::{Attention, AttentionValues};
use neural_kitchen::nn::gpt::{Gpt, GptShape, GptValues};
use neural_kitchen::nn::gpt_block::{Block, BlockValues};
use neural_kitchen::nn::layer_norm::LayerNorm;
use neural_kitchen::nn::loss::Loss;
use neural_kitchen::nn::mlp::{Mlp, MlpValues};
use neural_kitchen::nn::position_embedding::PositionEmbedding;
use neural_kitchen::seed::{rng, Stream};
use rand::Rng;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Windows, positions, width, heads, MLP ratio of the layer checks.
const N: usize = 2;
const T: usize = 4;
const D: usize = 8;
const HEADS: usize = 2;
const RATIO: usize = 4;
/// The objective's step: large enough that f32 rounding of the forward pass stays far below
/// the tolerance, small enough that the curvature error does too.
const EPS: f32 = 1e-2;

/// `len` values in `±scale`, fixed by `seed`.
fn random(len: usize, seed: u32, scale: f32) -> Vec<f32> {
    let mut r = rng(seed, Stream::Data);
    (0..len).map(|_| r.gen_range(-scale..scale)).collect()
}

/// `Σ_k w_k y_k` in f64: an objective whose gradient with respect to `y` is `w`.
fn weighted(w: &[f32], y: &[f32]) -> f64 {
    w.iter()
        .zip(y)
        .map(|(&w, &y)| f64::from(w) * f64::from(y))
        .sum()
}

/// Checks `analytic` (the gradient of `objective` at `point`) against centred differences,
/// entry by entry. (Largest errors measured: about 1e-4 for every layer and the whole model,
/// 8e-3 on a block's inputs, whose gradients are larger.)
fn check(name: &str, point: &[f32], analytic: &[f32], objective: impl Fn(&[f32]) -> f64) {
    assert_eq!(
        point.len(),
        analytic.len(),
        "{name}: one gradient per entry"
    );
    let mut at = point.to_vec();
    for i in 0..at.len() {
        at[i] = point[i] + EPS;
        let up = objective(&at);
        at[i] = point[i] - EPS;
        let down = objective(&at);
        at[i] = point[i];
        let numeric = (up - down) / (2.0 * f64::from(EPS));
        let backprop = f64::from(analytic[i]);
        let tolerance = 1e-3 + 1e-2 * numeric.abs().max(backprop.abs());
        assert!(
            (numeric - backprop).abs() <= tolerance,
            "{name}: entry {i}: finite difference {numeric}, backprop {backprop}"
        );
    }
}

/// A layer as two functions of `(params, x)`: its output, and the gradients `(d_params, dx)`
/// of `Σ w ⊙ y`; checks both against finite differences.
fn check_layer(
    name: &str,
    (params, x, w): (&[f32], &[f32], &[f32]),
    forward: impl Fn(&[f32], &[f32]) -> Vec<f32>,
    backward: impl Fn(&[f32], &[f32], &[f32]) -> (Vec<f32>, Vec<f32>),
) {
    let (d_params, dx) = backward(params, x, w);
    let by_params = |p: &[f32]| weighted(w, &forward(p, x));
    let by_inputs = |x: &[f32]| weighted(w, &forward(params, x));
    check(&format!("{name}, parameters"), params, &d_params, by_params);
    check(&format!("{name}, inputs"), x, &dx, by_inputs);
}

fn buffers() -> GemmBuffers {
    GemmBuffers::new(64)
}

#[test]
fn layer_norm_gradients_match_finite_differences() {
    let mut count = 0;
    let ln = LayerNorm::new(D, &mut count);
    let rows = N * T;
    // Gains around 1, biases around 0.
    let params: Vec<f32> = random(count, 1, 0.5).iter().map(|p| p + 0.5).collect();
    let (x, w) = (random(rows * D, 2, 2.0), random(rows * D, 3, 1.0));
    let forward = |p: &[f32], x: &[f32]| {
        let (mut y, mut stats) = (vec![0.0; rows * D], vec![0.0; 2 * rows]);
        ln.forward(p, x, &mut y, &mut stats, rows);
        y
    };
    let backward = |p: &[f32], x: &[f32], dy: &[f32]| {
        let (mut y, mut stats) = (vec![0.0; rows * D], vec![0.0; 2 * rows]);
        ln.forward(p, x, &mut y, &mut stats, rows);
        let (mut grads, mut dx) = (vec![0.0; p.len()], vec![0.0; x.len()]);
        ln.backward(p, &mut grads, x, &stats, dy, &mut dx, rows);
        (grads, dx)
    };
    check_layer("layer norm", (&params, &x, &w), forward, backward);
}

#[test]
fn position_embedding_gradients_match_finite_differences() {
    let mut count = 0;
    let pe = PositionEmbedding::new(T, D, &mut count);
    let params = random(count, 1, 1.0);
    let (x, w) = (random(N * T * D, 2, 1.0), random(N * T * D, 3, 1.0));
    let forward = |p: &[f32], x: &[f32]| {
        let mut y = x.to_vec();
        pe.forward(p, &mut y, N);
        // Squared, so that the objective is not linear in the table.
        y.iter().map(|v| v * v).collect()
    };
    let backward = |p: &[f32], x: &[f32], w: &[f32]| {
        let mut y = x.to_vec();
        pe.forward(p, &mut y, N);
        let dy: Vec<f32> = y.iter().zip(w).map(|(y, w)| 2.0 * y * w).collect();
        let mut grads = vec![0.0; p.len()];
        pe.backward(&mut grads, &dy, N);
        (grads, dy)
    };
    check_layer("position embedding", (&params, &x, &w), forward, backward);
}

#[test]
fn causal_attention_gradients_match_finite_differences() {
    let mut count = 0;
    let attention = Attention::new(T, D, HEADS, &mut count);
    let params = random(count, 1, 0.6);
    let (x, w) = (random(N * T * D, 2, 1.0), random(N * T * D, 3, 1.0));
    let forward = |p: &[f32], x: &[f32]| {
        let mut values = AttentionValues::new(&attention, N);
        let mut y = vec![0.0; N * T * D];
        attention.forward(p, x, &mut y, N, &mut values, &mut buffers());
        y
    };
    let backward = |p: &[f32], x: &[f32], dy: &[f32]| {
        let (mut values, mut gemm) = (AttentionValues::new(&attention, N), buffers());
        let mut y = vec![0.0; N * T * D];
        attention.forward(p, x, &mut y, N, &mut values, &mut gemm);
        let (mut grads, mut dx) = (vec![0.0; p.len()], vec![0.0; x.len()]);
        attention.backward(p, &mut grads, x, dy, &mut dx, N, &mut values, &mut gemm);
        (grads, dx)
    };
    check_layer("attention", (&params, &x, &w), forward, backward);
}

#[test]
fn mlp_gradients_match_finite_differences() {
    let mut count = 0;
    let mlp = Mlp::new(D, RATIO, &mut count);
    let rows = N * T;
    let params = random(count, 1, 0.6);
    let (x, w) = (random(rows * D, 2, 1.5), random(rows * D, 3, 1.0));
    let forward = |p: &[f32], x: &[f32]| {
        let mut values = MlpValues::new(&mlp, rows);
        let mut y = vec![0.0; rows * D];
        mlp.forward(p, x, &mut y, rows, &mut values, &mut buffers());
        y
    };
    let backward = |p: &[f32], x: &[f32], dy: &[f32]| {
        let (mut values, mut gemm) = (MlpValues::new(&mlp, rows), buffers());
        let mut y = vec![0.0; rows * D];
        mlp.forward(p, x, &mut y, rows, &mut values, &mut gemm);
        let (mut grads, mut dx) = (vec![0.0; p.len()], vec![0.0; x.len()]);
        mlp.backward(p, &mut grads, x, dy, &mut dx, rows, &mut values, &mut gemm);
        (grads, dx)
    };
    check_layer("MLP", (&params, &x, &w), forward, backward);
}

/// A block's parameters: random weights, layer norm gains around 1.
fn block_params(block: &Block, count: usize) -> Vec<f32> {
    let mut params = random(count, 1, 0.5);
    for ln in [&block.ln1, &block.ln2] {
        ln.gain
            .of_mut(&mut params)
            .iter_mut()
            .for_each(|g| *g += 1.0);
    }
    params
}

#[test]
fn block_gradients_match_finite_differences() {
    let mut count = 0;
    let block = Block::new(T, D, HEADS, RATIO, &mut count);
    let params = block_params(&block, count);
    let (x, w) = (random(N * T * D, 2, 1.0), random(N * T * D, 3, 1.0));
    let forward = |p: &[f32], x: &[f32]| {
        let mut values = BlockValues::new(&block, N);
        let mut y = vec![0.0; N * T * D];
        block.forward(p, x, &mut y, N, &mut values, &mut buffers());
        y
    };
    let backward = |p: &[f32], x: &[f32], dy: &[f32]| {
        let (mut values, mut gemm) = (BlockValues::new(&block, N), buffers());
        let mut y = vec![0.0; N * T * D];
        block.forward(p, x, &mut y, N, &mut values, &mut gemm);
        let (mut grads, mut dx) = (vec![0.0; p.len()], vec![0.0; x.len()]);
        block.backward(p, &mut grads, x, dy, &mut dx, N, &mut values, &mut gemm);
        (grads, dx)
    };
    check_layer("block", (&params, &x, &w), forward, backward);
}

const VOCABULARY: usize = 5;

fn gpt(tied_head: bool) -> Gpt {
    Gpt::new(GptShape {
        vocabulary: VOCABULARY,
        context: T,
        dims: D,
        heads: HEADS,
        layers: 2,
        mlp_ratio: RATIO,
        tied_head,
    })
    .unwrap()
}

/// Random parameters large enough that attention is far from uniform.
fn gpt_params(gpt: &Gpt, seed: u32) -> Vec<f32> {
    let mut params = random(gpt.param_count(), seed, 0.5);
    let norms = gpt.blocks.iter().flat_map(|b| [&b.ln1, &b.ln2]);
    for ln in norms.chain([&gpt.final_norm]) {
        ln.gain
            .of_mut(&mut params)
            .iter_mut()
            .for_each(|g| *g += 1.0);
    }
    params
}

/// `N` windows of token ids.
fn windows(seed: u32) -> Vec<f32> {
    let mut r = rng(seed, Stream::Data);
    (0..N * T)
        .map(|_| r.gen_range(0..VOCABULARY) as f32)
        .collect()
}

/// The next token of each position (every position is a prediction).
fn next_tokens(tokens: &[f32]) -> Vec<f32> {
    tokens
        .iter()
        .map(|&t| ((t as usize + 2) % VOCABULARY) as f32)
        .collect()
}

fn cross_entropy() -> Loss {
    Loss {
        kind: LossKind::CrossEntropy,
        classification: true,
        width: VOCABULARY,
    }
}

#[test]
fn gpt_gradients_match_finite_differences_with_its_head_untied_and_tied() {
    for tied in [false, true] {
        let gpt = gpt(tied);
        let params = gpt_params(&gpt, 4);
        let tokens = windows(5);
        let targets = next_tokens(&tokens);
        let loss = cross_entropy();
        let rows = N * T;
        // The mean cross-entropy over every position of every window.
        let objective = |p: &[f32]| {
            let mut values = GptValues::new(&gpt, N);
            let (mut logits, mut pred) =
                (vec![0.0; rows * VOCABULARY], vec![0.0; rows * VOCABULARY]);
            gpt.forward(p, &tokens, N, &mut values, &mut logits);
            loss.predict(&logits, &mut pred);
            loss.loss_sum(&logits, &pred, &targets) / rows as f64
        };
        let mut values = GptValues::new(&gpt, N);
        let (mut logits, mut pred) = (vec![0.0; rows * VOCABULARY], vec![0.0; rows * VOCABULARY]);
        gpt.forward(&params, &tokens, N, &mut values, &mut logits);
        loss.predict(&logits, &mut pred);
        let (mut d_logits, mut d_pred) = (vec![0.0; logits.len()], vec![0.0; logits.len()]);
        loss.loss_and_gradients(&logits, &pred, &targets, &mut d_logits, &mut d_pred);
        let mut grads = vec![0.0; params.len()];
        gpt.backward(&params, &mut grads, &tokens, &d_logits, N, &mut values);
        check(
            &format!("GPT (tied head: {tied})"),
            &params,
            &grads,
            objective,
        );
    }
}

#[test]
fn a_later_token_never_changes_an_earlier_position_s_logits() {
    let gpt = gpt(false);
    let params = gpt_params(&gpt, 6);
    let tokens = windows(7);
    let rows = N * T;
    let logits_of = |tokens: &[f32]| {
        let mut values = GptValues::new(&gpt, N);
        let mut logits = vec![0.0; rows * VOCABULARY];
        gpt.forward(&params, tokens, N, &mut values, &mut logits);
        logits
    };
    let before = logits_of(&tokens);
    for i in 0..N {
        for t in 0..T {
            let mut changed = tokens.clone();
            let at = i * T + t;
            changed[at] = ((tokens[at] as usize + 1) % VOCABULARY) as f32;
            let after = logits_of(&changed);
            let position = |logits: &[f32], p: usize| {
                logits[(i * T + p) * VOCABULARY..][..VOCABULARY].to_vec()
            };
            for p in 0..t {
                assert_eq!(
                    position(&after, p),
                    position(&before, p),
                    "window {i}: token {t} changed position {p}"
                );
            }
            // The change does reach its own position (and so could have reached others).
            assert_ne!(
                position(&after, t),
                position(&before, t),
                "window {i}: token {t}"
            );
        }
    }
}

#[test]
fn each_query_s_attention_is_a_distribution_over_the_keys_up_to_it() {
    let gpt = gpt(false);
    let params = gpt_params(&gpt, 8);
    let mut values = GptValues::new(&gpt, N);
    let mut logits = vec![0.0; N * T * VOCABULARY];
    gpt.forward(&params, &windows(9), N, &mut values, &mut logits);
    for (block, block_values) in gpt.blocks.iter().zip(&values.blocks) {
        for (i, h) in (0..N).flat_map(|i| (0..HEADS).map(move |h| (i, h))) {
            let probs = block.attention.probabilities(&block_values.attention, i, h);
            for (query, row) in probs.chunks_exact(T).enumerate() {
                let sum: f32 = row.iter().sum();
                assert!((sum - 1.0).abs() < 1e-6, "query {query} sums to {sum}");
                assert!(row[..=query].iter().all(|&p| p > 0.0), "{row:?}");
                assert!(row[query + 1..].iter().all(|&p| p == 0.0), "{row:?}");
            }
        }
    }
}

#[test]
fn attention_with_no_query_or_key_weights_looks_evenly_at_every_earlier_position() {
    let mut count = 0;
    let attention = Attention::new(T, D, HEADS, &mut count);
    // Queries and keys all zero: every score is the same.
    let mut params = random(count, 1, 0.5);
    attention.qkv.weights.of_mut(&mut params)[..2 * D * D].fill(0.0);
    attention.qkv.biases.of_mut(&mut params)[..2 * D].fill(0.0);
    let mut values = AttentionValues::new(&attention, 1);
    let mut y = vec![0.0; T * D];
    attention.forward(
        &params,
        &random(T * D, 2, 1.0),
        &mut y,
        1,
        &mut values,
        &mut buffers(),
    );
    for h in 0..HEADS {
        let probs = attention.probabilities(&values, 0, h);
        for (query, row) in probs.chunks_exact(T).enumerate() {
            let even = 1.0 / (query + 1) as f32;
            assert!(
                row[..=query].iter().all(|&p| (p - even).abs() < 1e-6),
                "{row:?}"
            );
        }
    }
}

#[test]
fn a_training_step_allocates_nothing_once_its_buffers_exist() {
    let gpt = gpt(true);
    let mut params = vec![0.0; gpt.param_count()];
    gpt.init(&mut params, &mut rng(1, Stream::Init));
    let (tokens, loss) = (windows(2), cross_entropy());
    let targets = next_tokens(&tokens);
    let floats = N * T * VOCABULARY;
    let mut values = GptValues::new(&gpt, N);
    let (mut logits, mut pred) = (vec![0.0; floats], vec![0.0; floats]);
    let (mut d_logits, mut d_pred) = (vec![0.0; floats], vec![0.0; floats]);
    let mut grads = vec![0.0; params.len()];
    counting::assert_steps_allocate_nothing_and_learn(|| {
        gpt.forward(&params, &tokens, N, &mut values, &mut logits);
        loss.predict(&logits, &mut pred);
        let mean = loss
            .loss_and_gradients(&logits, &pred, &targets, &mut d_logits, &mut d_pred)
            .mean;
        grads.fill(0.0);
        gpt.backward(&params, &mut grads, &tokens, &d_logits, N, &mut values);
        params
            .iter_mut()
            .zip(&grads)
            .for_each(|(p, g)| *p -= 0.5 * g);
        mean
    });
}
