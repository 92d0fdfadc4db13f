//! Neural Kitchen: a small neural-network trainer that shows every phase of a training step.
//!
//! The core (everything but `web`) knows nothing of the browser: `Trainer` runs forward, loss,
//! backward and update over flat buffers that the page reads without copies. `web` is the thin
//! wasm-bindgen layer the page calls.

pub mod config;
pub mod data;
pub mod error;
pub mod export;
pub mod kernels;
pub mod nn;
pub mod optimizer;
pub mod phase;
pub mod presets;
pub mod schema;
pub mod seed;
pub mod trainer;
pub mod web;

pub use config::Config;
pub use error::{Error, Result};
pub use phase::Phase;
pub use trainer::Trainer;
