//! Scalar versions of the kernels: the definition the fast paths are tested against.

use ndarray::{ArrayView2, ArrayViewMut2};

use super::Output;

/// `C = A·B` or `C += A·B`, one dot product per output, summed in index order.
pub fn gemm(a: ArrayView2<f32>, b: ArrayView2<f32>, mut c: ArrayViewMut2<f32>, output: Output) {
    for i in 0..a.nrows() {
        for j in 0..b.ncols() {
            let dot: f32 = (0..a.ncols()).map(|p| a[[i, p]] * b[[p, j]]).sum();
            c[[i, j]] = match output {
                Output::Overwrite => dot,
                Output::Accumulate => c[[i, j]] + dot,
            };
        }
    }
}
