//! What a learner changes by hand without a rebuild: training settings, one weight, a drawing
//! added to the training set.

use super::budget::check_memory;
use super::{check_batch_size, Trainer, TrainingChange, MAX_EDITED_WEIGHT};
use crate::config::limits::{training_fields, NumberField, FIELDS};
use crate::data::images::ImageData;
use crate::error::{check_range, Error, Result};
use crate::nn::network::Mode;
use crate::phase::Phase;

impl Trainer {
    /// Changes the fields that have a setter in `config::limits` (learning rate, momentum,
    /// regularisation, batch size), keeping the model; nothing changes if any field is bad or
    /// not one of them.
    pub fn set_training(&mut self, change: &TrainingChange) -> Result<()> {
        let mut config = self.config.clone();
        for (name, value) in &change.0 {
            if let Some((field, set)) = FIELDS
                .iter()
                .find_map(|f| Some((f, f.set?)).filter(|(f, _)| f.name == name))
            {
                let number = read_number(field, value)?;
                // In range before it is stored, so a whole number fits its integer type.
                field.check_value(&config, number)?;
                set(&mut config, number);
            } else if name == "regularization" {
                config.regularization = serde_json::from_value(value.clone())
                    .map_err(|_| Error::invalid(name, "one of none, l1, l2", value))?;
            } else {
                let fields: Vec<&str> = training_fields().collect();
                return Err(Error::invalid(
                    "training change",
                    format!("one of {}", fields.join(", ")),
                    name,
                ));
            }
        }
        config.validate_training()?;
        check_batch_size(&config, &self.data)?;
        check_memory(&config, &self.network, &self.data)?;
        // A larger batch grows its buffers here, so that a step still allocates nothing.
        let batch = config.batch_size as usize;
        let grown = batch > self.batch.capacity();
        self.batch.grow(&self.network, batch);
        self.batch_indices.reserve(batch);
        self.batch_targets.reserve(batch * self.network.positions());
        // A sequence model's kept values start anew when its workspace grows: a step stopped after its
        // forward pass runs that pass again (same parameters, same values) for its backward.
        let mid_step = self.next_phase != Phase::Forward;
        if grown && mid_step && self.network.is_sequence_model() {
            self.network
                .forward(&self.params, &mut self.batch, Mode::Eval);
        }
        self.config = config;
        Ok(())
    }

    /// Sets one parameter by hand (the learner editing a seasoning).
    pub fn set_weight(&mut self, index: usize, value: f32) -> Result<()> {
        let n = self.params.len();
        if index >= n {
            return Err(Error::invalid(
                "weight index",
                format!("between 0 and {}", n.saturating_sub(1)),
                index,
            ));
        }
        check_range("weight value", value, -MAX_EDITED_WEIGHT, MAX_EDITED_WEIGHT)?;
        // The edit is the last change of this parameter: before → after stays true.
        self.last_update[index] = value - self.params[index];
        self.params[index] = value;
        self.params_version += 1;
        Ok(())
    }

    /// Adds an image with its label to the training set (the learner's own drawing); it is
    /// trained on from the current epoch on. Refused for point datasets and bad values.
    pub fn add_training_image(&mut self, pixels: &[f32], label: u32) -> Result<()> {
        let Some(images) = self.data.get_mut::<ImageData>() else {
            return Err(Error::invalid(
                "addTrainingImage",
                "used with an image dataset",
                "points",
            ));
        };
        let index = images.add_training_image(pixels, label)?;
        self.order.push(index);
        Ok(())
    }
}

/// A training change's value for a numeric field: a number, whole where the field is.
fn read_number(field: &NumberField, value: &serde_json::Value) -> Result<f64> {
    let allowed = if field.whole {
        "a whole number"
    } else {
        "a number"
    };
    match value.as_f64() {
        Some(number) if !field.whole || number.fract() == 0.0 => Ok(number),
        _ => Err(Error::invalid(field.name, allowed, value)),
    }
}
