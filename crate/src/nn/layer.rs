//! One step of a network's stack: a layer with parameters (dense, convolution, embedding), an
//! activation, or a reshaping layer (pooling, flatten, dropout). The network runs them in order.

use crate::config::Activation;
use crate::nn::conv2d::Conv2d;
use crate::nn::dense::Dense;
use crate::nn::embedding::Embedding;
use crate::nn::pool::Pool2d;

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
}
