//! Where the shipped data files live (`crate/data/`, see its LICENSE.md). The wasm module does
//! not embed them (they are larger than the code): the page fetches them from its own origin
//! and hands the bytes over. Native builds read them from disk.

#[cfg(not(target_arch = "wasm32"))]
use crate::error::{Error, Result};

/// The folder of the data files, relative to the repository root (the page fetches from it).
pub const DATA_DIR: &str = "crate/data";

/// Reads a shipped file from `crate/data` (native builds: the command line and the tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn read_shipped(file: &str) -> Result<Vec<u8>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(file);
    std::fs::read(&path).map_err(|e| Error::Parse(format!("cannot read {}: {e}", path.display())))
}
