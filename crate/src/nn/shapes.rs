//! From a validated config to layers: every layer's input and output shape (`C × H × W`),
//! checked so that a network that cannot work is refused with a message naming the layer and
//! the reason. The fields' ranges are the config's (`Config::validate`); this is the one check
//! of how the layers fit together.

use serde::Serialize;

use crate::config::limits::MAX_TRAINER_BYTES;
use crate::config::{Activation, Config, LayerSpec};
use crate::error::{Error, Result};
use crate::nn::conv2d::Conv2d;
use crate::nn::dense::Dense;
use crate::nn::embedding::Embedding;
use crate::nn::gpt::{Gpt, GptShape};
use crate::nn::network::Layer;
use crate::nn::pool::{Pool2d, PoolKind};
use crate::nn::rnn::{Rnn, RnnShape};
use crate::nn::slot::Slot;
use crate::nn::workspace::{bytes_text, FLOAT};

pub const MAX_PARAMETERS: usize = 4_000_000;

/// Channels, height and width of the values at one boundary (a dense layer's output is
/// `units × 1 × 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Shape {
    pub channels: usize,
    pub height: usize,
    pub width: usize,
}

impl Shape {
    pub fn flat(size: usize) -> Shape {
        Shape {
            channels: size,
            height: 1,
            width: 1,
        }
    }

    pub fn size(&self) -> usize {
        self.channels * self.height * self.width
    }
}

/// The layers of a network and the shape after each (index 0: the input).
pub struct Plan {
    pub layers: Vec<Layer>,
    pub shapes: Vec<Shape>,
    pub param_count: usize,
}

/// Builds the plan a validated config describes for `classes` classes (a text set's
/// vocabulary): its hidden layers (points) or layers (images, tensors, text), then the output
/// layer, unless an embedding ends the layers (its rows are the logits).
pub fn plan(config: &Config, classes: usize) -> Result<Plan> {
    let (input, specs): (Shape, Vec<LayerSpec>) = match config.input_shape() {
        // Text: the ids of the `context` tokens before the one to predict (a GPT: a window,
        // each position's next token to predict).
        None if config.dataset.is_text() => {
            (Shape::flat(config.context as usize), config.layers.clone())
        }
        Some((channels, height, width)) => {
            let input = Shape {
                channels,
                height,
                width,
            };
            (input, config.layers.clone())
        }
        None => {
            let hidden = config.hidden.iter().map(|h| LayerSpec::Dense {
                units: h.units,
                activation: h.activation,
            });
            (Shape::flat(config.features.len()), hidden.collect())
        }
    };
    // An input too large on its own is named before any layer is counted.
    let input_bytes = input.size() as u64 * 3 * FLOAT;
    if input_bytes > MAX_TRAINER_BYTES {
        return Err(network_too_big(config, Some(input_bytes), 1));
    }
    let mut builder = Builder {
        layers: Vec::new(),
        shapes: vec![input],
        param_count: 0,
        vocabulary: classes,
    };
    for (i, spec) in specs.iter().enumerate() {
        builder.add(i, spec)?;
    }
    let outputs = config.outputs_for(classes);
    match specs.last() {
        // A GPT's or an RNN's head gives the logits.
        Some(LayerSpec::Gpt { .. } | LayerSpec::Rnn { .. }) => {}
        Some(LayerSpec::Embed { .. }) => {
            if builder.current().size() != outputs {
                return Err(Error::Shape(format!(
                    "layer {}: an embedding that ends the network gives the logits: it needs \
                     dims {outputs} (the vocabulary; or no dims) and context 1, not {} values",
                    specs.len(),
                    builder.current().size()
                )));
            }
        }
        _ => {
            let output = LayerSpec::Dense {
                units: outputs as u32,
                activation: config.output_activation,
            };
            builder.add(specs.len(), &output)?;
        }
    }
    check_one_example(config, &builder)?;
    Ok(Plan {
        layers: builder.layers,
        shapes: builder.shapes,
        param_count: builder.param_count,
    })
}

struct Builder {
    layers: Vec<Layer>,
    shapes: Vec<Shape>,
    param_count: usize,
    /// Rows of an embedding's table (a text set's vocabulary).
    vocabulary: usize,
}

impl Builder {
    fn current(&self) -> Shape {
        *self.shapes.last().expect("the input shape comes first")
    }

    /// The next `rows × columns` parameters; refused past `MAX_PARAMETERS` (counted with
    /// checked arithmetic: a 32-bit count must not wrap round to a small one).
    fn slot(&mut self, rows: usize, columns: usize) -> Result<Slot> {
        let length = rows.checked_mul(columns);
        match length.and_then(|l| l.checked_add(self.param_count)) {
            Some(end) if end <= MAX_PARAMETERS => {
                let slot = Slot {
                    offset: self.param_count,
                    length: end - self.param_count,
                };
                self.param_count = end;
                Ok(slot)
            }
            _ => Err(Error::Shape(format!(
                "the network has more than {MAX_PARAMETERS} parameters; at most {MAX_PARAMETERS} fit in the page"
            ))),
        }
    }

    fn push(&mut self, layer: Layer, shape: Shape) {
        self.layers.push(layer);
        self.shapes.push(shape);
    }

    fn push_activation(&mut self, activation: Activation) {
        let shape = self.current();
        self.push(Layer::Activation(activation), shape);
    }

    /// Adds layer `i`, a whole sequence model (a GPT, an RNN) of `count` parameters over
    /// windows of `context`: its parameters are laid out from 0, so it must be the first (and
    /// `Config::validate` keeps it alone); its output is every position's logits.
    fn push_sequence_model(
        &mut self,
        i: usize,
        model: Layer,
        count: usize,
        context: usize,
    ) -> Result<()> {
        if self.param_count != 0 {
            return Err(Error::Shape(format!(
                "layer {}: a gpt or an rnn is the whole model (alone in the layers)",
                i + 1
            )));
        }
        self.slot(count, 1)?;
        let logits = Shape::flat(context * self.vocabulary.max(1));
        self.push(model, logits);
        Ok(())
    }

    /// Adds layer `i` of the spec list.
    fn add(&mut self, i: usize, spec: &LayerSpec) -> Result<()> {
        let input = self.current();
        let too_big = |what: &str, k: usize, h: usize, w: usize| {
            Error::Shape(format!(
                "layer {}: {what} {k}×{k} is larger than its {h}×{w} input",
                i + 1
            ))
        };
        match *spec {
            LayerSpec::Dense { units, activation } => {
                let (inputs, outputs) = (input.size(), units as usize);
                let weights = self.slot(inputs, outputs)?;
                let biases = self.slot(outputs, 1)?;
                let dense = Dense {
                    inputs,
                    outputs,
                    weights,
                    biases,
                };
                self.push(Layer::Dense(dense), Shape::flat(outputs));
                self.push_activation(activation);
            }
            LayerSpec::Conv2d {
                channels,
                kernel,
                stride,
                padding,
                activation,
            } => {
                if stride == 0 {
                    return Err(unvalidated(i));
                }
                let (k, p) = (kernel as usize, padding as usize);
                if k > input.height + 2 * p || k > input.width + 2 * p {
                    return Err(too_big("kernel", k, input.height, input.width));
                }
                let patch = input.channels * k * k;
                let weights = self.slot(channels as usize, patch)?;
                let biases = self.slot(channels as usize, 1)?;
                let conv = Conv2d {
                    in_channels: input.channels,
                    in_height: input.height,
                    in_width: input.width,
                    out_channels: channels as usize,
                    kernel: k,
                    stride: stride as usize,
                    padding: p,
                    weights,
                    biases,
                };
                let shape = Shape {
                    channels: conv.out_channels,
                    height: conv.out_height(),
                    width: conv.out_width(),
                };
                self.push(Layer::Conv2d(conv), shape);
                self.push_activation(activation);
            }
            LayerSpec::MaxPool2d { size, stride } | LayerSpec::AvgPool2d { size, stride } => {
                let stride = stride.unwrap_or(size);
                if stride == 0 {
                    return Err(unvalidated(i));
                }
                let s = size as usize;
                if s > input.height || s > input.width {
                    return Err(too_big("window", s, input.height, input.width));
                }
                let kind = if matches!(spec, LayerSpec::MaxPool2d { .. }) {
                    PoolKind::Max
                } else {
                    PoolKind::Average
                };
                let pool = Pool2d {
                    kind,
                    channels: input.channels,
                    in_height: input.height,
                    in_width: input.width,
                    size: s,
                    stride: stride as usize,
                };
                let shape = Shape {
                    channels: input.channels,
                    height: pool.out_height(),
                    width: pool.out_width(),
                };
                self.push(Layer::Pool(pool), shape);
            }
            LayerSpec::Flatten => self.push(Layer::Flatten, Shape::flat(input.size())),
            LayerSpec::Dropout { rate } => self.push(Layer::Dropout(rate), input),
            LayerSpec::Embed { dims } => {
                let (vocabulary, context) = (self.vocabulary.max(1), input.size());
                let dims = dims.map_or(vocabulary, |d| d as usize);
                let embedding = Embedding {
                    vocabulary,
                    dims,
                    context,
                    table: self.slot(vocabulary, dims)?,
                };
                self.push(Layer::Embedding(embedding), Shape::flat(context * dims));
            }
            LayerSpec::Gpt {
                d_model,
                heads,
                blocks,
                mlp_ratio,
                tied,
            } => {
                let (vocabulary, context) = (self.vocabulary.max(1), input.size());
                let gpt = Gpt::new(GptShape {
                    vocabulary,
                    context,
                    dims: d_model as usize,
                    heads: heads as usize,
                    layers: blocks as usize,
                    mlp_ratio: mlp_ratio as usize,
                    tied_head: tied,
                })?;
                let count = gpt.param_count();
                self.push_sequence_model(i, Layer::Gpt(Box::new(gpt)), count, context)?;
            }
            LayerSpec::Rnn { units, cell } => {
                let (vocabulary, context) = (self.vocabulary.max(1), input.size());
                let rnn = Rnn::new(RnnShape {
                    vocabulary,
                    context,
                    units: units as usize,
                    cell,
                })?;
                let count = rnn.param_count();
                self.push_sequence_model(i, Layer::Rnn(Box::new(rnn)), count, context)?;
            }
        }
        Ok(())
    }
}

/// Refuses a network whose values for a single example (every boundary, and a convolution's
/// unfolded patches) already pass the memory of a trainer; counted in u64, so that the sizes
/// the network then computes in `usize` fit a 32-bit target.
fn check_one_example(config: &Config, builder: &Builder) -> Result<()> {
    let mut widths = builder.shapes.iter().map(|s| s.size() as u64);
    let values = widths.try_fold(0u64, u64::checked_add);
    let mut cols = builder.layers.iter().map(|l| match l {
        Layer::Conv2d(c) => c.cols_len_checked(),
        _ => Some(0),
    });
    let cols = cols.try_fold(0u64, |max, c| Some(max.max(c?)));
    // Values and gradients of one example, and the unfolded patches and their gradient.
    let bytes = values
        .zip(cols)
        .and_then(|(v, c)| v.checked_add(c)?.checked_mul(2 * FLOAT));
    match bytes {
        Some(bytes) if bytes <= MAX_TRAINER_BYTES => Ok(()),
        _ => Err(network_too_big(config, bytes, 1)),
    }
}

/// The error of a network that does not fit a trainer's memory even for `batch` examples:
/// it names the layers (or a tensor input too large on its own).
pub fn network_too_big(config: &Config, bytes: Option<u64>, batch: u64) -> Error {
    let input = config
        .input_shape()
        .map_or(0, |(c, h, w)| (c * h * w) as u64);
    let field = if config.input.is_some() && input * 3 * FLOAT > MAX_TRAINER_BYTES {
        "input"
    } else if config.uses_layers() {
        "layers"
    } else {
        "hidden"
    };
    let needed = bytes.map_or("more than can be counted".to_string(), bytes_text);
    let examples = if batch == 1 {
        "one example".to_string()
    } else {
        format!("a batch of {batch}")
    };
    Error::invalid(
        field,
        format!(
            "a network that fits in {} (fewer channels, units or layers)",
            bytes_text(MAX_TRAINER_BYTES)
        ),
        format!("one that needs {needed} for {examples}"),
    )
}

/// A stride of 0 would divide by zero: only a config that skipped `Config::validate` has one.
fn unvalidated(i: usize) -> Error {
    Error::Shape(format!(
        "layer {}: a stride of 0 (validate the config first)",
        i + 1
    ))
}
