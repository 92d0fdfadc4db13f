//! Every fast path of the kernels against its scalar reference (`kernels::reference`), on odd
//! shapes: sizes that are not multiples of the SIMD width or the blocks, transposed operands,
//! and convolutions with stride and padding. Runs natively and, under `wasm-pack test`, in the
//! browser, where the SIMD128 micro-kernel is the one checked.

use ndarray::Array2;
use neural_kitchen::kernels::reference::{self, ConvShape};
use neural_kitchen::kernels::{gemm, GemmBuffers, Output};
use neural_kitchen::nn::conv2d::Conv2d;
use neural_kitchen::nn::slot::Slot;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn random(rows: usize, cols: usize, rng: &mut ChaCha8Rng) -> Array2<f32> {
    Array2::from_shape_fn((rows, cols), |_| rng.gen_range(-1.0..1.0))
}

fn assert_close(got: &[f32], want: &[f32], tolerance: f32, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tolerance, "{what} at {i}: {g} vs {w}");
    }
}

/// `gemm` against the reference for `A` (`m × k`) and `B` (`k × n`) stored either way round,
/// overwriting and accumulating.
fn check_gemm(m: usize, n: usize, k: usize, buffers: &mut GemmBuffers, rng: &mut ChaCha8Rng) {
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
            let what = format!("{m}×{k}·{k}×{n} (Aᵀ {a_t}, Bᵀ {b_t}, {output:?})");
            let tolerance = 1e-5 * (k as f32 + 1.0);
            assert_close(
                fast.as_slice().unwrap(),
                slow.as_slice().unwrap(),
                tolerance,
                &what,
            );
        }
    }
}

#[test]
fn gemm_matches_the_reference_on_odd_shapes_small_and_packed() {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    // Buffers made for smaller products than some below: they grow rather than fail.
    let mut buffers = GemmBuffers::new(8);
    // From single rows to 33 × 33 × 25 (past the small-product threshold and the widths of
    // every micro-kernel: 4 × 8, 6 × 16).
    let sizes = [1, 2, 3, 5, 7, 8, 9, 13, 17, 31, 33];
    for &m in &sizes {
        for &n in &sizes {
            for &k in &[1, 3, 16, 25] {
                check_gemm(m, n, k, &mut buffers, &mut rng);
            }
        }
    }
}

#[test]
fn gemm_matches_the_reference_across_block_boundaries() {
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let mut buffers = GemmBuffers::new(600);
    // Depth past one block (256), rows past one block, columns past one block.
    check_gemm(7, 11, 600, &mut buffers, &mut rng);
    check_gemm(101, 9, 30, &mut buffers, &mut rng);
    check_gemm(5, 1100, 20, &mut buffers, &mut rng);
}

#[test]
fn gemm_of_an_empty_depth_gives_zeros_or_leaves_c() {
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

/// The layer (im2col by rows, packed products, col2im) against the direct convolution, for
/// a batch of 3, forward and backward.
fn check_conv(shape: ConvShape, rng: &mut ChaCha8Rng) {
    let ConvShape {
        channels,
        height,
        width,
        outputs,
        k,
        ..
    } = shape;
    let patch = channels * k * k;
    let conv = Conv2d {
        in_channels: channels,
        in_height: height,
        in_width: width,
        out_channels: outputs,
        kernel: k,
        stride: shape.stride,
        padding: shape.padding,
        weights: Slot {
            offset: 0,
            length: outputs * patch,
        },
        biases: Slot {
            offset: outputs * patch,
            length: outputs,
        },
    };
    let n = 3;
    let (in_size, out_size) = (
        channels * height * width,
        outputs * shape.out_height() * shape.out_width(),
    );
    let params: Vec<f32> = (0..outputs * (patch + 1))
        .map(|_| rng.gen_range(-1.0..1.0))
        .collect();
    let x: Vec<f32> = (0..n * in_size).map(|_| rng.gen_range(-1.0..1.0)).collect();
    let dy: Vec<f32> = (0..n * out_size)
        .map(|_| rng.gen_range(-1.0..1.0))
        .collect();
    let mut buffers = GemmBuffers::new(4);
    let (mut cols, mut d_cols) = (vec![0.0; conv.cols_len()], vec![0.0; conv.cols_len()]);

    let mut y = vec![0.0; n * out_size];
    conv.forward(&params, &x, &mut y, n, &mut cols, &mut buffers);
    let mut grads = vec![0.0; params.len()];
    let mut dx = vec![0.0; n * in_size];
    let layer = Some(&mut dx[..]);
    conv.backward(
        &params,
        &mut grads,
        &x,
        &dy,
        layer,
        n,
        &mut cols,
        &mut d_cols,
        &mut buffers,
    );

    let (w, b) = params.split_at(outputs * patch);
    let mut want_y = vec![0.0; n * out_size];
    let mut want_dw = vec![0.0; outputs * patch];
    let mut want_dx = vec![0.0; n * in_size];
    for i in 0..n {
        let (xi, yi) = (
            &x[i * in_size..][..in_size],
            &mut want_y[i * out_size..][..out_size],
        );
        reference::conv2d(shape, xi, w, b, yi);
        let (dyi, dxi) = (
            &dy[i * out_size..][..out_size],
            &mut want_dx[i * in_size..][..in_size],
        );
        reference::conv2d_backward(shape, xi, w, dyi, &mut want_dw, dxi);
    }
    let tolerance = 1e-4 * (patch as f32).max(out_size as f32 / outputs as f32);
    assert_close(&y, &want_y, tolerance, &format!("{shape:?}: y"));
    assert_close(
        &grads[..outputs * patch],
        &want_dw,
        tolerance,
        &format!("{shape:?}: dW"),
    );
    assert_close(&dx, &want_dx, tolerance, &format!("{shape:?}: dx"));
}

#[test]
fn convolution_matches_the_direct_reference_with_stride_and_padding() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    for (channels, height, width) in [(1, 7, 9), (3, 11, 10), (2, 24, 24)] {
        for (k, stride, padding) in [
            (1, 1, 0),
            (3, 1, 1),
            (3, 2, 0),
            (5, 1, 2),
            (5, 2, 2),
            (4, 3, 3),
        ] {
            if k > height + 2 * padding || k > width + 2 * padding {
                continue;
            }
            for outputs in [1, 5, 9] {
                let shape = ConvShape {
                    channels,
                    height,
                    width,
                    outputs,
                    k,
                    stride,
                    padding,
                };
                check_conv(shape, &mut rng);
            }
        }
    }
}
