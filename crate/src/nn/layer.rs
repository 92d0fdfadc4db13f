//! One step of a network's stack: a layer with parameters (dense, convolution, embedding), an
//! activation, or a reshaping layer (pooling, flatten, dropout); or a whole sequence model (a
//! GPT, an RNN), token ids in and every position's logits out. The network runs them in order.

use crate::config::Activation;
use crate::nn::conv2d::Conv2d;
use crate::nn::dense::Dense;
use crate::nn::embedding::Embedding;
use crate::nn::gpt::Gpt;
use crate::nn::pool::Pool2d;
use crate::nn::rnn::Rnn;

#[derive(Clone, Debug, PartialEq)]
pub enum Layer {
    Dense(Dense),
    Activation(Activation),
    Conv2d(Conv2d),
    Pool(Pool2d),
    /// `C × H × W` seen as `C·H·W × 1 × 1`: the values stay where they are.
    Flatten,
    /// Dropout with this rate (see `nn::dropout`).
    Dropout(f32),
    /// Token ids to their rows of a table (text networks, first layer).
    Embedding(Embedding),
    /// A window of `T` token ids to `T × V` logits, the next token's at every position (a text
    /// network's only layer). Its values live in the workspace's `GptValues`.
    Gpt(Box<Gpt>),
    /// The same, by a recurrent network unrolled over the window. Its values live in the
    /// workspace's `RnnValues`.
    Rnn(Box<Rnn>),
}
