//! Every limit at its maximum: the largest networks the config's ranges allow either build and
//! train a step within a trainer's memory (`MAX_TRAINER_BYTES`), or are refused before their
//! buffers are made with an error naming what to change; never a panic, an overflow or a
//! failed allocation. Bytes are counted by a per-thread allocator (`common/counting.rs`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/counting.rs"]
mod counting;

use neural_kitchen::config::limits::{
    CONV_CHANNELS, CONV_KERNEL, DENSE_UNITS, HIDDEN_UNITS, MAX_HIDDEN_LAYERS, MAX_IMAGE_LAYERS,
    MAX_TRAINER_BYTES, TENSOR_CHANNELS, TENSOR_CLASSES, TENSOR_SIDE,
};
use neural_kitchen::data::tensors::TensorSet;
use neural_kitchen::error::Error;
use neural_kitchen::nn::network::Network;
use neural_kitchen::{Config, Trainer};
use serde_json::{json, Value};

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

fn config(value: Value) -> Config {
    serde_json::from_value(value).unwrap()
}

fn conv(channels: u32, kernel: u32, padding: u32) -> Value {
    json!({"kind": "conv2d", "channels": channels, "kernel": kernel, "padding": padding, "activation": "relu"})
}

fn dense(units: u32) -> Value {
    json!({"kind": "dense", "units": units, "activation": "relu"})
}

/// A refusal that says what to change: a field with its range, or the network's shape.
fn assert_named(e: &Error, case: &str) {
    let named = e.path().is_some_and(|p| !p.is_empty()) || matches!(e, Error::Shape(_));
    assert!(named, "{case}: {e:?}");
}

/// Builds a trainer with `build` (counting the bytes it makes) and trains a step, or checks
/// the refusal; returns whether it built.
fn builds_or_is_refused(case: &str, build: impl FnOnce() -> Result<Trainer, Error>) -> bool {
    let before = counting::live();
    counting::start_peak();
    let built = match build() {
        Ok(mut t) => {
            t.step(1);
            assert!(t.metrics().batch_loss.is_some_and(f32::is_finite), "{case}");
            true
        }
        Err(e) => {
            assert_named(&e, case);
            false
        }
    };
    let made = (counting::peak() - before) as u64;
    // The shipped image files decode to a few MB besides the trainer's own buffers.
    assert!(
        made <= MAX_TRAINER_BYTES + (16 << 20),
        "{case}: made {} MB",
        made >> 20
    );
    built
}

fn mnist(layers: Vec<Value>, batch: u32) -> Result<Trainer, Error> {
    Trainer::new(config(
        json!({"dataset": "mnist", "layers": layers, "batchSize": batch}),
    ))
}

#[test]
fn the_largest_point_network_builds_and_trains() {
    let hidden: Vec<Value> = (0..MAX_HIDDEN_LAYERS)
        .map(|_| json!({"units": HIDDEN_UNITS.max, "activation": "relu"}))
        .collect();
    let features = [
        "x1",
        "x2",
        "x1Squared",
        "x2Squared",
        "x1TimesX2",
        "sinX1",
        "sinX2",
    ];
    let c = config(
        json!({"dataset": "spiral", "points": 2000, "trainShare": 90,
        "features": features, "hidden": hidden, "batchSize": 1800}),
    );
    assert!(builds_or_is_refused("points", || Trainer::new(c)));
}

#[test]
fn image_layers_at_their_maxima_build_and_train_or_are_refused_with_a_name() {
    let c = CONV_CHANNELS.max;
    // The link: 64 channels at MNIST's full size.
    assert!(builds_or_is_refused("conv64k5p2, max2", || {
        mnist(
            vec![conv(c, 5, 2), json!({"kind": "maxPool2d", "size": 2})],
            20,
        )
    }));
    let k = CONV_KERNEL.max;
    assert!(builds_or_is_refused("conv k11", || mnist(
        vec![conv(8, k, 0)],
        20
    )));
    // The widest kernel with the most padding grows every layer: refused, by name.
    let growing = vec![conv(c, k, k - 1); 3];
    assert!(!builds_or_is_refused("3 × conv64k11p10", || mnist(
        growing, 20
    )));
    let deep = vec![conv(c, 3, 1); MAX_IMAGE_LAYERS];
    assert!(builds_or_is_refused("12 × conv64k3p1", || mnist(deep, 2)));
    let u = DENSE_UNITS.max;
    assert!(builds_or_is_refused("3 × dense1024", || mnist(
        vec![dense(u); 3],
        20
    )));
    let e = mnist(vec![dense(u); MAX_IMAGE_LAYERS], 20).unwrap_err();
    assert!(e.to_string().contains("parameters"), "{e}");
}

#[test]
fn a_batch_past_the_memory_is_refused_with_the_largest_that_fits() {
    let e = mnist(vec![conv(CONV_CHANNELS.max, 5, 2)], 5000).unwrap_err();
    assert_eq!(e.path(), Some("batchSize"));
    let allowed = e.allowed().unwrap();
    assert!(allowed.starts_with("between 1 and "), "{e}");
    assert!(e.to_string().contains("at most 256 MB"), "{e}");
    let largest: u32 = allowed["between 1 and ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(builds_or_is_refused("the largest batch", || {
        mnist(vec![conv(CONV_CHANNELS.max, 5, 2)], largest)
    }));
    assert!(mnist(vec![conv(CONV_CHANNELS.max, 5, 2)], largest + 1).is_err());
}

#[test]
fn raising_the_batch_size_past_the_memory_is_refused_and_keeps_the_model() {
    let mut t = mnist(vec![conv(CONV_CHANNELS.max, 5, 2)], 20).unwrap();
    t.step(1);
    let change = neural_kitchen::trainer::TrainingChange::new().with("batchSize", 5000);
    let e = t.set_training(&change).unwrap_err();
    assert_eq!(e.path(), Some("batchSize"));
    assert_eq!(t.config().batch_size, 20);
    t.step(1);
    assert_eq!(t.progress().step, 2);
}

fn tensors(channels: u32, side: u32, classes: u32, layers: Vec<Value>) -> Config {
    config(
        json!({"dataset": "tensors", "batchSize": 2, "layers": layers,
        "input": {"channels": channels, "height": side, "width": side, "classes": classes}}),
    )
}

fn with_tensors(c: Config) -> Result<Trainer, Error> {
    let width = c.input_shape().map(|(c, h, w)| c * h * w).unwrap();
    let set = |n: usize| TensorSet::new(&c, "set", vec![0.5; n * width], vec![1; n]).unwrap();
    let (train, test) = (set(2), set(1));
    Trainer::with_tensors(c, train, test)
}

#[test]
fn tensor_inputs_at_their_maxima_build_and_train_or_are_refused_with_a_name() {
    let side = TENSOR_SIDE.max;
    // The input: 64 × 256 × 256, a dense output of 4 million inputs.
    let flat = tensors(64, side, 2, vec![]);
    assert!(!builds_or_is_refused("64×256×256", || with_tensors(flat)));
    let conv_net = vec![
        json!({"kind": "conv2d", "channels": 8, "kernel": 5, "stride": 4, "activation": "relu"}),
        json!({"kind": "maxPool2d", "size": 8}),
        json!({"kind": "flatten"}),
    ];
    let c = tensors(64, side, TENSOR_CLASSES.max, conv_net);
    assert!(builds_or_is_refused("64×256×256, conv", || with_tensors(
        c
    )));
    let many = tensors(TENSOR_CHANNELS.max, 4, 10, vec![]);
    assert!(builds_or_is_refused("4096×4×4", || with_tensors(many)));
    // The largest input of all is 1 GB an example: refused from its shape, before any data.
    let largest = tensors(
        TENSOR_CHANNELS.max,
        side,
        TENSOR_CLASSES.max,
        vec![conv(64, 11, 10)],
    );
    let e = Network::new(&largest).unwrap_err();
    assert_eq!(e.path(), Some("input"), "{e}");
    assert!(
        e.to_string().contains("at most") || e.to_string().contains("fits in"),
        "{e}"
    );
}
