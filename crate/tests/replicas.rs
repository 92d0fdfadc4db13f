//! Data-parallel training (`trainer::replicas`): a step split between replicas gives what one
//! trainer running the whole batch gives, up to the order of float summation, and every
//! replica stays equal to the others bit for bit.

use neural_kitchen::data::tensors::TensorSet;
use neural_kitchen::presets::preset;
use neural_kitchen::trainer::history::Tally;
use neural_kitchen::{Config, Error, Trainer};

/// `steps` steps, each split between all `replicas`.
fn split_steps(replicas: &mut [Trainer], steps: usize) {
    let parts = replicas.len();
    for _ in 0..steps {
        let mut sum = vec![0.0f32; replicas[0].params().len()];
        let mut tally = Tally::default();
        for (part, replica) in replicas.iter_mut().enumerate() {
            let (grads, share) = replica.share_gradient(part, parts).unwrap();
            sum.iter_mut().zip(grads).for_each(|(s, g)| *s += g);
            tally.merge(&share);
        }
        for replica in replicas.iter_mut() {
            replica.apply_gradient(&sum, &tally).unwrap();
        }
    }
}

fn assert_close(what: &str, a: &[f32], b: &[f32]) {
    assert_eq!(a.len(), b.len(), "{what}");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let tolerance = 1e-4 * (1.0 + x.abs().max(y.abs()));
        assert!((x - y).abs() <= tolerance, "{what}[{i}]: {x} vs {y}");
    }
}

/// One trainer and `parts` replicas of it, trained `steps` steps; compares everything a
/// learner sees.
fn check_split(name: &str, make: impl Fn() -> Trainer, parts: usize, steps: usize) {
    let mut whole = make();
    whole.step(steps as u64);
    let mut replicas: Vec<Trainer> = (0..parts).map(|_| make()).collect();
    split_steps(&mut replicas, steps);
    for replica in &replicas[1..] {
        assert_eq!(
            replica.params(),
            replicas[0].params(),
            "{name}: replicas differ"
        );
    }
    let split = &mut replicas[0];
    assert_close(&format!("{name} params"), split.params(), whole.params());
    assert_close(&format!("{name} grads"), split.grads(), whole.grads());
    assert_eq!(split.progress(), whole.progress(), "{name}");
    let (h, w) = (split.history(), whole.history());
    assert_eq!(h.step, w.step, "{name}");
    assert_close(&format!("{name} train loss"), &h.train_loss, &w.train_loss);
    assert_close(&format!("{name} test loss"), &h.test_loss, &w.test_loss);
    assert_close(
        &format!("{name} train quality"),
        &h.train_quality,
        &w.train_quality,
    );
    let (m, n) = (split.metrics(), whole.metrics());
    assert_close(
        &format!("{name} batch loss"),
        &[m.batch_loss.unwrap()],
        &[n.batch_loss.unwrap()],
    );
}

fn from_json(json: &str) -> Config {
    serde_json::from_str(json).unwrap()
}

/// A tensors trainer on 60 training and 20 test examples of `width` values each.
fn tensors(config: &Config, width: usize) -> Trainer {
    let x: Vec<f32> = (0..60 * width)
        .map(|i| ((i * 7919) % 200) as f32 / 100.0 - 1.0)
        .collect();
    let y: Vec<u32> = (0..60).map(|i| (i * 7) % 10).collect();
    let train = TensorSet::new(config, "train", x.clone(), y.clone()).unwrap();
    let test = TensorSet::new(config, "test", x[..20 * width].to_vec(), y[..20].to_vec()).unwrap();
    Trainer::with_tensors(config.clone(), train, test).unwrap()
}

#[test]
fn a_point_network_split_in_two_trains_as_one() {
    let config = preset("spiral").unwrap().config;
    // Past an epoch end, so the history's entries are compared too.
    let steps = 2 * config.train_count() / config.batch_size as usize + 3;
    check_split("spiral", || Trainer::new(config.clone()).unwrap(), 2, steps);
}

#[test]
fn uneven_shares_with_dropout_regularisation_and_adam_train_as_one() {
    // A batch of 10 in 3 shares (3, 3, 4), dropout masks drawn where the whole batch draws them.
    let config = from_json(
        r#"{"dataset":"tensors","input":{"channels":12,"height":1,"width":1,"classes":10},
            "layers":[{"kind":"dense","units":8,"activation":"tanh"},
            {"kind":"dropout","rate":0.3},{"kind":"dense","units":6,"activation":"relu"},
            {"kind":"dropout","rate":0.2}],"optimizer":"adam","learningRate":0.01,
            "regularization":"l2","regularizationRate":0.01,"batchSize":10}"#,
    );
    check_split("dropout", || tensors(&config, 12), 3, 40);
}

#[test]
fn a_convolutional_network_on_tensors_split_in_two_trains_as_one() {
    // Its train figure is the epoch's batches: the shares' tallies merged.
    let config = from_json(
        r#"{"dataset":"tensors","input":{"channels":1,"height":8,"width":8,"classes":10},
            "layers":[{"kind":"conv2d","channels":4,"kernel":3,"padding":1,"activation":"relu"},
                      {"kind":"maxPool2d","size":2},{"kind":"flatten"}],
            "learningRate":0.05,"batchSize":20}"#,
    );
    check_split("tensors", || tensors(&config, 64), 2, 7);
}

#[test]
fn more_replicas_than_examples_leave_some_shares_empty() {
    let config = from_json(r#"{"dataset":"xor","batchSize":2}"#);
    check_split("xor", || Trainer::new(config.clone()).unwrap(), 4, 10);
}

#[test]
fn a_split_step_refuses_bad_parts_and_calls_out_of_order() {
    let mut t = Trainer::new(preset("spiral").unwrap().config).unwrap();
    let message = |e: Error| e.to_string();
    assert_eq!(
        message(t.share_gradient(0, 0).unwrap_err()),
        "parts must be between 1 and 64, got 0"
    );
    assert_eq!(
        message(t.share_gradient(2, 2).unwrap_err()),
        "part must be between 0 and 1, got 2"
    );
    let n = t.params().len();
    let before = t.params().to_vec();
    assert!(message(
        t.apply_gradient(&vec![0.0; n], &Tally::default())
            .unwrap_err()
    )
    .contains("applyGradient ends a step that shareGradient started"));
    t.share_gradient(0, 2).unwrap();
    assert!(
        message(t.apply_gradient(&[0.0; 3], &Tally::default()).unwrap_err())
            .starts_with("gradient must be")
    );
    // A phase by hand in between ends the split step unapplied.
    t.phase();
    assert!(t.apply_gradient(&vec![0.0; n], &Tally::default()).is_err());
    assert!(message(t.share_gradient(0, 2).unwrap_err()).contains("the next phase is loss"));
    assert_eq!(t.params(), &before[..]);
}
