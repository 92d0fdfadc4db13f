//! The fast paths of training: matrix multiplication `C = A·B (+ C)` for dense layers and
//! convolutions. Each has a plain scalar version (`reference`) that the tests compare it with.
//!
//! `gemm` packs blocks of `A` and `B` into buffers made once (`GemmBuffers`), so a training
//! step allocates nothing, and runs a register-blocked micro-kernel over them: SIMD128
//! intrinsics in wasm, and on x86-64 the same loops compiled for AVX2 + FMA when the CPU has
//! them (see `micro`).

mod micro;
mod packed;
pub mod reference;

use ndarray::{ArrayView2, ArrayViewMut2};

pub use packed::GemmBuffers;

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
    packed::gemm(a, b, c, output, buffers);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random(rows: usize, cols: usize, rng: &mut ChaCha8Rng) -> Array2<f32> {
        Array2::from_shape_fn((rows, cols), |_| rng.gen_range(-1.0..1.0))
    }

    /// Compares `gemm` with the reference for `A` (`m × k`) and `B` (`k × n`) stored either
    /// way round, overwriting and accumulating; one set of buffers serves every size.
    fn check(m: usize, n: usize, k: usize, buffers: &mut GemmBuffers, rng: &mut ChaCha8Rng) {
        for (a_t, b_t) in [(false, false), (true, false), (false, true), (true, true)] {
            let a_store = if a_t {
                random(k, m, rng)
            } else {
                random(m, k, rng)
            };
            let b_store = if b_t {
                random(n, k, rng)
            } else {
                random(k, n, rng)
            };
            let a = if a_t { a_store.t() } else { a_store.view() };
            let b = if b_t { b_store.t() } else { b_store.view() };
            for output in [Output::Overwrite, Output::Accumulate] {
                let start = random(m, n, rng);
                let (mut fast, mut slow) = (start.clone(), start);
                gemm(a, b, fast.view_mut(), output, buffers);
                reference::gemm(a, b, slow.view_mut(), output);
                let tolerance = 1e-5 * (k as f32 + 1.0);
                for ((i, j), &want) in slow.indexed_iter() {
                    let got = fast[[i, j]];
                    assert!(
                        (got - want).abs() <= tolerance,
                        "{m}×{k}·{k}×{n} (Aᵀ {a_t}, Bᵀ {b_t}, {output:?}) at ({i}, {j}): {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn matches_the_reference_on_odd_and_edge_shapes() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut buffers = GemmBuffers::new(8);
        let sizes = [1, 2, 3, 5, 7, 8, 9, 13, 17, 31, 33];
        for &m in &sizes {
            for &n in &sizes {
                for &k in &[1, 3, 16, 25] {
                    check(m, n, k, &mut buffers, &mut rng);
                }
            }
        }
    }

    #[test]
    fn matches_the_reference_across_block_boundaries() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let mut buffers = GemmBuffers::new(600);
        // Depth past one block (256), rows past one block, columns past one block.
        check(7, 11, 600, &mut buffers, &mut rng);
        check(101, 9, 30, &mut buffers, &mut rng);
        check(5, 1100, 20, &mut buffers, &mut rng);
    }

    #[test]
    fn an_empty_depth_gives_zeros_or_leaves_c() {
        let mut buffers = GemmBuffers::new(4);
        let a = Array2::<f32>::zeros((3, 0));
        let b = Array2::<f32>::zeros((0, 2));
        let mut c = Array2::<f32>::ones((3, 2));
        gemm(
            a.view(),
            b.view(),
            c.view_mut(),
            Output::Accumulate,
            &mut buffers,
        );
        assert!(c.iter().all(|&v| v == 1.0));
        gemm(
            a.view(),
            b.view(),
            c.view_mut(),
            Output::Overwrite,
            &mut buffers,
        );
        assert!(c.iter().all(|&v| v == 0.0));
    }
}
