//! Everything a page needs to know about the configs it may build, as data: the config's
//! fields (`config::schema`), the presets, the datasets with their modes, and the constants the
//! core enforces. The page derives its field table and controls from it instead of copying.

use serde::Serialize;

use crate::config::schema::{fields, FieldSchema};
use crate::config::{limits, name_of, DataMode, DatasetKind, IMAGE_CLASSES};
use crate::data::points::DOMAIN;
use crate::data::{images, text};
use crate::presets::{preset, recipe_of, PRESET_NAMES};
use crate::trainer::{BINS, MAX_EDITED_WEIGHT, MAX_GRID_RESOLUTION};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    pub fields: Vec<FieldSchema>,
    pub presets: Vec<PresetSchema>,
    pub datasets: Vec<DatasetSchema>,
    pub modes: Vec<DataMode>,
    pub constants: Constants,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresetSchema {
    pub name: &'static str,
    pub dataset: String,
    /// Epochs after which the preset's network has learnt its data.
    pub epochs: u64,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetSchema {
    pub name: String,
    pub mode: DataMode,
    pub regression: bool,
    /// Classes (1 for regression; `null` for tensors, whose `input` says, and for text, whose
    /// vocabulary its files give).
    pub classes: Option<usize>,
    /// The preset the page starts from when switching to this dataset.
    pub recipe: Option<&'static str>,
    /// Images: `[height, width]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_size: Option<[usize; 2]>,
    /// Images and text: the files to fetch, `[train, test]` (test `null`: split by
    /// `trainShare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<(String, Option<String>)>,
}

/// Numbers the core enforces that a page shows or checks before asking.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Constants {
    /// Largest magnitude `setWeight` accepts.
    pub max_edited_weight: f32,
    /// Half the side of the square the points live in.
    pub domain: f32,
    /// Classes of the image datasets.
    pub classes: usize,
    pub max_hidden_layers: usize,
    pub max_units: u32,
    pub max_image_layers: usize,
    /// Largest `grid` resolution.
    pub max_grid_resolution: usize,
    pub histogram_bins: usize,
    /// Text generation (`generate`): longest prompt in characters, most tokens per call, the
    /// temperature's range and the largest top-k.
    pub max_prompt_chars: usize,
    pub max_generated_tokens: u32,
    pub temperature: [f64; 2],
    pub max_top_k: u32,
}

/// The schema of this build.
pub fn schema() -> Schema {
    Schema {
        fields: fields(),
        presets: PRESET_NAMES
            .iter()
            .filter_map(|&name| {
                let p = preset(name).ok()?;
                Some(PresetSchema {
                    name,
                    dataset: name_of(&p.config.dataset),
                    epochs: p.epochs,
                })
            })
            .collect(),
        datasets: DatasetKind::ALL.iter().map(|&d| dataset(d)).collect(),
        modes: DataMode::ALL.to_vec(),
        constants: Constants {
            max_edited_weight: MAX_EDITED_WEIGHT,
            domain: DOMAIN,
            classes: IMAGE_CLASSES,
            max_hidden_layers: limits::MAX_HIDDEN_LAYERS,
            max_units: limits::HIDDEN_UNITS.max,
            max_image_layers: limits::MAX_IMAGE_LAYERS,
            max_grid_resolution: MAX_GRID_RESOLUTION,
            histogram_bins: BINS,
            max_prompt_chars: limits::MAX_PROMPT_CHARS,
            max_generated_tokens: limits::MAX_GENERATED_TOKENS,
            temperature: [limits::TEMPERATURE.min, limits::TEMPERATURE.max],
            max_top_k: limits::TOP_K_MAX,
        },
    }
}

fn dataset(kind: DatasetKind) -> DatasetSchema {
    let mode = kind.mode();
    DatasetSchema {
        name: name_of(&kind),
        mode,
        regression: kind.is_regression(),
        classes: matches!(mode, DataMode::Points | DataMode::Images).then(|| kind.classes()),
        recipe: recipe_of(kind),
        image_size: kind.image_size().map(|(h, w)| [h, w]),
        files: images::repository_paths(kind)
            .or_else(|| text::repository_paths(kind).map(|(train, test)| (train, Some(test)))),
    }
}
