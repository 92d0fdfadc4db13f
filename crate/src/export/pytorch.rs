//! The PyTorch export: one self-contained Python file that rebuilds a trained network with
//! `torch.nn` and with NumPy alone, carries its weights and the first test examples with the
//! page's predictions for them, and, run, checks both forward passes against those predictions.
//!
//! Arrays travel as base64 of little-endian values: weights as float32 (the page's own numbers),
//! images as their bytes (the page reads pixel / 255), token ids as int32.

use std::fmt::Write;

use super::base64;
use super::modules::{link, modules, Module, Tensor};
use super::{gpt, recurrent};
use crate::config::{name_of, Config, DataMode, LossKind};
use crate::error::Result;
use crate::nn::network::Network;

/// Test predictions a file carries for its check, of the first test examples (an image set's
/// are the ones its test figure measures; a sequence model's windows make one per position).
/// About 1 MB of base64 for 28 × 28 images.
pub const CHECKED_EXAMPLES: usize = 1000;

/// Largest difference between a prediction of the file and the page's that still agrees.
pub const TOLERANCE: f32 = 1e-4;

/// Characters of base64 per line of the file.
const LINE: usize = 96;

/// What an export is made of: the trained network and its first test examples, their inputs as
/// the network reads them (`count × widths[0]`) and the page's predictions for them.
pub struct Export<'a> {
    pub config: &'a Config,
    pub network: &'a Network,
    pub params: &'a [f32],
    /// Epoch and step the parameters were reached at.
    pub epoch: u64,
    pub step: u64,
    pub inputs: &'a [f32],
    pub predictions: &'a [f32],
    /// Examples in the whole test set.
    pub test_size: usize,
    /// A text network's tokens, by id.
    pub tokens: Option<Vec<String>>,
}

impl Export<'_> {
    fn count(&self) -> usize {
        self.inputs.len() / self.network.widths()[0].max(1)
    }

    /// One example's input shape as torch reads it: `(C, H, W)`, `(features,)` or `(k,)`.
    fn input_shape(&self) -> Vec<usize> {
        match self.config.input_shape() {
            Some((c, h, w)) => vec![c, h, w],
            None => vec![self.network.widths()[0]],
        }
    }
}

/// The code written for one network: `numpy_forward(x)`, the torch.nn.Module `Network` (whose
/// `logits(x)` the link turns into the page's prediction), and the tensors they read.
pub struct Code {
    pub python: String,
    pub tensors: Vec<Tensor>,
}

/// A GPT's code, a recurrent network's, or a stack of layers'.
fn code(export: &Export) -> Result<Code> {
    let network = export.network;
    if let Some(gpt) = network.gpt() {
        return Ok(gpt::code(gpt));
    }
    if let Some(rnn) = network.rnn() {
        return Ok(recurrent::code(rnn, &link(export.config.loss)));
    }
    let modules = modules(network, &export.input_shape())?;
    Ok(Code {
        python: numpy_forward(export, &modules) + &torch_network(export, &modules),
        tensors: modules.into_iter().flat_map(|m| m.tensors).collect(),
    })
}

/// The Python file of an export.
pub fn write(export: &Export) -> Result<String> {
    let code = code(export)?;
    let mut file = String::new();
    file.push_str(&header(export));
    file.push_str(PREAMBLE);
    file.push_str(&code.python);
    file.push_str("\n\n");
    file.push_str(include_str!("numpy_layers.py"));
    file.push_str("\n\n");
    file.push_str(include_str!("check.py"));
    file.push_str(&data(export, &code.tensors));
    file.push_str("\n\nif __name__ == \"__main__\":\n    sys.exit(main(sys.argv[1:]))\n");
    Ok(file)
}

const PREAMBLE: &str = r#"
import base64
import json
import sys
from collections import OrderedDict

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

try:
    import torch
    from torch import nn
except ImportError:  # NumPy alone still checks the forward pass.
    torch = None

"#;

/// What one example's input is, in words.
fn inputs_text(export: &Export) -> String {
    let config = export.config;
    match config.dataset.mode() {
        DataMode::Points => {
            let names: Vec<&str> = config.features.iter().map(|f| f.name()).collect();
            format!(
                "the features of a point (x1, x2): {}, in that order",
                names.join(", ")
            )
        }
        DataMode::Images => {
            let shape = export.input_shape();
            format!(
                "an image's pixels / 255, {} x {} x {} (C x H x W)",
                shape[0], shape[1], shape[2]
            )
        }
        DataMode::Tensors => "a tensor of the page's caller, C x H x W".into(),
        DataMode::Text if export.network.is_sequence_model() => format!(
            "a window of {} token ids; the next token is predicted at each position (TOKENS\n\
             names every id; id 0, \"\", is the boundary between documents)",
            config.context
        ),
        DataMode::Text => format!(
            "the ids of the {} tokens before the one to predict, in order (TOKENS names every id;\n\
             id 0, \"\", is the boundary between documents)",
            config.context
        ),
    }
}

fn header(export: &Export) -> String {
    let classes = link(export.config.loss).what;
    let dataset = name_of(&export.config.dataset);
    let (count, test_size) = (export.count(), export.test_size);
    format!(
        r#"#!/usr/bin/env python3
"""A Neural Kitchen network trained on "{dataset}" (epoch {epoch}, step {step}), with its weights.

The network is rebuilt twice: `Network`, a torch.nn.Module (when PyTorch is installed), and
`numpy_forward`, the same forward pass in NumPy alone. Both give what the page predicts:
{classes}.

Running this file checks both against the page's own predictions, which it carries, for the
first {count} of the {test_size} test examples:

    pip install numpy torch        # torch is optional: without it only NumPy is checked
    python3 {{this file}}
    python3 {{this file}} --model neural-kitchen-model.json   # the weights of a saved model file

It prints how many predictions agree and the largest difference, and exits with 1 when any
differs by more than {TOLERANCE} (or picks another class, unless the page's own two classes tie).

An example's input is
{inputs}.

Layouts: the page keeps a dense layer's weights as [out, in] and a convolution's as
[out, in, kh, kw] (channel, kernel row, kernel column): torch's nn.Linear and nn.Conv2d layouts,
so they load as they are. Images are N x C x H x W (NCHW) on both sides, and flattening reads
them channel by channel, row by row, as torch's nn.Flatten. An embedding's table is
[vocabulary, dims], as nn.Embedding's. Dropout is the identity here (evaluation).{recurrent}

To train on in PyTorch, take the logits, `network.logits(x)`:
{loss_hint}.
"""
"#,
        epoch = export.epoch,
        step = export.step,
        inputs = inputs_text(export),
        recurrent = if export.network.is_sequence_model() {
            "\nA recurrent cell's weights are [gates x units, units], a GRU's gates in torch's order\n\
             (reset, update, new), as nn.GRU's and nn.RNN's weight_ih_l0 and weight_hh_l0. A GPT's\n\
             qkv weights are [3d, d]: Q, K and V side by side, head h in columns h * d / heads of\n\
             each. A sequence model predicts at every position: a row per position."
        } else {
            ""
        },
        loss_hint = match export.config.loss {
            LossKind::CrossEntropy => "nn.CrossEntropyLoss() applies the softmax itself",
            LossKind::BinaryCrossEntropy => "nn.BCEWithLogitsLoss() applies the sigmoid itself",
            LossKind::Mse => "0.5 * nn.MSELoss() of them is the page's least squares",
        },
    )
}

fn numpy_forward(export: &Export, modules: &[Module]) -> String {
    let link = link(export.config.loss);
    let input = shape_text(&export.input_shape());
    let outputs = export.network.widths().last().copied().unwrap_or(0);
    let mut text = format!(
        "\ndef numpy_forward(x):\n    \"\"\"The page's forward pass in NumPy: x {input} -> (N, {outputs}),\n    {}.\"\"\"\n",
        link.what
    );
    for m in modules {
        let _ = writeln!(text, "    # {}: {}\n    {}", m.name, m.shapes, m.numpy);
    }
    let _ = writeln!(text, "    return {}\n", link.numpy);
    text
}

fn torch_network(export: &Export, modules: &[Module]) -> String {
    let link = link(export.config.loss);
    let entries: Vec<String> = modules
        .iter()
        .map(|m| format!("(\"{}\", {}),", m.name, m.torch))
        .collect();
    // The shapes' comments in one column.
    let column = entries.iter().map(String::len).max().unwrap_or(0) + 2;
    let mut layers = String::new();
    for (entry, m) in entries.iter().zip(modules) {
        let _ = writeln!(layers, "                {entry:<column$}# {}", m.shapes);
    }
    format!(
        r#"
if torch is not None:

    class Network(nn.Module):
        """The page's network as torch.nn modules; forward(x) gives {what}."""

        def __init__(self):
            super().__init__()
            self.layers = nn.Sequential(OrderedDict([
{layers}            ]))

        def logits(self, x):
            return self.layers(x)

        def forward(self, x):
            x = self.logits(x)
            return {torch_link}
"#,
        what = link.what,
        torch_link = link.torch,
    )
}

/// `(N, 1, 28, 28)` for one example's `[1, 28, 28]`.
fn shape_text(shape: &[usize]) -> String {
    let sides: Vec<String> = shape.iter().map(usize::to_string).collect();
    format!("(N, {})", sides.join(", "))
}

/// A Python tuple of `shape`.
fn tuple(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => {
            let sides: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", sides.join(", "))
        }
    }
}

/// `array(dtype, shape, (…base64 lines…))`, indented by `indent`.
fn array(dtype: &str, shape: &[usize], bytes: &[u8], indent: &str) -> String {
    let encoded = base64::encode(bytes);
    let mut text = format!("array(\"{dtype}\", {}, (\n", tuple(shape));
    // base64 is ASCII: any byte is a character boundary.
    for line in encoded.as_bytes().chunks(LINE) {
        let line = std::str::from_utf8(line).expect("base64 is ASCII");
        let _ = writeln!(text, "{indent}    \"{line}\"");
    }
    if encoded.is_empty() {
        let _ = writeln!(text, "{indent}    \"\"");
    }
    let _ = write!(text, "{indent}))");
    text
}

fn floats(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The test inputs as Python: token ids as int32; values that are all bytes / 255 (images) as
/// the bytes; any others as float32. Each decodes to exactly the page's values.
fn inputs_array(export: &Export) -> String {
    let mut shape = vec![export.count()];
    shape.extend(export.input_shape());
    let values = export.inputs;
    if export.config.dataset.mode() == DataMode::Text {
        let ids: Vec<u8> = values
            .iter()
            .flat_map(|&v| (v as i32).to_le_bytes())
            .collect();
        return format!("{}.astype(np.int64)", array("<i4", &shape, &ids, ""));
    }
    let pixel = |v: f32| {
        let byte = (v * 255.0).round();
        ((0.0..=255.0).contains(&byte) && f32::from(byte as u8) / 255.0 == v).then_some(byte as u8)
    };
    match values
        .iter()
        .map(|&v| pixel(v))
        .collect::<Option<Vec<u8>>>()
    {
        Some(bytes) => format!(
            "{}.astype(np.float32) / np.float32(255)",
            array("u1", &shape, &bytes, "")
        ),
        None => array("<f4", &shape, &floats(values), ""),
    }
}

/// How the check compares classes: the largest output, the sigmoid past ½, or none
/// (regression).
fn classes(export: &Export) -> &'static str {
    let loss = export.network.loss();
    match (loss.classification, loss.width) {
        (false, _) => "none",
        (true, 1) => "threshold",
        _ => "argmax",
    }
}

fn data(export: &Export, tensors: &[Tensor]) -> String {
    let mut text = String::from(
        "\n\n# --- The data: the trained weights by their torch names, and the first test examples ---\n\n",
    );
    let _ = writeln!(text, "TOLERANCE = {TOLERANCE}");
    let _ = writeln!(text, "CLASSES = \"{}\"", classes(export));
    if let Some(tokens) = &export.tokens {
        let tokens = serde_json::to_string(tokens).unwrap_or_default();
        let _ = writeln!(text, "TOKENS = {tokens}");
    }
    text.push_str("\nW = {\n");
    for tensor in tensors {
        let values = floats(tensor.slot.of(export.params));
        let value = array("<f4", &tensor.shape, &values, "    ");
        let _ = writeln!(text, "    \"{}\": {value},", tensor.name);
    }
    text.push_str("}\n\n");
    // Where each tensor starts in a model file's "params" (a tied head shares the token table's).
    text.push_str("PARAM_OFFSETS = {\n");
    for tensor in tensors {
        let _ = writeln!(text, "    \"{}\": {},", tensor.name, tensor.slot.offset);
    }
    let _ = writeln!(text, "}}\nPARAM_COUNT = {}\n", export.params.len());
    let _ = writeln!(text, "TEST_INPUTS = {}\n", inputs_array(export));
    // A row per prediction: a sequence model predicts at each position of its window.
    let positions = export.network.positions();
    let width = export.network.widths().last().copied().unwrap_or(0) / positions;
    let shape = [export.count() * positions, width];
    let predictions = array("<f4", &shape, &floats(export.predictions), "");
    let _ = writeln!(text, "PAGE_PREDICTIONS = {predictions}");
    text
}
