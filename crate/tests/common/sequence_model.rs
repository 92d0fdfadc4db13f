//! Checks shared by the sequence models' trainer tests (`gpt_trainer.rs`, `rnn_trainer.rs`).

use neural_kitchen::trainer::Sampling;
use neural_kitchen::Trainer;

/// Trains `t` 120 steps, saves it and loads it back: the same parameters, the same next-token
/// distributions (each summing to 1), the same text and the same test loss.
pub fn assert_a_saved_model_loads_to_the_same_predictions_and_text(mut t: Trainer) {
    t.step(120);
    let saved = t.to_json().unwrap();
    let mut loaded = Trainer::from_json(&saved).unwrap();
    assert_eq!(loaded.params(), t.params());
    for prompt in ["", "em", "christopherson"] {
        let p = t.next_token_probabilities(prompt).unwrap().to_vec();
        assert_eq!(loaded.next_token_probabilities(prompt).unwrap(), &p[..]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4, "{prompt}");
    }
    let sampling = Sampling::default();
    assert_eq!(
        loaded.generate("a", &sampling).unwrap(),
        t.generate("a", &sampling).unwrap()
    );
    assert_eq!(loaded.metrics().test_loss, t.metrics().test_loss);
}
