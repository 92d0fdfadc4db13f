//! The recurrent network in the trainer (issue 15): `names-rnn` ends below `names-bigram` on
//! the test set (both test losses, parameter counts and times printed, and five names it writes);
//! the same seed gives the same run; a saved model loads to the same predictions and text; a
//! batch grown mid-step keeps the step exact; bad rnn configs are refused by the field's name.
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/sequence_model.rs"]
mod sequence_model;

use std::time::Instant;

use common::train_preset;
use neural_kitchen::presets::preset;
use neural_kitchen::trainer::{Sampling, Spread, TrainingChange};
use neural_kitchen::{Config, Trainer};
use sequence_model::assert_a_saved_model_loads_to_the_same_predictions_and_text;
use serde_json::json;

/// Trains preset `name` for its epochs; prints its test loss, parameters and time.
fn trained(name: &str) -> Trainer {
    let start = Instant::now();
    let mut t = train_preset(name);
    println!(
        "{name}: test loss {:.4} nats per character, {} parameters, {} epochs in {:.1} s",
        t.metrics().test_loss,
        t.network().param_count(),
        preset(name).unwrap().epochs,
        start.elapsed().as_secs_f64()
    );
    t
}

#[test]
fn names_rnn_ends_below_names_bigram_on_the_test_set() {
    let mut rnn = trained("names-rnn");
    let mut bigram = trained("names-bigram");
    let (rnn_loss, bigram_loss) = (rnn.metrics().test_loss, bigram.metrics().test_loss);
    assert!(
        rnn_loss < bigram_loss - 0.1,
        "names-rnn {rnn_loss:.4} vs names-bigram {bigram_loss:.4}"
    );
    let names: Vec<String> = (1..=5)
        .map(|seed| {
            let sampling = Sampling {
                seed,
                ..Sampling::default()
            };
            rnn.generate("", &sampling).unwrap()
        })
        .collect();
    println!("names-rnn writes {names:?}");
}

fn names_rnn() -> Trainer {
    Trainer::new(preset("names-rnn").unwrap().config).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_rnn_run_and_its_views_are_the_token_table() {
    let (mut a, mut b) = (names_rnn(), names_rnn());
    while a.progress().epoch < 1 {
        a.step(1);
        b.step(1);
    }
    assert_eq!(a.params(), b.params());
    assert_eq!(a.history(), b.history());
    // The token table, W_x, W_h and the head's weights.
    assert_eq!(a.history().grad_norms.len(), 4);
    let rnn = a.network().rnn().unwrap();
    let table = a.network().token_embedding().unwrap().table;
    assert_eq!(table.length, rnn.shape.vocabulary * 64);
    assert_eq!(a.network().positions(), 16);
    // A batch's losses are one per window, and their mean is the batch loss.
    a.phase();
    a.phase();
    let losses = a.batch_losses();
    assert_eq!(losses.len(), a.batch_indices().len());
    let mean = losses.iter().sum::<f32>() / losses.len() as f32;
    assert!((mean - a.metrics().batch_loss.unwrap()).abs() < 1e-4);
    let weights = a.histogram(0, Spread::Weights).unwrap();
    let count: u32 = weights.counts.iter().sum();
    assert_eq!(count as usize, a.network().param_count());
}

#[test]
fn a_saved_rnn_loads_to_the_same_predictions_and_text() {
    assert_a_saved_model_loads_to_the_same_predictions_and_text(names_rnn());
}

#[test]
fn a_batch_size_grown_mid_step_keeps_the_rnn_step_exact() {
    let (mut a, mut b) = (names_rnn(), names_rnn());
    a.phase();
    b.phase();
    a.set_training(&TrainingChange::new().with("batchSize", 64))
        .unwrap();
    a.step(1);
    b.step(1);
    assert_eq!(a.params(), b.params());
}

/// A change of a config's JSON.
type Edit<'a> = &'a dyn Fn(&mut serde_json::Value);

#[test]
fn bad_rnn_configs_are_refused_naming_the_field() {
    let rnn = json!({ "kind": "rnn", "units": 64, "cell": "gru" });
    let config = |edit: Edit| {
        let mut c = json!({ "dataset": "names", "context": 16, "hidden": [], "layers": [rnn] });
        edit(&mut c);
        Config::from_json(&c.to_string())
    };
    assert!(config(&|_| {}).is_ok());
    // Without a cell: tanh.
    assert!(config(&|c| c["layers"][0] = json!({ "kind": "rnn", "units": 8 })).is_ok());
    let cases: [(&str, Edit); 5] = [
        ("layers[0].units", &|c| c["layers"][0]["units"] = json!(0)),
        ("layers[0].units", &|c| c["layers"][0]["units"] = json!(257)),
        ("context", &|c| c["context"] = json!(0)),
        (
            "layers[0]",
            &|c| c["layers"] = json!([rnn, { "kind": "dense", "units": 4, "activation": "relu" }]),
        ),
        ("layers", &|c| c["dataset"] = json!("mnist")),
    ];
    for (path, edit) in cases {
        let e = config(edit).unwrap_err();
        assert_eq!(e.path(), Some(path), "{e}");
    }
    let e = config(&|c| c["layers"][0]["units"] = json!(257)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "layers[0].units must be between 1 and 256, got 257"
    );
    // A layer's kind tags it, so serde names the layer, and the cells there are.
    let e = config(&|c| c["layers"][0]["cell"] = json!("lstm")).unwrap_err();
    assert_eq!(e.path(), Some("layers[0]"));
    assert!(e.to_string().contains("expected `tanh` or `gru`"), "{e}");
    let e = config(&|c| c["dataset"] = json!("mnist")).unwrap_err();
    assert!(
        e.to_string()
            .contains("no rnn for this dataset: an rnn reads token ids"),
        "{e}"
    );
}
