//! The network: layers, activations, losses and initialisation over flat buffers.

pub mod activation;
pub mod conv2d;
pub mod dense;
pub mod dropout;
pub mod embedding;
pub mod init;
pub mod layer;
pub mod loss;
pub mod network;
pub mod pool;
pub mod shapes;
pub mod slot;
pub mod workspace;
