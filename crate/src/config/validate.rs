//! The one gate every config from outside passes: each field against its range (`limits`) and
//! the fields against each other. Shapes (a kernel larger than its input) are checked where the
//! network is built, `nn::shapes`.

use super::limits::{self, FIELDS};
use super::{name_of, Activation, Config, DatasetKind, LayerSpec, LossKind};
use crate::error::{Error, Result};

impl Config {
    /// Checks every field; the first bad one is named in the error.
    pub fn validate(&self) -> Result<()> {
        for field in FIELDS.iter().filter(|f| !f.training()) {
            field.check(self)?;
        }
        self.validate_input()?;
        if self.uses_layers() {
            self.validate_layers()?;
        } else {
            self.validate_points_network()?;
        }
        self.validate_loss()?;
        self.validate_training()
    }

    /// The fields that may change during training without a reset.
    pub fn validate_training(&self) -> Result<()> {
        for field in FIELDS.iter().filter(|f| f.training()) {
            field.check(self)?;
        }
        Ok(())
    }

    /// Features and hidden layers of a point network; no image layers.
    fn validate_points_network(&self) -> Result<()> {
        if !self.layers.is_empty() {
            return Err(Error::invalid(
                "layers",
                "empty for a point dataset (its network is `hidden`); layers are for digits8, mnist and fashion",
                format!("{} layers", self.layers.len()),
            ));
        }
        if self.features.is_empty() {
            return Err(Error::invalid(
                "features",
                "at least one of x1, x2, x1Squared, x2Squared, x1TimesX2, sinX1, sinX2",
                "none",
            ));
        }
        for (i, f) in self.features.iter().enumerate() {
            if self.features[..i].contains(f) {
                return Err(Error::invalid(
                    format!("features[{i}]"),
                    "a feature not already chosen",
                    f.name(),
                ));
            }
        }
        if self.hidden.len() > limits::MAX_HIDDEN_LAYERS {
            return Err(Error::invalid(
                "hidden",
                format!("at most {} layers", limits::MAX_HIDDEN_LAYERS),
                format!("{} layers", self.hidden.len()),
            ));
        }
        for (i, layer) in self.hidden.iter().enumerate() {
            limits::HIDDEN_UNITS.check(&format!("hidden[{i}].units"), layer.units)?;
        }
        Ok(())
    }

    /// The count and every field of the layers of an image, tensor or text network.
    fn validate_layers(&self) -> Result<()> {
        if self.layers.len() > limits::MAX_IMAGE_LAYERS {
            return Err(Error::invalid(
                "layers",
                format!("at most {} layers", limits::MAX_IMAGE_LAYERS),
                format!("{} layers", self.layers.len()),
            ));
        }
        for (i, spec) in self.layers.iter().enumerate() {
            validate_layer(i, spec)?;
        }
        if let Some(kind) = self.layers.iter().find_map(sequence_model) {
            return self.validate_sequence_model(kind);
        }
        self.validate_embedding()
    }

    /// A GPT or an RNN (`kind`) reads token ids of a text dataset, and is the whole model: alone
    /// in the layers. A GPT also reads the caller's tensors as windows of token ids.
    fn validate_sequence_model(&self, kind: &str) -> Result<()> {
        let reads_tensors = kind == "gpt";
        let reads = self.dataset.is_text() || reads_tensors && self.dataset == DatasetKind::Tensors;
        if !reads {
            let tensors = if reads_tensors {
                " or tensors of token ids"
            } else {
                ""
            };
            return Err(Error::invalid(
                "layers",
                format!(
                    "no {kind} for this dataset: {} {kind} reads token ids of a text dataset \
                     (names, poems, dishes){tensors}",
                    article(kind)
                ),
                name_of(&self.dataset),
            ));
        }
        if self.layers.len() != 1 {
            let at = self.layers.iter().position(|l| sequence_model(l).is_some());
            let parts = match kind {
                "gpt" => "embeddings, blocks and head",
                _ => "embedding, recurrent cell and head",
            };
            return Err(Error::invalid(
                format!("layers[{}]", at.unwrap_or(0)),
                format!(
                    "{} {kind} alone in the layers (it is the whole model: {parts})",
                    article(kind)
                ),
                format!("{} layers", self.layers.len()),
            ));
        }
        Ok(())
    }

    /// A text network starts with its embedding (it reads token ids), and only a text network
    /// or the caller's tensors (windows of token ids: a language model whose vocabulary is its
    /// classes) has one. An embedding alone gives the logits of one previous token: context 1.
    fn validate_embedding(&self) -> Result<()> {
        let text = self.dataset.is_text();
        let embeds = |spec: &LayerSpec| matches!(spec, LayerSpec::Embed { .. });
        let first = self.layers.first();
        if text && !first.is_some_and(embeds) {
            return Err(Error::invalid(
                "layers[0]",
                "an embedding ({\"kind\": \"embed\"}): a text network reads token ids",
                first.map_or("no layer".to_string(), name_of),
            ));
        }
        let start = usize::from(text || self.dataset == DatasetKind::Tensors);
        if let Some(i) = self.layers[start.min(self.layers.len())..]
            .iter()
            .position(embeds)
        {
            return Err(Error::invalid(
                format!("layers[{}]", i + start),
                "an embedding only as the first layer of a text network (names, poems) or of \
                 tensors of token ids",
                "embed",
            ));
        }
        if text && self.layers.len() == 1 && self.context != 1 {
            return Err(Error::invalid(
                "context",
                "1 when the network is an embedding alone (a bigram table: the previous token's row is the logits)",
                self.context,
            ));
        }
        Ok(())
    }

    fn validate_loss(&self) -> Result<()> {
        if self.dataset.is_text() && self.loss != LossKind::CrossEntropy {
            return Err(Error::invalid(
                "loss",
                format!(
                    "crossEntropy for the text dataset {} (a softmax over its vocabulary)",
                    name_of(&self.dataset)
                ),
                name_of(&self.loss),
            ));
        }
        if self.is_regression() && self.loss != LossKind::Mse {
            return Err(Error::invalid(
                "loss",
                format!("mse for the regression dataset {}", name_of(&self.dataset)),
                name_of(&self.loss),
            ));
        }
        if self.loss == LossKind::BinaryCrossEntropy && self.classes() != 2 {
            return Err(Error::invalid(
                "loss",
                format!(
                    "crossEntropy or mse for the {} classes of {}",
                    self.classes(),
                    name_of(&self.dataset)
                ),
                name_of(&self.loss),
            ));
        }
        if self.loss != LossKind::Mse && self.output_activation != Activation::Linear {
            return Err(Error::invalid(
                "outputActivation",
                "linear with a cross-entropy loss (it applies its own softmax or sigmoid)",
                name_of(&self.output_activation),
            ));
        }
        Ok(())
    }

    /// `input` is given exactly for the `tensors` dataset, within its ranges.
    fn validate_input(&self) -> Result<()> {
        match (self.dataset, self.input) {
            (DatasetKind::Tensors, None) => Err(Error::invalid(
                "input",
                "{channels, height, width, classes} for the tensors dataset",
                "none",
            )),
            (DatasetKind::Tensors, Some(t)) => {
                limits::TENSOR_CHANNELS.check("input.channels", t.channels)?;
                limits::TENSOR_SIDE.check("input.height", t.height)?;
                limits::TENSOR_SIDE.check("input.width", t.width)?;
                limits::TENSOR_CLASSES.check("input.classes", t.classes)
            }
            (_, Some(_)) => Err(Error::invalid(
                "input",
                "absent (it shapes the tensors dataset only)",
                name_of(&self.dataset),
            )),
            (_, None) => Ok(()),
        }
    }
}

/// The kind of a layer that is a whole sequence model ("gpt", "rnn"), if it is one.
fn sequence_model(spec: &LayerSpec) -> Option<&'static str> {
    match spec {
        LayerSpec::Gpt { .. } => Some("gpt"),
        LayerSpec::Rnn { .. } => Some("rnn"),
        _ => None,
    }
}

/// "a gpt", "an rnn".
fn article(kind: &str) -> &'static str {
    if kind.starts_with('r') {
        "an"
    } else {
        "a"
    }
}

/// The ranges of layer `i` of `layers` (its fit with the layers around it is `nn::shapes`).
fn validate_layer(i: usize, spec: &LayerSpec) -> Result<()> {
    let path = |name: &str| format!("layers[{i}].{name}");
    match *spec {
        LayerSpec::Dense { units, .. } => limits::DENSE_UNITS.check(&path("units"), units),
        LayerSpec::Conv2d {
            channels,
            kernel,
            stride,
            padding,
            ..
        } => {
            limits::CONV_CHANNELS.check(&path("channels"), channels)?;
            limits::CONV_KERNEL.check(&path("kernel"), kernel)?;
            limits::CONV_STRIDE.check(&path("stride"), stride)?;
            let padding_bounds = limits::Bounds {
                min: limits::CONV_PADDING_MIN,
                max: kernel.saturating_sub(1),
            };
            padding_bounds.check(&path("padding"), padding)
        }
        LayerSpec::MaxPool2d { size, stride } | LayerSpec::AvgPool2d { size, stride } => {
            limits::POOL_SIZE.check(&path("size"), size)?;
            limits::POOL_STRIDE.check(&path("stride"), stride.unwrap_or(size))
        }
        LayerSpec::Flatten => Ok(()),
        LayerSpec::Dropout { rate } => limits::DROPOUT_RATE.check(&path("rate"), rate),
        LayerSpec::Embed { dims } => match dims {
            Some(dims) => limits::EMBED_DIMS.check(&path("dims"), dims),
            None => Ok(()),
        },
        LayerSpec::Gpt {
            d_model,
            heads,
            blocks,
            mlp_ratio,
            ..
        } => {
            limits::GPT_D_MODEL.check(&path("dModel"), d_model)?;
            limits::GPT_HEADS.check(&path("heads"), heads)?;
            if d_model % heads != 0 {
                return Err(Error::invalid(
                    path("heads"),
                    format!("a divisor of dModel {d_model} (each head takes an equal share)"),
                    heads,
                ));
            }
            limits::GPT_BLOCKS.check(&path("blocks"), blocks)?;
            limits::GPT_MLP_RATIO.check(&path("mlpRatio"), mlp_ratio)
        }
        LayerSpec::Rnn { units, .. } => limits::RNN_UNITS.check(&path("units"), units),
    }
}
