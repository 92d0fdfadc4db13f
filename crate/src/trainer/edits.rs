//! What a learner changes by hand without a rebuild: training settings, one weight, a drawing
//! added to the training set.

use super::{check_batch_size, Trainer, TrainingChange, MAX_EDITED_WEIGHT};
use crate::config::limits::training_fields;
use crate::config::Config;
use crate::data::images::ImageData;
use crate::error::{check_range, describe_path_error, Error, Result};

impl Trainer {
    /// Changes the fields marked `training` in `config::limits` (learning rate, regularisation,
    /// batch size, …), keeping the model; nothing changes if any field is bad or not one of them.
    pub fn set_training(&mut self, change: &TrainingChange) -> Result<()> {
        // Through the config's JSON form, so every field of the table is changed the same way;
        // a JSON value holds an f64 as is, so unchanged fields stay bit for bit.
        let mut json =
            serde_json::to_value(&self.config).map_err(|e| Error::Parse(format!("config: {e}")))?;
        for (name, value) in &change.0 {
            if !training_fields().any(|field| field == name) {
                let fields: Vec<&str> = training_fields().collect();
                return Err(Error::invalid(
                    "training change",
                    format!("one of {}", fields.join(", ")),
                    name,
                ));
            }
            json[name.as_str()] = value.clone();
        }
        let config: Config =
            serde_path_to_error::deserialize(json).map_err(|e| describe_path_error("config", e))?;
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
