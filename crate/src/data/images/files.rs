//! Where the shipped image datasets live (`crate/data/`, see its README) and how their files
//! become a train and a test set.
//!
//! The wasm module does not embed the files (they are larger than the code); the page fetches
//! them from its own origin and hands the bytes over. Native builds read them from `crate/data`.

use rand::seq::SliceRandom;

use super::{ImageData, ImageSet};
use crate::config::{name_of, split_count, Config, DatasetKind};
#[cfg(not(target_arch = "wasm32"))]
use crate::data::shipped::read_shipped;
use crate::data::shipped::DATA_DIR;
use crate::data::TrainingData;
use crate::error::{Error, Result};
use crate::seed::{rng, Stream};

/// The data files of an image dataset: (train file, test file); a set without its own test
/// file is split by the config's train share.
pub fn files_of(dataset: DatasetKind) -> Option<(&'static str, Option<&'static str>)> {
    use DatasetKind::*;
    match dataset {
        Digits8 => Some(("digits8.nkimg.gz", None)),
        Mnist => Some(("mnist-train.nkimg.gz", Some("mnist-test.nkimg.gz"))),
        Fashion => Some(("fashion-train.nkimg.gz", Some("fashion-test.nkimg.gz"))),
        _ => None,
    }
}

/// The repository paths of an image dataset's files (`[train, test]`), as the page fetches them.
pub fn repository_paths(dataset: DatasetKind) -> Option<(String, Option<String>)> {
    let path = |file: &str| format!("{DATA_DIR}/{file}");
    files_of(dataset).map(|(train, test)| (path(train), test.map(path)))
}

/// The shipped files of the config's image dataset, read from disk.
#[cfg(not(target_arch = "wasm32"))]
pub fn load(config: &Config) -> Result<TrainingData> {
    let (train, test) = files(config)?;
    let test = test.map(read_shipped).transpose()?;
    from_files(config, &read_shipped(train)?, test.as_deref())
}

/// In the browser the page fetches the files: say which.
#[cfg(target_arch = "wasm32")]
pub fn load(config: &Config) -> Result<TrainingData> {
    let (train, test) = files(config)?;
    Err(Error::Parse(format!(
        "the images of {} come from {DATA_DIR}/{train}{}: pass their bytes with the config",
        name_of(&config.dataset),
        test.map(|t| format!(" and {t}")).unwrap_or_default()
    )))
}

fn files(config: &Config) -> Result<(&'static str, Option<&'static str>)> {
    files_of(config.dataset).ok_or_else(|| not_images(config))
}

fn not_images(config: &Config) -> Error {
    Error::Parse(format!(
        "{} is not an image dataset",
        name_of(&config.dataset)
    ))
}

/// Decodes the image files of the config's dataset; a set without a test file is split by
/// the config's train share (seeded).
pub fn from_files(config: &Config, train: &[u8], test: Option<&[u8]>) -> Result<TrainingData> {
    let expected = config
        .dataset
        .image_size()
        .ok_or_else(|| not_images(config))?;
    let check = |set: ImageSet| -> Result<ImageSet> {
        if (set.height, set.width) != expected || set.classes != config.dataset.classes() {
            return Err(Error::Parse(format!(
                "image file: {}×{} images of {} classes, but {} has {}×{} images of {}",
                set.height,
                set.width,
                set.classes,
                name_of(&config.dataset),
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
            let n_train = split_count(all.len(), config.train_share);
            (all.subset(&order[..n_train]), all.subset(&order[n_train..]))
        }
        (_, Some(test)) => (all, check(ImageSet::decode(test)?)?),
    };
    Ok(TrainingData::new(ImageData { train, test }))
}
