//! A network's parameters as named tensors, in the order they lie in the parameter vector: the
//! learner's "seasonings", tensor by tensor (what it is, its shape, where it lives). A GPT's
//! are grouped by the box of its diagram (the two embeddings, each block's layer norms,
//! attention and MLP, the final layer norm, the head); a tied head's weights are the token
//! table, listed once, there. A recurrent network's are its token table, its cell's two
//! layers (from the input, from the last state) and its head. The list covers the parameter
//! vector exactly once.

use serde::Serialize;

use crate::nn::dense::Dense;
use crate::nn::gpt::Gpt;
use crate::nn::layer::Layer;
use crate::nn::layer_norm::LayerNorm;
use crate::nn::network::Network;
use crate::nn::rnn::Rnn;
use crate::nn::slot::Slot;

/// The box of a model's diagram a tensor belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Part {
    /// A GPT's token table (`V × d`).
    Tokens,
    /// A GPT's position table (`T × d`).
    Positions,
    /// A block's first layer norm (before attention).
    Ln1,
    Attention,
    /// A block's second layer norm (before the MLP).
    Ln2,
    Mlp,
    FinalNorm,
    /// A recurrent network's cell: its layer from the input and its layer from the last state.
    Cell,
    Head,
    /// A layer of any other network (dense, convolution, embedding).
    Layer,
}

/// What a tensor is within its part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// An embedding's rows, one per token (or position).
    Table,
    /// A layer norm's per-dimension scale and shift.
    Gain,
    Shift,
    /// Attention's Q, K and V projections side by side (`3d × d`), and their biases.
    QkvWeights,
    QkvBiases,
    /// Attention's output projection (`d × d`).
    OutputWeights,
    OutputBiases,
    /// The MLP's widening (`r·d × d`) and narrowing (`d × r·d`) layers.
    UpWeights,
    UpBiases,
    DownWeights,
    DownBiases,
    /// A recurrent cell's layer from the step's input (`G·H × H`, `G` gates) and from the state
    /// the last step left (`G·H × H`), and their biases.
    InputWeights,
    InputBiases,
    StateWeights,
    StateBiases,
    /// A dense or head layer's weights (`outputs × inputs`), a convolution's kernels
    /// (`out × in·k·k`).
    Weights,
    Biases,
}

/// One tensor of the parameters: `rows × cols` values, row-major, at `offset`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tensor {
    /// Its learner's layer (an index into `network().layers`).
    pub layer: usize,
    pub part: Part,
    /// Its GPT block, counted from 1 (none outside the blocks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    pub role: Role,
    /// In English, e.g. "block 1 · attention · Q,K,V weights" (the page names it in its own
    /// language from `part`, `block` and `role`).
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    pub offset: usize,
    pub length: usize,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Tokens => "token embedding",
            Part::Positions => "position embedding",
            Part::Ln1 => "layer norm 1",
            Part::Attention => "attention",
            Part::Ln2 => "layer norm 2",
            Part::Mlp => "MLP",
            Part::FinalNorm => "final layer norm",
            Part::Cell => "recurrent cell",
            Part::Head => "head",
            Part::Layer => "layer",
        }
    }
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Table => "table",
            Role::Gain => "gain",
            Role::Shift => "shift",
            Role::QkvWeights => "Q,K,V weights",
            Role::QkvBiases => "Q,K,V biases",
            Role::OutputWeights => "output weights",
            Role::OutputBiases => "output biases",
            Role::UpWeights => "up weights",
            Role::UpBiases => "up biases",
            Role::DownWeights => "down weights",
            Role::DownBiases => "down biases",
            Role::InputWeights => "input weights",
            Role::InputBiases => "input biases",
            Role::StateWeights => "state weights",
            Role::StateBiases => "state biases",
            Role::Weights => "weights",
            Role::Biases => "biases",
        }
    }
}

/// Builds the list, one tensor after another.
struct Listing {
    layer: usize,
    tensors: Vec<Tensor>,
}

impl Listing {
    fn push(&mut self, part: Part, block: Option<usize>, role: Role, rows: usize, slot: Slot) {
        let place = match (part, block) {
            (Part::Layer, _) => format!("layer {}", self.layer + 1),
            (_, Some(b)) => format!("block {b} · {}", part.name()),
            (_, None) => part.name().to_string(),
        };
        self.tensors.push(Tensor {
            layer: self.layer,
            part,
            block,
            role,
            name: format!("{place} · {}", role.name()),
            rows,
            cols: slot.length / rows.max(1),
            offset: slot.offset,
            length: slot.length,
        });
    }

    fn dense(&mut self, part: Part, block: Option<usize>, roles: [Role; 2], dense: &Dense) {
        self.push(part, block, roles[0], dense.outputs, dense.weights);
        self.push(part, block, roles[1], 1, dense.biases);
    }

    fn norm(&mut self, part: Part, block: Option<usize>, norm: &LayerNorm) {
        self.push(part, block, Role::Gain, 1, norm.gain);
        self.push(part, block, Role::Shift, 1, norm.bias);
    }

    fn gpt(&mut self, gpt: &Gpt) {
        let shape = gpt.shape;
        self.push(
            Part::Tokens,
            None,
            Role::Table,
            shape.vocabulary,
            gpt.token.table,
        );
        self.push(
            Part::Positions,
            None,
            Role::Table,
            shape.context,
            gpt.position.table,
        );
        for (k, block) in gpt.blocks.iter().enumerate() {
            let b = Some(k + 1);
            self.norm(Part::Ln1, b, &block.ln1);
            let (qkv, output) = (&block.attention.qkv, &block.attention.output);
            self.dense(Part::Attention, b, [Role::QkvWeights, Role::QkvBiases], qkv);
            self.dense(
                Part::Attention,
                b,
                [Role::OutputWeights, Role::OutputBiases],
                output,
            );
            self.norm(Part::Ln2, b, &block.ln2);
            let (fc, proj) = (&block.mlp.fc, &block.mlp.proj);
            self.dense(Part::Mlp, b, [Role::UpWeights, Role::UpBiases], fc);
            self.dense(Part::Mlp, b, [Role::DownWeights, Role::DownBiases], proj);
        }
        self.norm(Part::FinalNorm, None, &gpt.final_norm);
        let head = &gpt.head;
        if !shape.tied_head {
            self.push(Part::Head, None, Role::Weights, head.outputs, head.weights);
        }
        self.push(Part::Head, None, Role::Biases, 1, head.biases);
    }

    fn rnn(&mut self, rnn: &Rnn) {
        let table = rnn.token.table;
        self.push(Part::Tokens, None, Role::Table, rnn.shape.vocabulary, table);
        let (input, state) = (&rnn.input, &rnn.recurrent);
        self.dense(
            Part::Cell,
            None,
            [Role::InputWeights, Role::InputBiases],
            input,
        );
        self.dense(
            Part::Cell,
            None,
            [Role::StateWeights, Role::StateBiases],
            state,
        );
        self.dense(Part::Head, None, [Role::Weights, Role::Biases], &rnn.head);
    }
}

impl Network {
    /// Every tensor of the parameters, in the order of the parameter vector.
    pub fn tensors(&self) -> Vec<Tensor> {
        let mut list = Listing {
            layer: 0,
            tensors: Vec::new(),
        };
        for (layer, (_, l)) in self.learner_layers().enumerate() {
            list.layer = layer;
            let roles = [Role::Weights, Role::Biases];
            match l {
                Layer::Dense(d) => list.dense(Part::Layer, None, roles, d),
                Layer::Conv2d(c) => {
                    list.push(Part::Layer, None, roles[0], c.out_channels, c.weights);
                    list.push(Part::Layer, None, roles[1], 1, c.biases);
                }
                Layer::Embedding(e) => {
                    list.push(Part::Layer, None, Role::Table, e.vocabulary, e.table)
                }
                Layer::Gpt(gpt) => list.gpt(gpt),
                Layer::Rnn(rnn) => list.rnn(rnn),
                _ => {}
            }
        }
        list.tensors
    }
}
