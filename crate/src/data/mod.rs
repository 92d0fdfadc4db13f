//! Everything the network learns from. Each kind of data ("mode") is one `DataSource` in its own
//! module; `TrainingData::load` is the one place that picks it from the config's dataset.

mod file_bytes;
pub mod images;
pub mod points;
pub mod shipped;
mod source;
pub mod tensors;
pub mod text;

pub use source::{DataSource, Measurement, SourceObject, Split};

use crate::config::{Config, DataMode};
use crate::error::{Error, Result};
use images::{ImageData, ImageSet};
use points::{Dataset, PointData};
use text::TextData;

/// The data of one trainer: one source behind the common interface.
#[derive(Debug)]
pub struct TrainingData {
    source: Box<dyn DataSource>,
}

impl Clone for TrainingData {
    fn clone(&self) -> Self {
        TrainingData {
            source: self.source.boxed_clone(),
        }
    }
}

/// One split of the data, seen through the common interface.
#[derive(Clone, Copy)]
pub struct Examples<'a> {
    source: &'a dyn DataSource,
    split: Split,
}

impl TrainingData {
    pub fn new(source: impl DataSource) -> TrainingData {
        TrainingData {
            source: Box::new(source),
        }
    }

    /// The data of the config's dataset: generated points, or (native builds) the shipped
    /// image files. The caller's tensors come through `Trainer::with_tensors`.
    pub fn load(config: &Config) -> Result<TrainingData> {
        match config.dataset.mode() {
            DataMode::Points => Ok(TrainingData::new(PointData::generate(config))),
            DataMode::Images => images::load(config),
            DataMode::Text => text::load(config),
            DataMode::Tensors => Err(Error::Parse(
                "the tensors dataset has no data of its own: pass the tensors with the config"
                    .into(),
            )),
        }
    }

    /// Decodes the image files of the config's dataset (see `images::from_files`).
    pub fn from_image_files(
        config: &Config,
        train: &[u8],
        test: Option<&[u8]>,
    ) -> Result<TrainingData> {
        images::from_files(config, train, test)
    }

    /// Decodes the text files of the config's dataset (see `text::from_files`).
    pub fn from_text_files(config: &Config, train: &[u8], test: &[u8]) -> Result<TrainingData> {
        text::from_files(config, train, test)
    }

    /// The source as a concrete mode, if it is that mode.
    pub fn get<T: DataSource>(&self) -> Option<&T> {
        self.source.as_any().downcast_ref()
    }

    pub fn get_mut<T: DataSource>(&mut self) -> Option<&mut T> {
        self.source.as_any_mut().downcast_mut()
    }

    pub fn split(&self, split: Split) -> Examples<'_> {
        Examples {
            source: self.source.as_ref(),
            split,
        }
    }

    pub fn train(&self) -> Examples<'_> {
        self.split(Split::Train)
    }

    pub fn test(&self) -> Examples<'_> {
        self.split(Split::Test)
    }

    pub fn measurement(&self) -> Measurement {
        self.source.measurement()
    }

    /// The classes the network outputs: the data's (a text set's vocabulary) or the config's.
    pub fn classes(&self, config: &Config) -> usize {
        self.source.classes().unwrap_or_else(|| config.classes())
    }

    /// Whether the test verdict keeps every test example's class probabilities.
    pub fn keeps_predictions(&self) -> bool {
        self.source.keeps_predictions()
    }

    /// The text of a text dataset.
    pub fn text(&self) -> Option<&TextData> {
        self.get::<TextData>()
    }

    /// The points of a point dataset.
    pub fn points(&self) -> Option<&Dataset> {
        self.get::<PointData>().map(PointData::dataset)
    }

    /// The train and test images of an image dataset.
    pub fn images(&self) -> Option<(&ImageSet, &ImageSet)> {
        self.get::<ImageData>().map(|d| (&d.train, &d.test))
    }
}

impl Examples<'_> {
    pub fn len(&self) -> usize {
        self.source.len(self.split)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many of the examples the train or test figure measures.
    pub fn measured(&self) -> usize {
        self.source.measured(self.split)
    }

    /// The target of example `i`: a class index as f32, or a regression value.
    pub fn target(&self, i: usize) -> f32 {
        self.source.target(self.split, i)
    }

    /// Writes the targets of example `i` (`out.len()` of them: `Network::positions`).
    pub fn write_targets(&self, i: usize, out: &mut [f32]) {
        self.source.write_targets(self.split, i, out);
    }

    /// Writes the input of example `i` into one row of the input boundary.
    pub fn write_input(&self, i: usize, out: &mut [f32]) {
        self.source.write_input(self.split, i, out);
    }
}
