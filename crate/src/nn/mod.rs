//! The network: layers, activations, losses and initialisation over flat buffers.

pub mod activation;
pub mod attention;
pub mod attention_heads;
pub mod conv2d;
pub mod dense;
pub mod dropout;
pub mod embedding;
pub mod gpt;
pub mod gpt_block;
pub mod init;
pub mod layer;
pub mod layer_norm;
pub mod loss;
pub mod mlp;
pub mod network;
pub mod pool;
pub mod position_embedding;
pub mod rnn;
pub mod rnn_cell;
pub mod shapes;
pub mod slot;
pub mod tensors;
pub mod workspace;
