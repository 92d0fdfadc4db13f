//! A recurrent network ("the cook who reads one character at a time and keeps a note"): a token
//! embedding, a recurrent cell (`nn::rnn_cell`, tanh or GRU) unrolled over the window, and a
//! dense head giving, at every position, the logits of the next token. Trained by
//! backpropagation through time: the state's gradient flows from the last position back to the
//! first, each step adding the gradient of its own prediction.
//!
//! Shapes: `tokens` is `N × T` ids (stored as f32), `logits` `N·T × V`; inside, positions come
//! first (`T × N`: the `N` windows' rows of one step are together, so that each step is one
//! matrix product). With `H` units and `G` parts per unit (`RnnCell::gates`):
//! `x_t = E[token_t]` (`H`), `a_t = W_x x_t + b_x` (`G·H`, for every position at once),
//! `c_t = W_h h_{t−1} + b_h` (`G·H`, one step at a time, `h_{−1} = 0`), `h_t = cell(a_t, c_t,
//! h_{t−1})`, `logits_t = W_o h_t + b_o`. Parameters, in order: the token table `V × H`, `W_x`
//! `G·H × H` and `b_x`, `W_h` `G·H × H` and `b_h`, the head `V × H` and `V`.

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::config::RnnCell;
use crate::error::{Error, Result};
use crate::kernels::{gemm, GemmBuffers, Output};
use crate::nn::dense::{matrix, matrix_mut, Dense};
use crate::nn::embedding::Embedding;
use crate::nn::rnn_cell;
use crate::nn::slot::Slot;

/// The sizes of a recurrent network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RnnShape {
    /// Tokens the model knows (`V`).
    pub vocabulary: usize,
    /// Positions in a window, the steps unrolled (`T`).
    pub context: usize,
    /// Width of the state and of the embedding (`H`).
    pub units: usize,
    pub cell: RnnCell,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rnn {
    pub shape: RnnShape,
    /// Token ids to rows of `H`, looked up one position at a time.
    pub token: Embedding,
    /// `x_t → a_t`.
    pub input: Dense,
    /// `h_{t−1} → c_t`.
    pub recurrent: Dense,
    /// `h_t → logits_t`.
    pub head: Dense,
    param_count: usize,
}

/// The values of a pass over up to `capacity` windows (every step's, for backpropagation
/// through time) and the backward pass's scratch: made once, so a training step allocates
/// nothing. `T·N` rows are position-major (row `t·N + i`: window `i` at step `t`).
#[derive(Clone, Debug)]
pub struct RnnValues {
    capacity: usize,
    /// `T·N`: the windows' token ids, position-major.
    ids: Vec<f32>,
    /// `T·N × H`: each position's embedding.
    inputs: Vec<f32>,
    /// `T·N × G·H`: `a`, `c`, and the cell's activated parts.
    from_input: Vec<f32>,
    from_state: Vec<f32>,
    gates: Vec<f32>,
    /// `(T + 1)·N × H`: the state before each step (the first all zeros), then after the last.
    states: Vec<f32>,
    /// `N·T × H`: the states after each step, window-major (the head's input), and their
    /// gradient.
    outputs: Vec<f32>,
    d_outputs: Vec<f32>,
    /// `N × H` twice: the state's gradient after a step and before it.
    d_state: [Vec<f32>; 2],
    /// `T·N × G·H`: the gradients of `a` and `c`.
    d_from_input: Vec<f32>,
    d_from_state: Vec<f32>,
    /// `T·N × H`: the embeddings' gradient.
    d_inputs: Vec<f32>,
    gemm: GemmBuffers,
}

impl RnnValues {
    pub fn new(rnn: &Rnn, capacity: usize) -> RnnValues {
        let RnnShape { context, units, .. } = rnn.shape;
        let rows = capacity * context;
        let width = rnn.width();
        RnnValues {
            capacity,
            ids: vec![0.0; rows],
            inputs: vec![0.0; rows * units],
            from_input: vec![0.0; rows * width],
            from_state: vec![0.0; rows * width],
            gates: vec![0.0; rows * width],
            states: vec![0.0; (rows + capacity) * units],
            outputs: vec![0.0; rows * units],
            d_outputs: vec![0.0; rows * units],
            d_state: [vec![0.0; capacity * units], vec![0.0; capacity * units]],
            d_from_input: vec![0.0; rows * width],
            d_from_state: vec![0.0; rows * width],
            d_inputs: vec![0.0; rows * units],
            gemm: GemmBuffers::new(rnn.largest_dimension(rows)),
        }
    }

    /// Floats `new` makes for `capacity` windows (None past u64): per window its ids, five
    /// `T × H` and five `T × G·H` buffers, the states' first row and the two state gradients;
    /// once, the matrix products' buffers.
    pub fn floats(rnn: &Rnn, capacity: u64) -> Option<u64> {
        let RnnShape { context, units, .. } = rnn.shape;
        let [t, h, w] = [context, units, rnn.width()].map(|x| x as u64);
        let window = t + 5 * t * h + 3 * h + 5 * t * w;
        let rows = usize::try_from(capacity.checked_mul(t)?).ok()?;
        let gemm = GemmBuffers::floats(rnn.largest_dimension(rows)) as u64;
        window.checked_mul(capacity)?.checked_add(gemm)
    }
}

impl Rnn {
    /// The model of `shape`, refused when a size is 0.
    pub fn new(shape: RnnShape) -> Result<Rnn> {
        let RnnShape {
            vocabulary: v,
            context: t,
            units: h,
            cell,
        } = shape;
        if [v, t, h].contains(&0) {
            return Err(Error::Shape(format!(
                "an RNN needs a vocabulary, a context and units of at least 1: {v}, {t}, {h}"
            )));
        }
        let mut count = 0;
        let token = Embedding {
            vocabulary: v,
            dims: h,
            context: 1,
            table: Slot::next(&mut count, v * h),
        };
        let width = cell.gates() * h;
        let input = Dense::new(h, width, &mut count);
        let recurrent = Dense::new(h, width, &mut count);
        let head = Dense::new(h, v, &mut count);
        Ok(Rnn {
            shape,
            token,
            input,
            recurrent,
            head,
            param_count: count,
        })
    }

    pub fn param_count(&self) -> usize {
        self.param_count
    }

    /// `G·H`: the pre-activations of one step.
    fn width(&self) -> usize {
        self.shape.cell.gates() * self.shape.units
    }

    /// The largest side of a matrix product over `rows` positions.
    fn largest_dimension(&self, rows: usize) -> usize {
        [rows, self.shape.vocabulary, self.width()]
            .into_iter()
            .max()
            .unwrap_or(0)
    }

    /// The slots of every matrix (what regularisation acts on, and whose gradient norms the
    /// history keeps): the token table, `W_x`, `W_h`, the head's weights.
    pub fn weight_slots(&self) -> Vec<Slot> {
        vec![
            self.token.table,
            self.input.weights,
            self.recurrent.weights,
            self.head.weights,
        ]
    }

    /// PyTorch's start: the token table from N(0, 1), every matrix from U(±1/√H), biases 0.
    pub fn init(&self, params: &mut [f32], rng: &mut ChaCha8Rng) {
        params.fill(0.0);
        let normal = Normal::new(0.0, 1.0).expect("a positive spread");
        let table = self.token.table.of_mut(params);
        table.iter_mut().for_each(|p| *p = normal.sample(rng));
        let bound = 1.0 / (self.shape.units as f32).sqrt();
        for layer in [&self.input, &self.recurrent, &self.head] {
            let weights = layer.weights.of_mut(params);
            weights
                .iter_mut()
                .for_each(|p| *p = rng.gen_range(-bound..=bound));
        }
    }

    /// The logits (`n·T × V`) of the next token at every position of the `n` windows of
    /// `tokens`; keeps in `values` what the backward pass needs.
    pub fn forward(
        &self,
        params: &[f32],
        tokens: &[f32],
        n: usize,
        values: &mut RnnValues,
        logits: &mut [f32],
    ) {
        assert!(
            n <= values.capacity,
            "values hold {} windows",
            values.capacity
        );
        let RnnShape { context, units, .. } = self.shape;
        let (rows, width) = (n * context, self.width());
        let v = values;
        for (i, window) in tokens.chunks_exact(context).take(n).enumerate() {
            for (t, &id) in window.iter().enumerate() {
                v.ids[t * n + i] = id;
            }
        }
        self.token.forward(params, &v.ids, &mut v.inputs, rows);
        self.input
            .forward(params, &v.inputs, &mut v.from_input, rows, &mut v.gemm);
        v.states[..n * units].fill(0.0);
        for t in 0..context {
            let (before, after) = v.states.split_at_mut((t + 1) * n * units);
            let (h_prev, h) = (&before[t * n * units..], &mut after[..n * units]);
            let step = t * n * width..(t + 1) * n * width;
            let c = &mut v.from_state[step.clone()];
            self.recurrent.forward(params, h_prev, c, n, &mut v.gemm);
            let parts = (
                &v.from_input[step.clone()],
                &v.from_state[step.clone()],
                h_prev,
            );
            rnn_cell::forward(self.shape.cell, units, parts, &mut v.gates[step], h);
        }
        // The head reads the states window by window, as the loss's rows are.
        for (row, out) in v.outputs.chunks_exact_mut(units).take(rows).enumerate() {
            let (i, t) = (row / context, row % context);
            out.copy_from_slice(&v.states[((t + 1) * n + i) * units..][..units]);
        }
        self.head
            .forward(params, &v.outputs, logits, rows, &mut v.gemm);
    }

    /// Given `d_logits` (`n·T × V`) for the last forward pass on `tokens`: adds every
    /// parameter's gradient into `grads`. Through time: the state's gradient after step `t` is
    /// its prediction's plus what step `t + 1` passed back.
    pub fn backward(
        &self,
        params: &[f32],
        grads: &mut [f32],
        d_logits: &[f32],
        n: usize,
        values: &mut RnnValues,
    ) {
        let RnnShape { context, units, .. } = self.shape;
        let (rows, width) = (n * context, self.width());
        let v = values;
        let d_outputs = Some(&mut v.d_outputs[..]);
        self.head.backward(
            params,
            grads,
            &v.outputs,
            d_logits,
            d_outputs,
            rows,
            &mut v.gemm,
        );
        let w_h = matrix(self.recurrent.weights.of(params), width, units);
        let [d_after, d_before] = &mut v.d_state;
        d_after[..n * units].fill(0.0);
        for t in (0..context).rev() {
            for (i, dh) in d_after.chunks_exact_mut(units).take(n).enumerate() {
                let d_out = &v.d_outputs[(i * context + t) * units..][..units];
                dh.iter_mut().zip(d_out).for_each(|(g, &d)| *g += d);
            }
            let step = t * n * width..(t + 1) * n * width;
            let h_prev = &v.states[t * n * units..][..n * units];
            let kept = (&v.from_state[step.clone()], h_prev, &v.gates[step.clone()]);
            let d_parts = (
                &mut v.d_from_input[step.clone()],
                &mut v.d_from_state[step.clone()],
            );
            let dh = &d_after[..n * units];
            rnn_cell::backward(self.shape.cell, units, kept, dh, d_parts, d_before);
            // dh₋ += d_c W_h (the zero state before the first step needs none).
            if t > 0 {
                let d_c = matrix(&v.d_from_state[step], n, width);
                let dh_prev = matrix_mut(d_before, n, units);
                gemm(d_c, w_h, dh_prev, Output::Accumulate, &mut v.gemm);
            }
            std::mem::swap(d_after, d_before);
        }
        // Every step's weights are the same: their gradients are summed over the steps at once.
        let h_prev = &v.states[..rows * units];
        self.recurrent.backward(
            params,
            grads,
            h_prev,
            &v.d_from_state,
            None,
            rows,
            &mut v.gemm,
        );
        let d_inputs = Some(&mut v.d_inputs[..]);
        let (inputs, d_a) = (&v.inputs, &v.d_from_input);
        self.input
            .backward(params, grads, inputs, d_a, d_inputs, rows, &mut v.gemm);
        self.token.backward(grads, &v.ids, &v.d_inputs, rows);
    }
}
