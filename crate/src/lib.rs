//! Neural Kitchen: a small neural-network trainer that shows every phase of a training step.
//!
//! The core (everything but `web`) knows nothing of the browser: `Trainer` runs forward, loss,
//! backward and update over flat buffers that the page reads without copies. `web` is the thin
//! wasm-bindgen layer the page calls.

pub mod config;
pub mod dataset;
pub mod drawing;
pub mod error;
pub mod examples;
pub mod history;
pub mod images;
pub mod kernels;
pub mod model_file;
pub mod nn;
pub mod optimizer;
pub mod phase;
pub mod presets;
pub mod seed;
pub mod tensors;
pub mod trainer;
pub mod web;

pub use config::Config;
pub use error::{Error, Result};
pub use phase::Phase;
pub use trainer::Trainer;
