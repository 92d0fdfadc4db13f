//! What a learner changes by hand without a rebuild: training settings, one weight, a drawing
//! added to the training set.

use super::{check_batch_size, Trainer, TrainingChange, MAX_EDITED_WEIGHT};
use crate::data::images::ImageData;
use crate::error::{check_range, Error, Result};

impl Trainer {
    /// Changes learning rate, regularisation or batch size, keeping the model; nothing changes
    /// if any field is bad.
    pub fn set_training(&mut self, change: &TrainingChange) -> Result<()> {
        let mut config = self.config.clone();
        if let Some(v) = change.learning_rate {
            config.learning_rate = v;
        }
        if let Some(v) = change.regularization {
            config.regularization = v;
        }
        if let Some(v) = change.regularization_rate {
            config.regularization_rate = v;
        }
        if let Some(v) = change.batch_size {
            config.batch_size = v;
        }
        config.validate_training()?;
        check_batch_size(&config, &self.data)?;
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
