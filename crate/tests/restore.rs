//! Restoring a checkpoint in place (`Trainer::restore`): the timeline and the divergence
//! guard's rewind bring back a step's parameters, optimiser state and counters exactly.
#![cfg(not(target_arch = "wasm32"))] // native tests; tests/web.rs runs in the browser

use neural_kitchen::presets::preset;
use neural_kitchen::trainer::TrainingChange;
use neural_kitchen::Trainer;

fn trainer(name: &str, optimizer: &str) -> Trainer {
    let mut config = preset(name).unwrap().config;
    config.optimizer = serde_json::from_value(serde_json::json!(optimizer)).unwrap();
    Trainer::new(config).unwrap()
}

fn bits(values: &[f32]) -> Vec<u32> {
    values.iter().map(|v| v.to_bits()).collect()
}

#[test]
fn a_restored_step_has_the_parameters_of_a_fresh_run_at_that_step_bit_for_bit() {
    for optimizer in ["sgd", "momentum", "adam", "rmsprop"] {
        let mut run = trainer("spiral", optimizer);
        run.step(37);
        let checkpoint = run.to_json().unwrap();
        run.step(200);
        run.restore(&checkpoint).unwrap();

        let mut fresh = trainer("spiral", optimizer);
        fresh.step(37);
        assert_eq!(bits(run.params()), bits(fresh.params()), "{optimizer}");
        assert_eq!(run.progress(), fresh.progress(), "{optimizer}");
        assert_eq!(run.history(), fresh.history(), "{optimizer}");
        let figures = |t: &mut Trainer| {
            let m = t.metrics();
            (m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy)
        };
        assert_eq!(figures(&mut run), figures(&mut fresh), "{optimizer}");

        // And it goes on as the uninterrupted run does: optimiser state and order included.
        run.step(90);
        fresh.step(90);
        assert_eq!(bits(run.params()), bits(fresh.params()), "{optimizer}");
    }
}

#[test]
fn restoring_between_phases_starts_the_step_in_progress_again() {
    let mut run = trainer("circle", "adam");
    run.step(5);
    let checkpoint = run.to_json().unwrap();
    run.phase();
    run.phase();
    run.restore(&checkpoint).unwrap();
    let mut fresh = trainer("circle", "adam");
    fresh.step(5);
    assert_eq!(run.next_phase(), fresh.next_phase());
    run.step(3);
    fresh.step(3);
    assert_eq!(bits(run.params()), bits(fresh.params()));
}

#[test]
fn a_restore_brings_back_the_checkpoints_training_settings() {
    let mut run = trainer("spiral", "sgd");
    run.step(10);
    let rate = run.config().learning_rate;
    let checkpoint = run.to_json().unwrap();
    let change = TrainingChange::new().with("learningRate", 10.0);
    run.set_training(&change).unwrap();
    run.step(10);
    run.restore(&checkpoint).unwrap();
    assert_eq!(run.config().learning_rate, rate);
    assert_ne!(rate, 10.0);
}

#[test]
fn a_file_of_another_network_is_refused_and_the_trainer_kept() {
    let mut run = trainer("spiral", "sgd");
    run.step(10);
    let other = trainer("xor", "sgd").to_json().unwrap();
    let before = bits(run.params());
    let error = run.restore(&other).unwrap_err().to_string();
    assert!(
        error.starts_with("config must be the running network's config"),
        "{error}"
    );
    assert!(error.contains("dataset"), "{error}");
    assert_eq!(bits(run.params()), before);
    assert_eq!(run.progress().step, 10);
}

#[test]
fn a_restore_recovers_a_diverged_run() {
    let mut run = trainer("spiral", "sgd");
    run.step(3);
    let checkpoint = run.to_json().unwrap();
    run.set_training(&TrainingChange::new().with("learningRate", 10.0))
        .unwrap();
    run.step(500);
    run.restore(&checkpoint).unwrap();
    assert!(run.params().iter().all(|v| v.is_finite()));
    assert!(run.metrics().train_loss.is_finite());
}
