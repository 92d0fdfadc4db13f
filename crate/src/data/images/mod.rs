//! The images mode: labelled single-channel images (digits, clothing), fed to the network as
//! pixels scaled to [0, 1]; a learner may add their own drawings to the training set.

pub mod drawing;
mod files;
mod image_set;

#[cfg(not(target_arch = "wasm32"))]
pub use super::shipped::read_shipped;
pub use super::shipped::DATA_DIR;
pub use files::{files_of, from_files, load, repository_paths};
pub use image_set::ImageSet;

use super::{DataSource, Measurement, Split};
use crate::error::{check_range, Result};

/// Images measured for the train and test figures. Keeps an image network's evaluation to a
/// fraction of an epoch's work.
const MEASURED_IMAGES: usize = 1000;

#[derive(Clone, Debug, PartialEq)]
pub struct ImageData {
    pub train: ImageSet,
    pub test: ImageSet,
}

impl ImageData {
    fn set(&self, split: Split) -> &ImageSet {
        match split {
            Split::Train => &self.train,
            Split::Test => &self.test,
        }
    }

    /// Adds an image (`height × width` values in [0, 1]) with its label to the training set;
    /// returns its index.
    pub fn add_training_image(&mut self, pixels: &[f32], label: u32) -> Result<u32> {
        let train = &mut self.train;
        train.check_pixels(pixels)?;
        check_range("label", label, 0, train.classes as u32 - 1)?;
        train.labels.push(label as u8);
        train
            .pixels
            .extend(pixels.iter().map(|&p| (p * 255.0).round() as u8));
        Ok(train.labels.len() as u32 - 1)
    }
}

impl DataSource for ImageData {
    fn len(&self, split: Split) -> usize {
        self.set(split).len()
    }

    fn target(&self, split: Split, i: usize) -> f32 {
        f32::from(self.set(split).labels[i])
    }

    fn write_input(&self, split: Split, i: usize, out: &mut [f32]) {
        for (o, &px) in out.iter_mut().zip(self.set(split).image(i)) {
            *o = f32::from(px) / 255.0;
        }
    }

    /// Measuring thousands of images takes as long as dozens of steps: spread over steps.
    fn measurement(&self) -> Measurement {
        Measurement::EachEpochInSlices
    }

    fn measured(&self, split: Split) -> usize {
        self.len(split).min(MEASURED_IMAGES)
    }
}
