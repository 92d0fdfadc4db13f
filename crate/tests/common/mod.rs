//! Helpers shared by the native integration tests.

use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;

/// A trainer for preset `name`, trained for the preset's epochs.
pub fn train_preset(name: &str) -> Trainer {
    let p = preset(name).unwrap();
    let mut t = Trainer::new(p.config).unwrap();
    for _ in 0..p.epochs {
        t.epoch();
    }
    t
}
