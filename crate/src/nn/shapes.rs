//! From a config to layers: every layer's input and output shape (`C × H × W`), checked so
//! that a network that cannot work is refused with a message naming the layer and the reason.

use serde::Serialize;

use crate::config::{Activation, Config, LayerSpec};
use crate::error::{check_range, Error, Result};
use crate::nn::conv2d::Conv2d;
use crate::nn::dense::Dense;
use crate::nn::network::Layer;
use crate::nn::pool::{Pool2d, PoolKind};
use crate::nn::slot::Slot;

pub const MAX_IMAGE_LAYERS: usize = 12;
pub const MAX_CHANNELS: u32 = 64;
pub const MAX_KERNEL: u32 = 11;
pub const MAX_DENSE_UNITS: u32 = 1024;
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

/// Checks the image layers of a config (field ranges and shapes).
pub fn validate_layers(config: &Config) -> Result<()> {
    plan(config).map(|_| ())
}

/// Builds the plan a config describes: its hidden layers (points) or image layers, then the
/// output layer.
pub fn plan(config: &Config) -> Result<Plan> {
    let (input, specs): (Shape, Vec<LayerSpec>) = match config.input_shape() {
        Some((channels, height, width)) => {
            if config.layers.len() > MAX_IMAGE_LAYERS {
                return Err(Error::invalid(
                    "layers",
                    format!("at most {MAX_IMAGE_LAYERS} layers"),
                    format!("{} layers", config.layers.len()),
                ));
            }
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
    let mut builder = Builder {
        layers: Vec::new(),
        shapes: vec![input],
        param_count: 0,
    };
    for (i, spec) in specs.iter().enumerate() {
        builder.add(i, spec, config.uses_layers())?;
    }
    let output = LayerSpec::Dense {
        units: config.outputs() as u32,
        activation: config.output_activation,
    };
    builder.add(specs.len(), &output, false)?;
    if builder.param_count > MAX_PARAMETERS {
        return Err(Error::Shape(format!(
            "the network has {} parameters; at most {MAX_PARAMETERS} fit in the page",
            builder.param_count
        )));
    }
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
}

impl Builder {
    fn current(&self) -> Shape {
        *self.shapes.last().expect("the input shape comes first")
    }

    fn slot(&mut self, length: usize) -> Slot {
        let slot = Slot {
            offset: self.param_count,
            length,
        };
        self.param_count += length;
        slot
    }

    fn push(&mut self, layer: Layer, shape: Shape) {
        self.layers.push(layer);
        self.shapes.push(shape);
    }

    fn push_activation(&mut self, activation: Activation) {
        let shape = self.current();
        self.push(Layer::Activation(activation), shape);
    }

    /// Adds layer `i` of the spec list; `image` selects the wider limits of image networks.
    fn add(&mut self, i: usize, spec: &LayerSpec, image: bool) -> Result<()> {
        let field = |name: &str| format!("layers[{i}].{name}");
        let input = self.current();
        let too_big = |what: &str, k: usize, h: usize, w: usize| {
            Error::Shape(format!(
                "layer {}: {what} {k}×{k} is larger than its {h}×{w} input",
                i + 1
            ))
        };
        match *spec {
            LayerSpec::Dense { units, activation } => {
                let max = if image { MAX_DENSE_UNITS } else { u32::MAX };
                check_range(&field("units"), units, 1, max)?;
                let (inputs, outputs) = (input.size(), units as usize);
                let weights = self.slot(inputs * outputs);
                let biases = self.slot(outputs);
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
                check_range(&field("channels"), channels, 1, MAX_CHANNELS)?;
                check_range(&field("kernel"), kernel, 1, MAX_KERNEL)?;
                check_range(&field("stride"), stride, 1, 4)?;
                check_range(&field("padding"), padding, 0, kernel.saturating_sub(1))?;
                let (k, p) = (kernel as usize, padding as usize);
                if k > input.height + 2 * p || k > input.width + 2 * p {
                    return Err(too_big("kernel", k, input.height, input.width));
                }
                let patch = input.channels * k * k;
                let weights = self.slot(channels as usize * patch);
                let biases = self.slot(channels as usize);
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
                check_range(&field("size"), size, 1, 8)?;
                let stride = stride.unwrap_or(size);
                check_range(&field("stride"), stride, 1, 8)?;
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
            LayerSpec::Dropout { rate } => {
                check_range(&field("rate"), rate, 0.0, 0.9)?;
                self.push(Layer::Dropout(rate), input);
            }
        }
        Ok(())
    }
}
