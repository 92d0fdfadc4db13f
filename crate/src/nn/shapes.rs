//! From a validated config to layers: every layer's input and output shape (`C × H × W`),
//! checked so that a network that cannot work is refused with a message naming the layer and
//! the reason. The fields' ranges are the config's (`Config::validate`); this is the one check
//! of how the layers fit together.

use serde::Serialize;

use crate::config::{Activation, Config, LayerSpec};
use crate::error::{Error, Result};
use crate::nn::conv2d::Conv2d;
use crate::nn::dense::Dense;
use crate::nn::network::Layer;
use crate::nn::pool::{Pool2d, PoolKind};
use crate::nn::slot::Slot;

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

/// Builds the plan a validated config describes: its hidden layers (points) or image layers,
/// then the output layer.
pub fn plan(config: &Config) -> Result<Plan> {
    let (input, specs): (Shape, Vec<LayerSpec>) = match config.input_shape() {
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
    let mut builder = Builder {
        layers: Vec::new(),
        shapes: vec![input],
        param_count: 0,
    };
    for (i, spec) in specs.iter().enumerate() {
        builder.add(i, spec)?;
    }
    let output = LayerSpec::Dense {
        units: config.outputs() as u32,
        activation: config.output_activation,
    };
    builder.add(specs.len(), &output)?;
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
                if stride == 0 {
                    return Err(unvalidated(i));
                }
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
        }
        Ok(())
    }
}

/// A stride of 0 would divide by zero: only a config that skipped `Config::validate` has one.
fn unvalidated(i: usize) -> Error {
    Error::Shape(format!(
        "layer {}: a stride of 0 (validate the config first)",
        i + 1
    ))
}
