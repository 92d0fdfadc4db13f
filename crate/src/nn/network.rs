//! A stack of layers ("the cook") over flat buffers, and the workspaces that hold the values
//! flowing through it.
//!
//! Boundaries: 0 is the input features; boundary `i + 1` is the output of layer `i`; the last
//! boundary is the prediction (softmax / sigmoid / identity of the logits). In a workspace for
//! `N` points, boundary `k` occupies `N·prefix[k] .. N·(prefix[k] + width[k])`: point `i`, unit
//! `j` is at `N·prefix[k] + i·width[k] + j`.
//!
//! A sequence model (a GPT, an RNN) makes a prediction at each of the `T` positions of its
//! window: its logits and prediction boundaries are `T × V` per example, `N·T` rows of the loss
//! (`positions`).

use rand_chacha::ChaCha8Rng;

use crate::config::Config;
use crate::error::Result;
use crate::nn::activation;
use crate::nn::dense::Dense;
use crate::nn::dropout;
use crate::nn::embedding::Embedding;
use crate::nn::gpt::Gpt;
use crate::nn::init::init_layer;
pub use crate::nn::layer::Layer;
use crate::nn::loss::{BatchLoss, Loss};
use crate::nn::pool::PoolKind;
use crate::nn::rnn::Rnn;
use crate::nn::shapes::{plan, Shape};
use crate::nn::slot::Slot;
pub use crate::nn::workspace::Workspace;

/// Whether a forward pass trains (dropout drops, with this generator) or evaluates.
pub enum Mode<'a> {
    /// Training on examples `first..first + n` of a batch of `batch` examples. Each dropout
    /// layer draws its batch's masks from its own place in `rng`, example after example, so a
    /// batch split into shares (one per replica, `trainer::replicas`) gets the masks the whole
    /// batch would.
    Train {
        rng: &'a mut ChaCha8Rng,
        first: usize,
        batch: usize,
    },
    Eval,
}

#[derive(Clone, Debug)]
pub struct Network {
    layers: Vec<Layer>,
    shapes: Vec<Shape>,
    widths: Vec<usize>,
    prefix: Vec<usize>,
    loss: Loss,
    param_count: usize,
    /// Scratch floats per workspace: im2col buffers (shared by the conv layers), and per
    /// example one mask value per dropout output.
    pub(super) cols_len: usize,
    pub(super) masks_per_example: usize,
    /// Per example in a training workspace: where each max-pooling output's maximum was.
    pub(super) argmax_per_example: usize,
}

impl Network {
    /// Builds the layers a config describes (see `nn::shapes`), refusing shapes that do not fit.
    pub fn new(config: &Config) -> Result<Network> {
        Network::with_classes(config, config.classes())
    }

    /// The network of a config for `classes` classes: a text set's vocabulary, which its data
    /// gives rather than its config.
    pub fn with_classes(config: &Config, classes: usize) -> Result<Network> {
        let plan = plan(config, classes)?;
        let outputs = config.outputs_for(classes);
        let mut shapes = plan.shapes;
        // The prediction is shaped as the logits.
        shapes.push(*shapes.last().expect("the input shape comes first"));
        let widths: Vec<usize> = shapes.iter().map(Shape::size).collect();
        let prefix = widths
            .iter()
            .scan(0, |sum, &w| {
                let start = *sum;
                *sum += w;
                Some(start)
            })
            .collect();
        let cols_len = plan
            .layers
            .iter()
            .map(|l| match l {
                Layer::Conv2d(c) => c.cols_len(),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        let masks_per_example = plan
            .layers
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, Layer::Dropout(_)))
            .map(|(i, _)| widths[i + 1])
            .sum();
        let argmax_per_example = plan
            .layers
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, Layer::Pool(p) if p.kind == PoolKind::Max))
            .map(|(i, _)| widths[i + 1])
            .sum();
        Ok(Network {
            layers: plan.layers,
            shapes,
            widths,
            prefix,
            loss: Loss {
                kind: config.loss,
                classification: !config.is_regression(),
                width: outputs,
            },
            param_count: plan.param_count,
            cols_len,
            masks_per_example,
            argmax_per_example,
        })
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The layers as a learner counts them (the page's layer index): an activation belongs to
    /// the dense or convolution layer before it. Yields each with its index in `layers`.
    pub fn learner_layers(&self) -> impl Iterator<Item = (usize, &Layer)> {
        let shown = |(_, l): &(usize, &Layer)| !matches!(l, Layer::Activation(_));
        self.layers.iter().enumerate().filter(shown)
    }

    /// The GPT the network is, if it is one.
    pub fn gpt(&self) -> Option<&Gpt> {
        match self.layers.first() {
            Some(Layer::Gpt(gpt)) => Some(gpt),
            _ => None,
        }
    }

    /// The RNN the network is, if it is one.
    pub fn rnn(&self) -> Option<&Rnn> {
        match self.layers.first() {
            Some(Layer::Rnn(rnn)) => Some(rnn),
            _ => None,
        }
    }

    /// The token table of a text network: its first layer's, or its GPT's or RNN's.
    pub fn token_embedding(&self) -> Option<&Embedding> {
        match self.layers.first() {
            Some(Layer::Embedding(e)) => Some(e),
            Some(Layer::Gpt(gpt)) => Some(&gpt.token),
            Some(Layer::Rnn(rnn)) => Some(&rnn.token),
            _ => None,
        }
    }

    /// Whether the network is a sequence model (a GPT or an RNN), which keeps its values in
    /// the workspace between its passes.
    pub fn is_sequence_model(&self) -> bool {
        self.gpt().is_some() || self.rnn().is_some()
    }

    /// Predictions (rows of the loss, targets) per example: every position of a sequence
    /// model's window, else 1.
    pub fn positions(&self) -> usize {
        match (self.gpt(), self.rnn()) {
            (Some(gpt), _) => gpt.shape.context,
            (_, Some(rnn)) => rnn.shape.context,
            _ => 1,
        }
    }

    pub fn dense_layers(&self) -> impl Iterator<Item = (usize, &Dense)> {
        self.layers.iter().enumerate().filter_map(|(i, l)| match l {
            Layer::Dense(d) => Some((i, d)),
            _ => None,
        })
    }

    /// Shape (`C × H × W`) of each boundary.
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
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

    /// The largest side of any matrix product a pass multiplies, but the batch size:
    /// widths, and each convolution's patch and output grid.
    pub(super) fn largest_dimension(&self) -> usize {
        let conv = self.layers.iter().map(|l| match l {
            Layer::Conv2d(c) => c.patch().max(c.out_height() * c.out_width()),
            _ => 0,
        });
        self.widths.iter().copied().chain(conv).max().unwrap_or(0)
    }

    pub fn loss(&self) -> &Loss {
        &self.loss
    }

    pub fn param_count(&self) -> usize {
        self.param_count
    }

    /// Slots of all weights, kernels and embedding tables (what regularisation acts on;
    /// biases are left alone).
    pub fn weight_slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.layers.iter().flat_map(|l| match l {
            Layer::Dense(d) => vec![d.weights],
            Layer::Conv2d(c) => vec![c.weights],
            Layer::Embedding(e) => vec![e.table],
            Layer::Gpt(gpt) => gpt.weight_slots(),
            Layer::Rnn(rnn) => rnn.weight_slots(),
            _ => Vec::new(),
        })
    }

    pub fn init(&self, kind: crate::config::Init, params: &mut [f32], rng: &mut ChaCha8Rng) {
        for layer in &self.layers {
            init_layer(kind, layer, params, rng);
        }
    }

    fn range(&self, k: usize, n: usize) -> std::ops::Range<usize> {
        n * self.prefix[k]..n * (self.prefix[k] + self.widths[k])
    }

    /// Runs every layer on the `ws.len()` inputs already in boundary 0, then the prediction.
    pub fn forward(&self, params: &[f32], ws: &mut Workspace, mut mode: Mode) {
        let n = ws.n;
        // [cols | d_cols | masks] in a training workspace, [cols] in another.
        let (cols, rest) = ws.scratch.split_at_mut(self.cols_len);
        let masks = rest.get_mut(self.cols_len..).unwrap_or_default();
        let gemm = &mut ws.gemm;
        let mut mask_at = 0;
        // Words of the dropout generator the layers before this one use for the whole batch.
        let mut drawn: u128 = 0;
        // Only a training workspace notes the maxima (for the backward pass).
        let (argmax, mut argmax_at) = (&mut ws.argmax, 0);
        let (gpt_values, rnn_values) = (&mut ws.gpt, &mut ws.rnn);
        for (i, layer) in self.layers.iter().enumerate() {
            let (before, after) = ws.values.split_at_mut(n * self.prefix[i + 1]);
            let x = &before[self.range(i, n)];
            let y = &mut after[..n * self.widths[i + 1]];
            match layer {
                Layer::Dense(d) => d.forward(params, x, y, n, gemm),
                Layer::Activation(kind) => activation::forward(*kind, x, y),
                Layer::Conv2d(c) => c.forward(params, x, y, n, cols, gemm),
                Layer::Pool(p) => {
                    let notes = p.kind == PoolKind::Max && !argmax.is_empty();
                    let argmax = notes.then(|| &mut argmax[argmax_at..argmax_at + y.len()]);
                    argmax_at += if notes { y.len() } else { 0 };
                    p.forward(x, y, n, argmax)
                }
                Layer::Flatten => y.copy_from_slice(x),
                Layer::Embedding(e) => e.forward(params, x, y, n),
                Layer::Gpt(gpt) => gpt.forward(params, x, n, kept(gpt_values), y),
                Layer::Rnn(rnn) => rnn.forward(params, x, n, kept(rnn_values), y),
                Layer::Dropout(rate) => match &mut mode {
                    Mode::Train { rng, first, batch } => {
                        let width = self.widths[i + 1];
                        rng.set_word_pos(drawn + (*first * width) as u128);
                        drawn += (*batch * width) as u128;
                        let mask = &mut masks[mask_at..mask_at + y.len()];
                        dropout::forward_train(*rate, x, y, mask, rng);
                        mask_at += y.len();
                    }
                    Mode::Eval => y.copy_from_slice(x),
                },
            }
        }
        let last = self.widths.len() - 1;
        let (before, after) = ws.values.split_at_mut(n * self.prefix[last]);
        self.loss.predict(
            &before[self.range(last - 1, n)],
            &mut after[..n * self.widths[last]],
        );
    }

    /// The loss of the batch in `ws` against `targets` (`positions` per example); writes ∂L/∂ into the
    /// logits and prediction boundaries of `ws.grads`.
    pub fn loss_and_gradients(&self, ws: &mut Workspace, targets: &[f32]) -> BatchLoss {
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
    /// the caller zeroes) and filling every boundary of `ws.grads` but the input's (nothing
    /// needs it). Dropout uses the masks of the last training forward pass.
    pub fn backward(&self, params: &[f32], grads: &mut [f32], ws: &mut Workspace) {
        let n = ws.n;
        let (cols, rest) = ws.scratch.split_at_mut(self.cols_len);
        let (d_cols, masks) = rest.split_at_mut(self.cols_len);
        let gemm = &mut ws.gemm;
        let mut mask_end = self.masks_per_example * n;
        let mut argmax_end = self.argmax_per_example * n;
        for (i, layer) in self.layers.iter().enumerate().rev() {
            let (d_before, d_after) = ws.grads.split_at_mut(n * self.prefix[i + 1]);
            let dx = &mut d_before[self.range(i, n)];
            let dy = &d_after[..n * self.widths[i + 1]];
            let x = &ws.values[self.range(i, n)];
            let y = &ws.values[self.range(i + 1, n)];
            let first = i == 0;
            match layer {
                Layer::Dense(d) => {
                    d.backward(params, grads, x, dy, (!first).then_some(dx), n, gemm)
                }
                Layer::Conv2d(c) => {
                    let dx = (!first).then_some(dx);
                    c.backward(params, grads, x, dy, dx, n, cols, d_cols, gemm)
                }
                // Token ids have no gradient: an embedding passes nothing back.
                Layer::Embedding(e) => e.backward(grads, x, dy, n),
                Layer::Gpt(gpt) => gpt.backward(params, grads, x, dy, n, kept(&mut ws.gpt)),
                Layer::Rnn(rnn) => rnn.backward(params, grads, dy, n, kept(&mut ws.rnn)),
                // Layers without parameters only pass the gradient on.
                _ if first => {}
                Layer::Activation(kind) => activation::backward(*kind, x, y, dy, dx),
                Layer::Pool(p) => {
                    let noted = if p.kind == PoolKind::Max { dy.len() } else { 0 };
                    p.backward(dy, dx, n, &ws.argmax[argmax_end - noted..argmax_end]);
                    argmax_end -= noted;
                }
                Layer::Flatten => dx.copy_from_slice(dy),
                Layer::Dropout(_) => {
                    let mask = &masks[mask_end - dy.len()..mask_end];
                    dropout::backward(dy, mask, dx);
                    mask_end -= dy.len();
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

/// A sequence model's values in a workspace (made with the workspace for the network that has
/// the model).
fn kept<V>(values: &mut Option<V>) -> &mut V {
    values
        .as_mut()
        .expect("a sequence model's workspace holds its values")
}
