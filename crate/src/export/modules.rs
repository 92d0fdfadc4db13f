//! A network as torch.nn modules, each with the same step in NumPy and the parameters it loads.
//!
//! Layouts: a dense layer's weights are `out × in` (row = output unit) and a convolution's are
//! `K_out × (C·k·k)` ordered channel, kernel row, kernel column: exactly torch's `nn.Linear`
//! `[out, in]` and `nn.Conv2d` `[out, in, kh, kw]`, so each slot loads as it is, given its
//! torch shape. Values are `C × H × W` per example (NCHW, as torch), so flattening keeps
//! torch's order. An embedding's table is `vocabulary × dims`, as `nn.Embedding`'s.

use crate::config::{Activation, LossKind};
use crate::error::{Error, Result};
use crate::nn::network::{Layer, Network};
use crate::nn::pool::PoolKind;
use crate::nn::slot::Slot;

/// One parameter tensor: its name in torch's `state_dict`, its torch shape, where it lives.
pub struct Tensor {
    pub name: String,
    pub shape: Vec<usize>,
    pub slot: Slot,
}

/// One module of the torch `nn.Sequential`, and the same step in NumPy.
pub struct Module {
    /// Its name in the `nn.Sequential` (`conv1`, `relu1`: the page's layer number).
    pub name: String,
    /// The constructor (`nn.Conv2d(1, 8, kernel_size=5, stride=1, padding=2)`).
    pub torch: String,
    /// The NumPy statement on `x` (`x = relu(x)`).
    pub numpy: String,
    /// The shapes in and out, for a comment (`(N, 1, 28, 28) -> (N, 8, 28, 28)`).
    pub shapes: String,
    pub tensors: Vec<Tensor>,
}

/// How the page turns the last layer's output into its prediction: softmax, sigmoid or none.
pub struct Link {
    pub torch: &'static str,
    pub numpy: &'static str,
    pub what: &'static str,
}

pub fn link(loss: LossKind) -> Link {
    match loss {
        LossKind::CrossEntropy => Link {
            torch: "torch.softmax(x, dim=1)",
            numpy: "softmax(x)",
            what: "class probabilities (softmax)",
        },
        LossKind::BinaryCrossEntropy => Link {
            torch: "torch.sigmoid(x)",
            numpy: "sigmoid(x)",
            what: "the probability of class 1 (sigmoid)",
        },
        LossKind::Mse => Link {
            torch: "x",
            numpy: "x",
            what: "the output values (least squares: no link)",
        },
    }
}

/// The modules of `network`, a stack of layers whose input is `(N, …input)`.
pub fn modules(network: &Network, input: &[usize]) -> Result<Vec<Module>> {
    let mut builder = Builder {
        modules: Vec::new(),
        shape: input.to_vec(),
    };
    // The page numbers its layers without their activations (which belong to the layer before).
    let mut number = 0;
    for layer in network.layers() {
        if !matches!(layer, Layer::Activation(_)) {
            number += 1;
        }
        builder.add(layer, number)?;
    }
    Ok(builder.modules)
}

/// A shape with the batch first, as Python writes it: `(N, 1, 28, 28)`.
fn batch_shape(shape: &[usize]) -> String {
    let sides: Vec<String> = shape.iter().map(usize::to_string).collect();
    format!("(N, {})", sides.join(", "))
}

fn tensors<const K: usize>(name: &str, pairs: [(&str, Vec<usize>, Slot); K]) -> Vec<Tensor> {
    pairs
        .into_iter()
        .map(|(part, shape, slot)| Tensor {
            name: format!("layers.{name}.{part}"),
            shape,
            slot,
        })
        .collect()
}

struct Builder {
    modules: Vec<Module>,
    /// The torch shape of the values so far, but the batch.
    shape: Vec<usize>,
}

impl Builder {
    fn push(&mut self, name: String, torch: String, numpy: String, after: Vec<usize>) {
        let shapes = format!("{} -> {}", batch_shape(&self.shape), batch_shape(&after));
        self.modules.push(Module {
            name,
            torch,
            numpy,
            shapes,
            tensors: Vec::new(),
        });
        self.shape = after;
    }

    /// Pushes a module with parameters: `numpy` names them `{weight}` and `{bias}`.
    fn push_with(
        &mut self,
        name: String,
        torch: String,
        numpy: &str,
        after: Vec<usize>,
        tensors: Vec<Tensor>,
    ) {
        let mut numpy = numpy.to_string();
        for t in &tensors {
            let part = t.name.rsplit('.').next().unwrap_or_default();
            numpy = numpy.replace(&format!("{{{part}}}"), &format!("W[\"{}\"]", t.name));
        }
        self.push(name, torch, numpy, after);
        self.modules.last_mut().expect("just pushed").tensors = tensors;
    }

    fn flatten(&mut self, name: String) {
        let flat = vec![self.shape.iter().product()];
        self.push(name, "nn.Flatten()".into(), "x = flatten(x)".into(), flat);
    }

    fn add(&mut self, layer: &Layer, number: usize) -> Result<()> {
        match layer {
            Layer::Dense(d) => {
                // The page's dense layer reads any values as one row; torch's needs them flat.
                if self.shape.len() > 1 {
                    self.flatten(format!("flatten{number}"));
                }
                let name = format!("dense{number}");
                let weights = [
                    ("weight", vec![d.outputs, d.inputs], d.weights),
                    ("bias", vec![d.outputs], d.biases),
                ];
                let tensors = tensors(&name, weights);
                let torch = format!("nn.Linear({}, {})", d.inputs, d.outputs);
                let numpy = "x = dense(x, {weight}, {bias})";
                self.push_with(name, torch, numpy, vec![d.outputs], tensors);
            }
            Layer::Conv2d(c) => {
                let name = format!("conv{number}");
                let (k, out) = (c.kernel, c.out_channels);
                let weights = [
                    ("weight", vec![out, c.in_channels, k, k], c.weights),
                    ("bias", vec![out], c.biases),
                ];
                let tensors = tensors(&name, weights);
                let (s, p) = (c.stride, c.padding);
                let torch = format!(
                    "nn.Conv2d({}, {out}, kernel_size={k}, stride={s}, padding={p})",
                    c.in_channels
                );
                let numpy = format!("x = conv2d(x, {{weight}}, {{bias}}, stride={s}, padding={p})");
                let after = vec![out, c.out_height(), c.out_width()];
                self.push_with(name, torch, &numpy, after, tensors);
            }
            Layer::Pool(p) => {
                let (kind, reduce) = match p.kind {
                    PoolKind::Max => ("MaxPool2d", "np.max"),
                    PoolKind::Average => ("AvgPool2d", "np.mean"),
                };
                let (size, stride) = (p.size, p.stride);
                let torch = format!("nn.{kind}({size}, stride={stride})");
                let numpy = format!("x = pool(x, {size}, {stride}, {reduce})");
                let after = vec![p.channels, p.out_height(), p.out_width()];
                self.push(format!("pool{number}"), torch, numpy, after);
            }
            Layer::Flatten => self.flatten(format!("flatten{number}")),
            Layer::Dropout(rate) => {
                // Evaluation: the identity (torch's too, once the module is in eval mode).
                let torch = format!("nn.Dropout({rate})");
                let numpy = "pass  # dropout: the identity when not training".to_string();
                let same = self.shape.clone();
                self.push(format!("dropout{number}"), torch, numpy, same);
            }
            Layer::Embedding(e) => {
                let name = format!("embed{number}");
                let table = [("weight", vec![e.vocabulary, e.dims], e.table)];
                let tensors = tensors(&name, table);
                let torch = format!("nn.Embedding({}, {})", e.vocabulary, e.dims);
                let numpy = "x = embedding(x, {weight})";
                self.push_with(name, torch, numpy, vec![e.context, e.dims], tensors);
                // The page puts the k rows side by side: flattened, as a dense layer reads them.
                self.flatten(format!("flatten{number}"));
            }
            Layer::Activation(kind) => {
                let (torch, numpy) = match kind {
                    Activation::Relu => ("nn.ReLU()", "relu(x)"),
                    Activation::LeakyRelu => ("nn.LeakyReLU(0.01)", "leaky_relu(x)"),
                    Activation::Tanh => ("nn.Tanh()", "np.tanh(x)"),
                    Activation::Sigmoid => ("nn.Sigmoid()", "sigmoid(x)"),
                    // The identity: no module.
                    Activation::Linear => return Ok(()),
                };
                let name = format!("{}{number}", crate::config::name_of(kind).to_lowercase());
                let same = self.shape.clone();
                self.push(name, torch.into(), format!("x = {numpy}"), same);
            }
            // A sequence model is the whole network, written whole (`gpt`, `recurrent`).
            Layer::Gpt(_) | Layer::Rnn(_) => {
                return Err(Error::Shape(
                    "a gpt or an rnn is the whole network, not one of its layers".into(),
                ))
            }
        }
        Ok(())
    }
}
