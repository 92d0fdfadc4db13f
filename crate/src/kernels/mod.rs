//! The fast paths of training: matrix multiplication `C = A·B (+ C)` for dense layers and
//! convolutions. Each has a plain scalar version (`reference`) that the tests compare it with.
//!
//! `gemm` packs blocks of `A` and `B` into buffers made once (`GemmBuffers`), so a training
//! step allocates nothing, and runs a register-blocked micro-kernel over them: SIMD128
//! intrinsics in wasm, and on x86-64 the same loops compiled for AVX2 + FMA when the CPU has
//! them (see `micro`). Products too small to repay packing take a direct loop (`small`).

mod micro;
mod packed;
pub mod reference;
mod small;
mod strided;

use ndarray::{ArrayView2, ArrayViewMut2};

pub use packed::GemmBuffers;
use strided::Strided;

/// Whether `gemm` overwrites `C` or adds to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Overwrite,
    Accumulate,
}

/// `C = A·B` or `C += A·B`. `A` is `m × k`, `B` is `k × n`, `C` is `m × n`; any strides (a
/// transposed view is a view with swapped strides).
pub fn gemm(
    a: ArrayView2<f32>,
    b: ArrayView2<f32>,
    c: ArrayViewMut2<f32>,
    output: Output,
    buffers: &mut GemmBuffers,
) {
    assert_eq!(a.ncols(), b.nrows(), "gemm: inner dimensions differ");
    assert_eq!(
        (a.nrows(), b.ncols()),
        c.dim(),
        "gemm: output shape differs"
    );
    let (m, k) = a.dim();
    let n = b.ncols();
    let mut c = c;
    if m == 0 || n == 0 || k == 0 {
        if output == Output::Overwrite {
            c.fill(0.0);
        }
        return;
    }
    let (a, b) = (Strided::of(a), Strided::of(b));
    let c = c.as_slice_mut().expect("gemm writes a row-major C");
    if m * n * k < small::SMALL {
        small::gemm(a, b, (m, n, k), c, output);
    } else {
        packed::gemm((a, b), (m, n, k), c, output, buffers);
    }
}
