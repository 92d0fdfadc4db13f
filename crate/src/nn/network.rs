//! A stack of layers ("the cook") over flat buffers, and the workspaces that hold the values
//! flowing through it.
//!
//! Boundaries: 0 is the input features; boundary `i + 1` is the output of layer `i`; the last
//! boundary is the prediction (softmax / sigmoid / identity of the logits). In a workspace for
//! `N` points, boundary `k` occupies `N·prefix[k] .. N·(prefix[k] + width[k])`: point `i`, unit
//! `j` is at `N·prefix[k] + i·width[k] + j`.

use rand_chacha::ChaCha8Rng;

use crate::config::{Activation, Config};
use crate::nn::activation;
use crate::nn::dense::Dense;
use crate::nn::init::init_dense;
use crate::nn::loss::Loss;
use crate::nn::slot::Slot;

#[derive(Clone, Debug, PartialEq)]
pub enum Layer {
    Dense(Dense),
    Activation(Activation),
}

#[derive(Clone, Debug)]
pub struct Network {
    layers: Vec<Layer>,
    widths: Vec<usize>,
    prefix: Vec<usize>,
    loss: Loss,
    param_count: usize,
}

impl Network {
    /// Builds the layers a (validated) config describes: each hidden layer and the output layer
    /// is a dense layer followed by its activation.
    pub fn new(config: &Config) -> Network {
        let mut layers = Vec::new();
        let mut widths = vec![config.features.len()];
        let mut param_count = 0;
        let specs = config
            .hidden
            .iter()
            .map(|h| (h.units as usize, h.activation))
            .chain([(config.outputs(), config.output_activation)]);
        for (units, act) in specs {
            let inputs = *widths.last().expect("input width pushed first");
            let weights = Slot {
                offset: param_count,
                length: units * inputs,
            };
            let biases = Slot {
                offset: weights.offset + weights.length,
                length: units,
            };
            param_count = biases.offset + biases.length;
            layers.push(Layer::Dense(Dense {
                inputs,
                outputs: units,
                weights,
                biases,
            }));
            layers.push(Layer::Activation(act));
            widths.extend([units, units]);
        }
        widths.push(config.outputs());
        let prefix = widths
            .iter()
            .scan(0, |sum, &w| {
                let start = *sum;
                *sum += w;
                Some(start)
            })
            .collect();
        Network {
            layers,
            widths,
            prefix,
            loss: Loss {
                kind: config.loss,
                classification: !config.is_regression(),
                width: config.outputs(),
            },
            param_count,
        }
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    pub fn dense_layers(&self) -> impl Iterator<Item = (usize, &Dense)> {
        self.layers.iter().enumerate().filter_map(|(i, l)| match l {
            Layer::Dense(d) => Some((i, d)),
            Layer::Activation(_) => None,
        })
    }

    /// Width of each boundary (see the module comment).
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }

    /// Sum of the widths before each boundary.
    pub fn prefix(&self) -> &[usize] {
        &self.prefix
    }

    pub fn total_width(&self) -> usize {
        self.widths.iter().sum()
    }

    pub fn loss(&self) -> &Loss {
        &self.loss
    }

    pub fn param_count(&self) -> usize {
        self.param_count
    }

    /// Slots of all weight matrices (what regularisation acts on; biases are left alone).
    pub fn weight_slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.dense_layers().map(|(_, d)| d.weights)
    }

    pub fn init(&self, kind: crate::config::Init, params: &mut [f32], rng: &mut ChaCha8Rng) {
        for (_, dense) in self.dense_layers() {
            init_dense(kind, dense, params, rng);
        }
    }

    fn range(&self, k: usize, n: usize) -> std::ops::Range<usize> {
        n * self.prefix[k]..n * (self.prefix[k] + self.widths[k])
    }

    /// Runs every layer on the `ws.len()` inputs already in boundary 0, then the prediction.
    pub fn forward(&self, params: &[f32], ws: &mut Workspace) {
        let n = ws.n;
        for (i, layer) in self.layers.iter().enumerate() {
            let (before, after) = ws.values.split_at_mut(n * self.prefix[i + 1]);
            let x = &before[self.range(i, n)];
            let y = &mut after[..n * self.widths[i + 1]];
            match layer {
                Layer::Dense(d) => d.forward(params, x, y, n),
                Layer::Activation(kind) => activation::forward(*kind, x, y),
            }
        }
        let last = self.widths.len() - 1;
        let (before, after) = ws.values.split_at_mut(n * self.prefix[last]);
        self.loss.predict(
            &before[self.range(last - 1, n)],
            &mut after[..n * self.widths[last]],
        );
    }

    /// The loss of the batch in `ws` against `targets` (length `ws.len()`); writes ∂L/∂ into the
    /// logits and prediction boundaries of `ws.grads`.
    pub fn loss_and_gradients(&self, ws: &mut Workspace, targets: &[f32]) -> f32 {
        let n = ws.n;
        let last = self.widths.len() - 1;
        let (d_before, d_after) = ws.grads.split_at_mut(n * self.prefix[last]);
        self.loss.loss_and_gradients(
            &ws.values[self.range(last - 1, n)],
            &ws.values[self.range(last, n)],
            targets,
            &mut d_before[self.range(last - 1, n)],
            &mut d_after[..n * self.widths[last]],
        )
    }

    /// Back-propagates the logits' gradient through every layer, adding into `grads` (which
    /// the caller zeroes) and filling every boundary of `ws.grads`.
    pub fn backward(&self, params: &[f32], grads: &mut [f32], ws: &mut Workspace) {
        let n = ws.n;
        for (i, layer) in self.layers.iter().enumerate().rev() {
            let (d_before, d_after) = ws.grads.split_at_mut(n * self.prefix[i + 1]);
            let dx = &mut d_before[self.range(i, n)];
            let dy = &d_after[..n * self.widths[i + 1]];
            let x = &ws.values[self.range(i, n)];
            match layer {
                Layer::Dense(d) => d.backward(params, grads, x, dy, dx, n),
                Layer::Activation(kind) => {
                    let y = &ws.values[self.range(i + 1, n)];
                    activation::backward(*kind, x, y, dy, dx);
                }
            }
        }
    }

    /// The values of boundary `k` in a workspace.
    pub fn boundary<'a>(&self, ws: &'a Workspace, k: usize) -> &'a [f32] {
        &ws.values[self.range(k, ws.n)]
    }

    /// The predictions (last boundary) in a workspace.
    pub fn predictions<'a>(&self, ws: &'a Workspace) -> &'a [f32] {
        self.boundary(ws, self.widths.len() - 1)
    }

    /// The logits (output layer's activation) in a workspace.
    pub fn logits<'a>(&self, ws: &'a Workspace) -> &'a [f32] {
        self.boundary(ws, self.widths.len() - 2)
    }
}

/// The values (and optionally gradients) of every boundary for up to `capacity` points.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    n: usize,
    capacity: usize,
    total_width: usize,
    values: Vec<f32>,
    grads: Vec<f32>,
}

impl Workspace {
    pub fn new(network: &Network, capacity: usize, with_grads: bool) -> Workspace {
        let total_width = network.total_width();
        Workspace {
            n: 0,
            capacity,
            total_width,
            values: vec![0.0; capacity * total_width],
            grads: if with_grads {
                vec![0.0; capacity * total_width]
            } else {
                Vec::new()
            },
        }
    }

    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Prepares for `n <= capacity` points and returns the input boundary to fill
    /// (`n × features`).
    pub fn inputs_mut(&mut self, n: usize, features: usize) -> &mut [f32] {
        assert!(
            n <= self.capacity,
            "workspace holds {} points",
            self.capacity
        );
        self.n = n;
        &mut self.values[..n * features]
    }

    /// Every boundary's values for the current points.
    pub fn values(&self) -> &[f32] {
        &self.values[..self.n * self.total_width]
    }

    /// Every boundary's gradient for the current points (empty if made without gradients).
    pub fn grads(&self) -> &[f32] {
        let end = (self.n * self.total_width).min(self.grads.len());
        &self.grads[..end]
    }
}
