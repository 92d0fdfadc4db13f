//! A tiny GPT: token and position embeddings, a stack of transformer blocks, a final layer norm
//! and a linear head giving, at every position of a window, the logits of the next token.
//!
//! Shapes: `tokens` is `N × T` ids (stored as f32, as every text input of the project), the
//! residual stream `N × T × d`, `logits` `N·T × V`. Parameters, in order: token table `V × d`,
//! position table `T × d`, the blocks, the final layer norm, and the head (`V × d` + `V`).
//!
//! The head can be tied to the token embedding (`tied_head`): its weights are then the token
//! table itself (a `Dense` over `d → V` stores `V × d`, the table's layout), so the slot is
//! shared and both uses add their gradients into it; only the head's bias is its own.

use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::error::{Error, Result};
use crate::kernels::GemmBuffers;
use crate::nn::dense::Dense;
use crate::nn::embedding::Embedding;
use crate::nn::gpt_block::{Block, BlockValues};
use crate::nn::layer_norm::LayerNorm;
use crate::nn::position_embedding::PositionEmbedding;
use crate::nn::slot::Slot;

/// The sizes of a GPT.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GptShape {
    /// Tokens the model knows (`V`).
    pub vocabulary: usize,
    /// Positions in a window (`T`).
    pub context: usize,
    /// Width of the residual stream (`d`).
    pub dims: usize,
    /// Attention heads per block (a divisor of `dims`).
    pub heads: usize,
    /// Blocks.
    pub layers: usize,
    /// The MLP's hidden width over `dims` (`r`).
    pub mlp_ratio: usize,
    /// Whether the head's weights are the token table.
    pub tied_head: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gpt {
    pub shape: GptShape,
    pub token: Embedding,
    pub position: PositionEmbedding,
    pub blocks: Vec<Block>,
    pub final_norm: LayerNorm,
    pub head: Dense,
    param_count: usize,
}

/// The values of a pass over up to `capacity` windows (every block's, for the backward pass)
/// and the backward pass's scratch: made once, so that a training step allocates nothing.
#[derive(Clone, Debug)]
pub struct GptValues {
    capacity: usize,
    /// `(layers + 1) × N × T × d`: the residual stream entering each block, then leaving the last.
    residual: Vec<f32>,
    pub blocks: Vec<BlockValues>,
    final_stats: Vec<f32>,
    /// `N·T × d`: the final layer norm's output (the head's input) and its gradient.
    final_out: Vec<f32>,
    d_final_out: Vec<f32>,
    /// `N·T × d` twice: the residual stream's gradient leaving and entering a block.
    d_stream: [Vec<f32>; 2],
    pub gemm: GemmBuffers,
}

impl GptValues {
    pub fn new(gpt: &Gpt, capacity: usize) -> GptValues {
        let GptShape {
            vocabulary,
            context,
            dims,
            mlp_ratio,
            ..
        } = gpt.shape;
        let rows = capacity * context;
        let stream = rows * dims;
        let largest = [rows, vocabulary, 3 * dims, mlp_ratio * dims];
        GptValues {
            capacity,
            residual: vec![0.0; (gpt.blocks.len() + 1) * stream],
            blocks: gpt
                .blocks
                .iter()
                .map(|b| BlockValues::new(b, capacity))
                .collect(),
            final_stats: vec![0.0; 2 * rows],
            final_out: vec![0.0; stream],
            d_final_out: vec![0.0; stream],
            d_stream: [vec![0.0; stream], vec![0.0; stream]],
            gemm: GemmBuffers::new(largest.into_iter().max().unwrap_or(0)),
        }
    }

    /// Floats `new` makes for `capacity` windows (None past u64): per window the residual
    /// streams, each block's kept values and scratch, the final layer norm's; once, each
    /// block's score gradients of one query (`T`) and the matrix products' buffers.
    pub fn floats(gpt: &Gpt, capacity: u64) -> Option<u64> {
        let GptShape {
            vocabulary,
            context,
            dims,
            heads,
            layers,
            mlp_ratio,
            ..
        } = gpt.shape;
        let [t, d, h, l, r] = [context, dims, heads, layers, mlp_ratio].map(|x| x as u64);
        let td = t * d;
        // Per block: two layer norms' statistics, 13 rows of d (layer norm outputs, the stream
        // between the halves and its gradient, attention's projections, heads' outputs and
        // their gradients), the attention probabilities and the MLP's three hidden buffers.
        let block = 4 * t + 13 * td + h * t * t + 3 * r * td;
        let window = (l + 1) * td + l * block + 2 * t + 4 * td;
        let rows = usize::try_from(capacity.checked_mul(t)?).ok()?;
        let largest = [rows, vocabulary, 3 * dims, mlp_ratio * dims];
        let gemm = GemmBuffers::floats(largest.into_iter().max().unwrap_or(0)) as u64;
        window.checked_mul(capacity)?.checked_add(l * t + gemm)
    }

    /// The residual stream entering block `k` (`k = layers`: leaving the last), for the windows
    /// of the last forward pass.
    pub fn stream(&self, k: usize) -> &[f32] {
        let floats = self.residual.len() / (self.blocks.len() + 1);
        &self.residual[k * floats..][..floats]
    }
}

impl Gpt {
    /// The model of `shape`, refused when its heads do not divide its width.
    pub fn new(shape: GptShape) -> Result<Gpt> {
        let GptShape {
            vocabulary: v,
            context: t,
            dims: d,
            heads,
            ..
        } = shape;
        if [v, t, d, heads, shape.mlp_ratio].contains(&0) || d % heads != 0 {
            return Err(Error::Shape(format!(
                "a GPT needs a vocabulary, a context, a width, heads and an MLP ratio of at \
                 least 1, and heads that divide the width: {heads} heads of width {d}"
            )));
        }
        let mut count = 0;
        let token = Embedding {
            vocabulary: v,
            dims: d,
            context: t,
            table: Slot::next(&mut count, v * d),
        };
        let position = PositionEmbedding::new(t, d, &mut count);
        let blocks = (0..shape.layers)
            .map(|_| Block::new(t, d, heads, shape.mlp_ratio, &mut count))
            .collect();
        let final_norm = LayerNorm::new(d, &mut count);
        let head = if shape.tied_head {
            Dense {
                inputs: d,
                outputs: v,
                weights: token.table,
                biases: Slot::next(&mut count, v),
            }
        } else {
            Dense::new(d, v, &mut count)
        };
        Ok(Gpt {
            shape,
            token,
            position,
            blocks,
            final_norm,
            head,
            param_count: count,
        })
    }

    pub fn param_count(&self) -> usize {
        self.param_count
    }

    /// The slots of every matrix and table (what regularisation acts on, and whose gradient
    /// norms the history keeps): the token and position tables, each block's four
    /// projections, and the head's weights unless they are the token table.
    pub fn weight_slots(&self) -> Vec<Slot> {
        let mut slots = vec![self.token.table, self.position.table];
        for block in &self.blocks {
            slots.extend([
                block.attention.qkv.weights,
                block.attention.output.weights,
                block.mlp.fc.weights,
                block.mlp.proj.weights,
            ]);
        }
        if !self.shape.tied_head {
            slots.push(self.head.weights);
        }
        slots
    }

    /// GPT-2's start: weights and tables from N(0, 0.02²), the projections into the residual
    /// stream scaled by 1/√(2·layers) (so that the stream's variance does not grow with depth),
    /// biases 0, layer norms the identity.
    pub fn init(&self, params: &mut [f32], rng: &mut ChaCha8Rng) {
        params.fill(0.0);
        let residual_std = 0.02 / (2.0 * self.blocks.len().max(1) as f32).sqrt();
        let mut weights = vec![(self.token.table, 0.02), (self.position.table, 0.02)];
        for block in &self.blocks {
            weights.extend([
                (block.attention.qkv.weights, 0.02),
                (block.attention.output.weights, residual_std),
                (block.mlp.fc.weights, 0.02),
                (block.mlp.proj.weights, residual_std),
            ]);
        }
        if !self.shape.tied_head {
            weights.push((self.head.weights, 0.02));
        }
        for (slot, std) in weights {
            let normal = Normal::new(0.0, std).expect("a positive spread");
            slot.of_mut(params)
                .iter_mut()
                .for_each(|p| *p = normal.sample(rng));
        }
        let norms = self.blocks.iter().flat_map(|b| [&b.ln1, &b.ln2]);
        norms.chain([&self.final_norm]).for_each(|n| n.init(params));
    }

    /// The logits (`n·T × V`) of the next token at every position of the `n` windows of
    /// `tokens`; keeps in `values` what the backward pass needs.
    pub fn forward(
        &self,
        params: &[f32],
        tokens: &[f32],
        n: usize,
        values: &mut GptValues,
        logits: &mut [f32],
    ) {
        assert!(
            n <= values.capacity,
            "values hold {} windows",
            values.capacity
        );
        let rows = n * self.shape.context;
        let stream = values.residual.len() / (self.blocks.len() + 1);
        let (first, _) = values.residual.split_at_mut(stream);
        self.token.forward(params, tokens, first, n);
        self.position.forward(params, first, n);
        for (k, block) in self.blocks.iter().enumerate() {
            let (before, after) = values.residual.split_at_mut((k + 1) * stream);
            let x = &before[k * stream..];
            let bv = &mut values.blocks[k];
            block.forward(params, x, &mut after[..stream], n, bv, &mut values.gemm);
        }
        let last = &values.residual[self.blocks.len() * stream..];
        let (out, stats) = (&mut values.final_out, &mut values.final_stats);
        self.final_norm.forward(params, last, out, stats, rows);
        self.head
            .forward(params, out, logits, rows, &mut values.gemm);
    }

    /// Given `d_logits` (`n·T × V`) for the last forward pass on `tokens`: adds every
    /// parameter's gradient into `grads`.
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        tokens: &[f32],
        d_logits: &[f32],
        n: usize,
        values: &mut GptValues,
    ) {
        let rows = n * self.shape.context;
        let stream = values.residual.len() / (self.blocks.len() + 1);
        let v = values;
        let d_out = Some(&mut v.d_final_out[..]);
        self.head.backward(
            params,
            grads,
            &v.final_out,
            d_logits,
            d_out,
            rows,
            &mut v.gemm,
        );
        let [d_leaving, d_entering] = &mut v.d_stream;
        d_leaving[..rows * self.shape.dims].fill(0.0);
        let last = &v.residual[self.blocks.len() * stream..];
        let (stats, d_out) = (&v.final_stats, &v.d_final_out);
        self.final_norm
            .backward(params, grads, last, stats, d_out, d_leaving, rows);
        for (k, block) in self.blocks.iter().enumerate().rev() {
            let x = &v.residual[k * stream..][..stream];
            let bv = &mut v.blocks[k];
            block.backward(params, grads, x, d_leaving, d_entering, n, bv, &mut v.gemm);
            std::mem::swap(d_leaving, d_entering);
        }
        self.position.backward(grads, d_leaving, n);
        self.token.backward(grads, tokens, d_leaving, n);
    }
}
