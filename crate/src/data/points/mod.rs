//! The points mode: seeded 2D points in the square [-6, 6]², read by the network through the
//! input features the config chooses (x1, x2, x1², sin x1, ...).

mod generate;

pub use generate::{features_into, Dataset, PointSet, DOMAIN};

use super::{DataSource, Measurement, Split};
use crate::config::{Config, Feature};

/// Points and the features the network sees of each.
#[derive(Clone, Debug, PartialEq)]
pub struct PointData {
    dataset: Dataset,
    features: Vec<Feature>,
}

impl PointData {
    /// The points the config describes, seen through its features.
    pub fn generate(config: &Config) -> PointData {
        PointData {
            dataset: Dataset::generate(config),
            features: config.features.clone(),
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    fn set(&self, split: Split) -> &PointSet {
        match split {
            Split::Train => &self.dataset.train,
            Split::Test => &self.dataset.test,
        }
    }
}

impl DataSource for PointData {
    fn len(&self, split: Split) -> usize {
        self.set(split).len()
    }

    fn target(&self, split: Split, i: usize) -> f32 {
        self.set(split).targets[i]
    }

    fn write_input(&self, split: Split, i: usize, out: &mut [f32]) {
        let (x1, x2) = self.set(split).point(i);
        features_into(&self.features, x1, x2, out);
    }

    /// A few hundred points measure in microseconds: the figures follow every step.
    fn measurement(&self) -> Measurement {
        Measurement::Always
    }
}
