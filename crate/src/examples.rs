//! What the network learns from: generated 2D points or shipped images, behind one interface
//! that writes an example's input into a batch and gives its target.

use rand::seq::SliceRandom;

use crate::config::{Config, DatasetKind};
use crate::dataset::{features_into, Dataset, PointSet};
use crate::error::{Error, Result};
use crate::images::{files_of, ImageSet};
use crate::seed::{rng, Stream};
use crate::tensors::TensorSet;

#[derive(Clone, Debug, PartialEq)]
pub enum TrainingData {
    Points(Dataset),
    Images { train: ImageSet, test: ImageSet },
    Tensors { train: TensorSet, test: TensorSet },
}

/// One side (train or test) of the data.
#[derive(Clone, Copy)]
pub enum Examples<'a> {
    Points(&'a PointSet),
    Images(&'a ImageSet),
    Tensors(&'a TensorSet),
}

impl TrainingData {
    /// Generates the points, or (native builds) reads the shipped image files.
    pub fn load(config: &Config) -> Result<TrainingData> {
        if config.dataset == DatasetKind::Tensors {
            return Err(Error::Parse(
                "the tensors dataset has no data of its own: pass the tensors with the config"
                    .into(),
            ));
        }
        if !config.dataset.is_images() {
            return Ok(TrainingData::Points(Dataset::generate(config)));
        }
        Self::load_images(config)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn load_images(config: &Config) -> Result<TrainingData> {
        use crate::images::read_shipped;
        let (train, test) = files_of(config.dataset).expect("an image dataset has files");
        let test = test.map(read_shipped).transpose()?;
        Self::from_image_files(config, &read_shipped(train)?, test.as_deref())
    }

    #[cfg(target_arch = "wasm32")]
    fn load_images(config: &Config) -> Result<TrainingData> {
        let (train, test) = files_of(config.dataset).expect("an image dataset has files");
        Err(Error::Parse(format!(
            "the images of {} come from crate/data/{train}{}: pass their bytes with the config",
            crate::config::name_of(&config.dataset),
            test.map(|t| format!(" and {t}")).unwrap_or_default()
        )))
    }

    /// Decodes the image files of the config's dataset; a set without a test file is split by
    /// the config's train share (seeded).
    pub fn from_image_files(
        config: &Config,
        train: &[u8],
        test: Option<&[u8]>,
    ) -> Result<TrainingData> {
        let expected = config.dataset.image_size().ok_or_else(|| {
            Error::Parse(format!(
                "{} is not an image dataset",
                crate::config::name_of(&config.dataset)
            ))
        })?;
        let check = |set: ImageSet| -> Result<ImageSet> {
            if (set.height, set.width) != expected || set.classes != config.dataset.classes() {
                return Err(Error::Parse(format!(
                    "image file: {}×{} images of {} classes, but {} has {}×{} images of {}",
                    set.height,
                    set.width,
                    set.classes,
                    crate::config::name_of(&config.dataset),
                    expected.0,
                    expected.1,
                    config.dataset.classes()
                )));
            }
            Ok(set)
        };
        let all = check(ImageSet::decode(train)?)?;
        let (train, test) = match (config.dataset, test) {
            (DatasetKind::Digits8, _) | (_, None) => {
                let mut order: Vec<usize> = (0..all.len()).collect();
                order.shuffle(&mut rng(config.seed, Stream::Data));
                let n_train = crate::config::split_count(all.len(), config.train_share);
                (all.subset(&order[..n_train]), all.subset(&order[n_train..]))
            }
            (_, Some(test)) => (all, check(ImageSet::decode(test)?)?),
        };
        Ok(TrainingData::Images { train, test })
    }

    pub fn train(&self) -> Examples<'_> {
        match self {
            TrainingData::Points(d) => Examples::Points(&d.train),
            TrainingData::Images { train, .. } => Examples::Images(train),
            TrainingData::Tensors { train, .. } => Examples::Tensors(train),
        }
    }

    pub fn test(&self) -> Examples<'_> {
        match self {
            TrainingData::Points(d) => Examples::Points(&d.test),
            TrainingData::Images { test, .. } => Examples::Images(test),
            TrainingData::Tensors { test, .. } => Examples::Tensors(test),
        }
    }

    pub fn points(&self) -> Option<&Dataset> {
        match self {
            TrainingData::Points(d) => Some(d),
            _ => None,
        }
    }

    pub fn images(&self) -> Option<(&ImageSet, &ImageSet)> {
        match self {
            TrainingData::Images { train, test } => Some((train, test)),
            _ => None,
        }
    }
}

impl Examples<'_> {
    pub fn len(&self) -> usize {
        match self {
            Examples::Points(p) => p.len(),
            Examples::Images(i) => i.len(),
            Examples::Tensors(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The target of example `i`: a class index as f32, or a regression value.
    pub fn target(&self, i: usize) -> f32 {
        match self {
            Examples::Points(p) => p.targets[i],
            Examples::Images(set) => f32::from(set.labels[i]),
            Examples::Tensors(set) => set.label(i) as f32,
        }
    }

    /// Writes the input of example `i`: the chosen features of a point, an image's pixels
    /// scaled to [0, 1], or the caller's tensor.
    pub fn write_input(&self, config: &Config, i: usize, out: &mut [f32]) {
        match self {
            Examples::Points(p) => {
                let (x1, x2) = p.point(i);
                features_into(&config.features, x1, x2, out);
            }
            Examples::Images(set) => {
                for (o, &px) in out.iter_mut().zip(set.image(i)) {
                    *o = f32::from(px) / 255.0;
                }
            }
            Examples::Tensors(set) => out.copy_from_slice(set.input(i)),
        }
    }
}
