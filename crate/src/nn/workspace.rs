//! The values flowing through a network for up to `capacity` points (and, for training, their
//! gradients and what the backward pass needs), and what such a workspace takes in bytes,
//! counted before it is made.

use crate::kernels::GemmBuffers;
use crate::nn::gpt::GptValues;
use crate::nn::network::Network;
use crate::nn::rnn::RnnValues;

/// Bytes of one f32 (and of one u32 index).
pub const FLOAT: u64 = 4;

/// The values (and optionally gradients) of every boundary for up to `capacity` points.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub(super) n: usize,
    capacity: usize,
    total_width: usize,
    with_grads: bool,
    pub(super) values: Vec<f32>,
    pub(super) grads: Vec<f32>,
    /// Unfolded patches and their gradient (the conv layers share them), then per example
    /// one mask value per dropout output (training workspaces only).
    pub(super) scratch: Vec<f32>,
    /// Where each max-pooling output's maximum was (training workspaces only).
    pub(super) argmax: Vec<u32>,
    pub(super) gemm: GemmBuffers,
    /// A GPT's values between its input and its logits (every block's, for the backward pass).
    pub(super) gpt: Option<GptValues>,
    /// An RNN's values between its input and its logits (every step's, for the backward pass).
    pub(super) rnn: Option<RnnValues>,
}

impl Workspace {
    pub fn new(network: &Network, capacity: usize, with_grads: bool) -> Workspace {
        let mut ws = Workspace {
            total_width: network.total_width(),
            with_grads,
            ..Workspace::default()
        };
        ws.grow(network, capacity);
        ws
    }

    /// Room for `capacity` points (never less than it had), keeping the values of the points
    /// it holds: a step stopped between phases goes on after a change of the batch size.
    pub fn grow(&mut self, network: &Network, capacity: usize) {
        let capacity = capacity.max(self.capacity);
        let floats = capacity * self.total_width;
        self.values.resize(floats, 0.0);
        // Only a training workspace keeps gradients, dropout masks and the maxima' places.
        if self.with_grads {
            self.grads.resize(floats, 0.0);
            self.argmax.resize(capacity * network.argmax_per_example, 0);
        }
        // The patches' gradient and the dropout masks serve the backward pass only.
        let scratch = if self.with_grads {
            2 * network.cols_len + capacity * network.masks_per_example
        } else {
            network.cols_len
        };
        self.scratch.resize(scratch, 0.0);
        self.gemm = GemmBuffers::new(network.largest_dimension().max(capacity));
        if let Some(gpt) = network.gpt() {
            // Its values are laid out by capacity: a larger one starts them anew (the trainer
            // runs a forward pass it needs again, see `Trainer::set_training`).
            if self.gpt.is_none() || capacity > self.capacity {
                self.gpt = Some(GptValues::new(gpt, capacity));
            }
        }
        if let Some(rnn) = network.rnn() {
            if self.rnn.is_none() || capacity > self.capacity {
                self.rnn = Some(RnnValues::new(rnn, capacity));
            }
        }
        self.capacity = capacity;
    }

    /// Back to holding no points, every value zero (a reset trainer's workspace is as new; a
    /// sequence model's kept values are all written by a forward pass before they are read).
    pub fn clear(&mut self) {
        self.n = 0;
        self.values.fill(0.0);
        self.grads.fill(0.0);
        self.scratch.fill(0.0);
        self.argmax.fill(0);
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

    /// A GPT's values of the last forward pass (its attention probabilities among them); None
    /// for other networks.
    pub fn gpt_values(&self) -> Option<&GptValues> {
        self.gpt.as_ref()
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

impl Network {
    /// Bytes of a workspace for `capacity` points as `Workspace::new` makes it, counted in
    /// u64 with checked arithmetic (None past it).
    pub fn workspace_bytes(&self, capacity: u64, with_grads: bool) -> Option<u64> {
        let width = self.total_width() as u64;
        let per_example = if with_grads {
            let kept = (self.masks_per_example + self.argmax_per_example) as u64;
            // Values and gradients, dropout masks and the maxima' places.
            width.checked_mul(2)?.checked_add(kept)?
        } else {
            width
        };
        let gemm = GemmBuffers::floats(
            self.largest_dimension()
                .max(usize::try_from(capacity).unwrap_or(usize::MAX)),
        ) as u64;
        let cols = self.cols_len as u64 * if with_grads { 2 } else { 1 };
        let sequence = match (self.gpt(), self.rnn()) {
            (Some(gpt), _) => GptValues::floats(gpt, capacity)?,
            (_, Some(rnn)) => RnnValues::floats(rnn, capacity)?,
            _ => 0,
        };
        let fixed = cols.checked_add(gemm)?.checked_add(sequence)?;
        per_example
            .checked_mul(capacity)?
            .checked_add(fixed)?
            .checked_mul(FLOAT)
    }
}

/// Bytes as a learner reads them: "1.2 GB", "256 MB", "12 KB".
pub fn bytes_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b >= KB * KB * KB {
        (b / (KB * KB * KB), "GB")
    } else if b >= KB * KB {
        (b / (KB * KB), "MB")
    } else {
        (b / KB, "KB")
    };
    if value < 10.0 && value.fract() != 0.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}
