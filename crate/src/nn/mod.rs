//! The network: layers, activations, losses and initialisation over flat buffers.

pub mod activation;
pub mod dense;
pub mod init;
pub mod loss;
pub mod network;
pub mod slot;
