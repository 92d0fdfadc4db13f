//! No panic is reachable from outside: random configs, valid or not, either build a trainer
//! that trains, saves and loads, or give an error message.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::seed::{rng, Stream};
use neural_kitchen::{Config, Trainer};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Value};

/// Mostly one of `valid`, sometimes one of `invalid`: most configs then pass some fields and
/// fail on one, which is where a careless check would panic.
fn pick(r: &mut impl Rng, valid: &[Value], invalid: &[Value]) -> Value {
    let from = if invalid.is_empty() || r.gen_bool(0.94) {
        valid
    } else {
        invalid
    };
    from.choose(r).cloned().expect("non-empty choices")
}

fn values<T: Into<Value> + Copy>(items: &[T]) -> Vec<Value> {
    items.iter().map(|&v| v.into()).collect()
}

fn random_config(r: &mut impl Rng) -> Value {
    let activations = values(&["relu", "leakyRelu", "tanh", "sigmoid", "linear"]);
    let features = [
        "x1",
        "x2",
        "x1Squared",
        "x2Squared",
        "x1TimesX2",
        "sinX1",
        "sinX2",
    ];
    let hidden: Vec<Value> = (0..r.gen_range(0..9))
        .map(|_| {
            json!({
                "units": pick(r, &values(&[1, 5, 32]), &values(&[0, 33])),
                "activation": pick(r, &activations, &values(&["cube"])),
            })
        })
        .collect();
    let chosen: Vec<&str> = features
        .iter()
        .copied()
        .filter(|_| r.gen_bool(0.4))
        .collect();
    let classification = values(&["circle", "xor", "gaussian", "spiral", "moons"]);
    json!({
        "seed": pick(r, &values(&[0u32, 1, u32::MAX]), &[json!(-1), json!(1.5)]),
        "dataset": pick(r, &[classification, values(&["plane", "bumps"])].concat(), &values(&["cube"])),
        "noise": pick(r, &values(&[0.0, 25.0, 50.0]), &values(&[-1.0, 51.0])),
        "trainShare": pick(r, &values(&[10.0, 50.0, 90.0]), &values(&[5.0, 95.0])),
        "points": pick(r, &values(&[50, 333, 2000]), &values(&[0, 49, 2001])),
        "features": chosen,
        "hidden": hidden,
        "outputActivation": pick(r, &values(&["linear"]), &activations),
        "loss": pick(r, &values(&["crossEntropy", "binaryCrossEntropy", "mse"]), &[]),
        "init": pick(r, &values(&["xavier", "he", "uniform", "zeros", "ones"]), &values(&["x"])),
        "optimizer": pick(r, &values(&["sgd", "momentum", "adam", "rmsprop"]), &values(&["x"])),
        "learningRate": pick(r, &values(&[0.00001, 0.03, 10.0]), &values(&[0.0, 11.0])),
        "regularization": pick(r, &values(&["none", "l1", "l2"]), &values(&["l3"])),
        "regularizationRate": pick(r, &values(&[0.0, 0.01, 1.0]), &values(&[-0.1])),
        "batchSize": pick(r, &values(&[1, 5, 25]), &values(&[0, 5000])),
    })
}

#[test]
fn random_configs_either_train_or_give_an_error_and_never_panic() {
    let mut r = rng(11, Stream::Data);
    let (mut built, mut refused, mut diverged) = (0, 0, 0);
    for _ in 0..400 {
        let text = random_config(&mut r).to_string();
        match Config::from_json(&text) {
            Ok(config) => {
                built += 1;
                let mut t = Trainer::new(config).expect("a validated config builds");
                t.step(3);
                t.phase();
                t.phase();
                let _ = t.metrics();
                assert!(t.grid(4).is_ok());
                assert!(t.probe(6.0, -6.0).is_ok());
                match t.to_json() {
                    Ok(file) => {
                        let copy = Trainer::from_json(&file).expect("a saved model loads");
                        assert_eq!(copy.params(), t.params());
                    }
                    Err(e) => {
                        assert!(t.params().iter().any(|p| !p.is_finite()), "{e}");
                        diverged += 1;
                    }
                }
            }
            Err(e) => {
                refused += 1;
                assert!(e.to_string().len() > 10, "{text}: {e}");
            }
        }
    }
    assert!(
        built > 20 && refused > 20 && diverged > 0,
        "every path exercised: {built} built, {refused} refused, {diverged} diverged"
    );
}
