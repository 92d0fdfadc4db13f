//! The text presets keep their promises (issue 13): a trained `names-bigram` is within 3 % of
//! the add-one smoothed count model on the same split, `names-mlp` is at least 0.1 nats per
//! character below `names-bigram`, and `poems-mlp` writes the quatrain's exact form in at
//! least 80 of 100 poems sampled from the start.
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/poems.rs"]
mod poems;

use common::train_preset;
use neural_kitchen::data::Split;
use neural_kitchen::Trainer;
use poems::{is_quatrain, sampled_poems};

/// The test loss (nats per character) of the bigram count model: counts of (previous token,
/// next token) over the training examples, each plus one, normalised per previous token.
fn count_model_test_loss(t: &Trainer) -> f64 {
    let v = t.data().text().unwrap().vocabulary.len();
    let previous = |split: Split, i: usize| {
        let mut input = [0.0f32];
        t.data().split(split).write_input(i, &mut input);
        let context = t.data().text().unwrap().context();
        assert_eq!(context, 1, "a bigram reads one previous token");
        input[0] as usize
    };
    let mut counts = vec![1.0f64; v * v];
    let train = t.data().train();
    for i in 0..train.len() {
        counts[previous(Split::Train, i) * v + train.target(i) as usize] += 1.0;
    }
    let test = t.data().test();
    let total: f64 = (0..test.len())
        .map(|i| {
            let row = &counts[previous(Split::Test, i) * v..][..v];
            -(row[test.target(i) as usize] / row.iter().sum::<f64>()).ln()
        })
        .sum();
    total / test.len() as f64
}

#[test]
fn a_trained_names_bigram_is_within_3_percent_of_the_add_one_count_model() {
    let mut bigram = train_preset("names-bigram");
    let learned = f64::from(bigram.metrics().test_loss);
    let counted = count_model_test_loss(&bigram);
    println!("names-bigram {learned:.4}, count model {counted:.4} nats per character");
    let core = bigram.data().text().unwrap().count_model_test_loss();
    assert!(
        (core - counted).abs() < 1e-9,
        "the core's count model {core}"
    );
    assert!(
        (learned - counted).abs() <= 0.03 * counted,
        "names-bigram test loss {learned:.4} vs count model {counted:.4}"
    );
}

#[test]
fn names_mlp_is_at_least_a_tenth_of_a_nat_per_character_below_names_bigram() {
    let bigram = f64::from(train_preset("names-bigram").metrics().test_loss);
    let mlp = f64::from(train_preset("names-mlp").metrics().test_loss);
    println!("names-mlp {mlp:.4}, names-bigram {bigram:.4} nats per character");
    assert!(
        mlp <= bigram - 0.1,
        "names-mlp {mlp:.4} vs names-bigram {bigram:.4} nats per character"
    );
}

#[test]
fn poems_mlp_writes_the_quatrain_form_in_at_least_80_of_100_poems() {
    let mut poems = train_preset("poems-mlp");
    let written = sampled_poems(&mut poems, 100);
    let good = written.iter().filter(|p| is_quatrain(p)).count();
    println!("poems-mlp: {good} of 100 in form; {:?}", &written[..5]);
    assert!(good >= 80, "{good} of 100 in form: {written:?}");
}
