//! The recurrent network (issue 15, "what about a recurrent network?"): its gradients through
//! time match centred finite differences for both cells, with a loss at every position, alone
//! and through the trainer's network; a later character never changes an earlier position's
//! output; a training step allocates nothing once its buffers exist.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/counting.rs"]
mod counting;

use neural_kitchen::config::{LossKind, RnnCell};
use neural_kitchen::nn::loss::Loss;
use neural_kitchen::nn::rnn::{Rnn, RnnShape, RnnValues};
use neural_kitchen::seed::{rng, Stream};
use rand::Rng;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Windows, positions (the steps unrolled), units, vocabulary of the checks.
const N: usize = 2;
const T: usize = 5;
const H: usize = 4;
const VOCABULARY: usize = 6;
/// The objective's step (as the GPT's checks: f32 rounding and curvature both well below the
/// tolerance).
const EPS: f32 = 1e-2;

fn rnn(cell: RnnCell) -> Rnn {
    Rnn::new(RnnShape {
        vocabulary: VOCABULARY,
        context: T,
        units: H,
        cell,
    })
    .unwrap()
}

/// Parameters in ±0.8: large enough that the gates are far from ½ and tanh far from linear.
fn params(rnn: &Rnn, seed: u32) -> Vec<f32> {
    let mut r = rng(seed, Stream::Data);
    (0..rnn.param_count())
        .map(|_| r.gen_range(-0.8..0.8))
        .collect()
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
        .map(|&t| ((t as usize * 5 + 1) % VOCABULARY) as f32)
        .collect()
}

fn cross_entropy() -> Loss {
    Loss {
        kind: LossKind::CrossEntropy,
        classification: true,
        width: VOCABULARY,
    }
}

fn logits_of(rnn: &Rnn, params: &[f32], tokens: &[f32]) -> Vec<f32> {
    let mut values = RnnValues::new(rnn, N);
    let mut logits = vec![0.0; N * T * VOCABULARY];
    rnn.forward(params, tokens, N, &mut values, &mut logits);
    logits
}

/// The mean cross-entropy over every position of every window, in f64.
fn mean_loss(rnn: &Rnn, params: &[f32], tokens: &[f32], targets: &[f32]) -> f64 {
    let logits = logits_of(rnn, params, tokens);
    let mut pred = vec![0.0; logits.len()];
    let loss = cross_entropy();
    loss.predict(&logits, &mut pred);
    loss.loss_sum(&logits, &pred, targets) / (N * T) as f64
}

/// Checks `analytic` against centred differences of `objective`, entry by entry.
fn check(name: &str, point: &[f32], analytic: &[f32], objective: impl Fn(&[f32]) -> f64) {
    assert_eq!(
        point.len(),
        analytic.len(),
        "{name}: one gradient per entry"
    );
    let mut at = point.to_vec();
    let mut largest = 0.0f64;
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
        largest = largest.max(backprop.abs());
    }
    // The check saw gradients, not a model whose every gradient is 0.
    assert!(largest > 1e-2, "{name}: largest gradient {largest}");
}

#[test]
fn gradients_through_time_match_finite_differences_for_tanh_and_gru() {
    for cell in RnnCell::ALL {
        let rnn = rnn(cell);
        let params = params(&rnn, 4);
        let tokens = windows(5);
        let targets = next_tokens(&tokens);
        let loss = cross_entropy();
        let mut values = RnnValues::new(&rnn, N);
        let mut logits = vec![0.0; N * T * VOCABULARY];
        rnn.forward(&params, &tokens, N, &mut values, &mut logits);
        let mut pred = vec![0.0; logits.len()];
        loss.predict(&logits, &mut pred);
        let (mut d_logits, mut d_pred) = (vec![0.0; logits.len()], vec![0.0; logits.len()]);
        loss.loss_and_gradients(&logits, &pred, &targets, &mut d_logits, &mut d_pred);
        let mut grads = vec![0.0; params.len()];
        rnn.backward(&params, &mut grads, &d_logits, N, &mut values);
        check(&format!("{cell:?} RNN"), &params, &grads, |p| {
            mean_loss(&rnn, p, &tokens, &targets)
        });
        // The first step's recurrent weights see only the zero state: W_h's gradient comes
        // from the later steps, through time.
        let w_h = rnn.recurrent.weights.of(&grads);
        assert!(w_h.iter().any(|&g| g.abs() > 1e-3), "{cell:?}: {w_h:?}");
    }
}

#[test]
fn a_later_character_never_changes_an_earlier_position_s_logits() {
    for cell in RnnCell::ALL {
        let rnn = rnn(cell);
        let params = params(&rnn, 6);
        let tokens = windows(7);
        let before = logits_of(&rnn, &params, &tokens);
        let position = |logits: &[f32], i: usize, p: usize| {
            logits[(i * T + p) * VOCABULARY..][..VOCABULARY].to_vec()
        };
        for i in 0..N {
            for t in 0..T {
                let mut changed = tokens.clone();
                changed[i * T + t] = ((tokens[i * T + t] as usize + 1) % VOCABULARY) as f32;
                let after = logits_of(&rnn, &params, &changed);
                for p in 0..t {
                    assert_eq!(
                        position(&after, i, p),
                        position(&before, i, p),
                        "{cell:?}, window {i}: token {t} changed position {p}"
                    );
                }
                // It reaches its own position and the ones after it (the state carries it).
                for p in t..T {
                    assert_ne!(
                        position(&after, i, p),
                        position(&before, i, p),
                        "{cell:?}, window {i}: token {t} at position {p}"
                    );
                }
                // The other window never sees it.
                let other = 1 - i;
                assert_eq!(
                    position(&after, other, T - 1),
                    position(&before, other, T - 1)
                );
            }
        }
    }
}

#[test]
fn a_training_step_allocates_nothing_once_its_buffers_exist() {
    let rnn = rnn(RnnCell::Gru);
    let mut params = vec![0.0; rnn.param_count()];
    rnn.init(&mut params, &mut rng(1, Stream::Init));
    let (tokens, loss) = (windows(2), cross_entropy());
    let targets = next_tokens(&tokens);
    let floats = N * T * VOCABULARY;
    let mut values = RnnValues::new(&rnn, N);
    let (mut logits, mut pred) = (vec![0.0; floats], vec![0.0; floats]);
    let (mut d_logits, mut d_pred) = (vec![0.0; floats], vec![0.0; floats]);
    let mut grads = vec![0.0; params.len()];
    counting::assert_steps_allocate_nothing_and_learn(|| {
        rnn.forward(&params, &tokens, N, &mut values, &mut logits);
        loss.predict(&logits, &mut pred);
        let mean = loss
            .loss_and_gradients(&logits, &pred, &targets, &mut d_logits, &mut d_pred)
            .mean;
        grads.fill(0.0);
        rnn.backward(&params, &mut grads, &d_logits, N, &mut values);
        params
            .iter_mut()
            .zip(&grads)
            .for_each(|(p, g)| *p -= 0.5 * g);
        mean
    });
}
