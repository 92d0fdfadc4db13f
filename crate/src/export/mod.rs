//! Writing a trained network out for other tools: a PyTorch (and NumPy) Python file.

mod base64;
mod gpt;
mod modules;
pub mod pytorch;
mod recurrent;
