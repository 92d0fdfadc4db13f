//! The micro-kernel: one `MR × NR` tile of `C` from a packed strip of `A` (`kc × MR`, column
//! by column) and of `B` (`kc × NR`, row by row), `tile = Σ_p a_p ⊗ b_p`, held in registers.
//!
//! - wasm32 with SIMD128: 4 × 8, eight `f32x4` accumulators (wasm has no FMA: mul, then add).
//! - x86-64: 6 × 16, written as plain loops that LLVM vectorises; compiled twice, for AVX2 +
//!   FMA (twelve 8-wide accumulators, chosen at run time when the CPU has them) and for the
//!   SSE2 baseline.
//! - elsewhere: the plain loops at 4 × 8.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};

    pub const MR: usize = 4;
    pub const NR: usize = 8;

    pub fn kernel(a: &[f32], b: &[f32], tile: &mut [f32; MR * NR]) {
        let mut acc = [f32x4_splat(0.0); 2 * MR];
        for (ap, bp) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
            // SAFETY: `bp` holds NR = 8 floats; v128.load has no alignment requirement.
            let (b0, b1) = unsafe {
                let p = bp.as_ptr() as *const v128;
                (v128_load(p), v128_load(p.add(1)))
            };
            for (i, &ai) in ap.iter().enumerate() {
                let ai = f32x4_splat(ai);
                acc[2 * i] = f32x4_add(acc[2 * i], f32x4_mul(ai, b0));
                acc[2 * i + 1] = f32x4_add(acc[2 * i + 1], f32x4_mul(ai, b1));
            }
        }
        for (out, v) in tile.chunks_exact_mut(4).zip(acc) {
            // SAFETY: `out` holds 4 floats; v128.store has no alignment requirement.
            unsafe { v128_store(out.as_mut_ptr() as *mut v128, v) };
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    pub const MR: usize = 6;
    pub const NR: usize = 16;

    pub fn kernel(a: &[f32], b: &[f32], tile: &mut [f32; MR * NR]) {
        if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU has AVX2 and FMA (checked just above).
            unsafe { kernel_avx2_fma(a, b, tile) }
        } else {
            super::plain_kernel::<MR, NR>(a, b, tile, |a, b, c| a * b + c)
        }
    }

    #[target_feature(enable = "avx2,fma")]
    unsafe fn kernel_avx2_fma(a: &[f32], b: &[f32], tile: &mut [f32; MR * NR]) {
        super::plain_kernel::<MR, NR>(a, b, tile, f32::mul_add)
    }
}

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
mod imp {
    pub const MR: usize = 4;
    pub const NR: usize = 8;

    pub fn kernel(a: &[f32], b: &[f32], tile: &mut [f32; MR * NR]) {
        super::plain_kernel::<MR, NR>(a, b, tile, |a, b, c| a * b + c)
    }
}

pub use imp::{kernel, MR, NR};

/// The tile as plain loops over fixed-size arrays, which LLVM keeps in vector registers;
/// `madd(a, b, c)` is `a·b + c` (fused where the CPU can).
#[allow(dead_code)]
#[inline(always)]
fn plain_kernel<const M: usize, const N: usize>(
    a: &[f32],
    b: &[f32],
    tile: &mut [f32],
    madd: impl Fn(f32, f32, f32) -> f32,
) {
    let mut acc = [[0.0f32; N]; M];
    for (ap, bp) in a.chunks_exact(M).zip(b.chunks_exact(N)) {
        for (row, &ai) in acc.iter_mut().zip(ap) {
            for (c, &bj) in row.iter_mut().zip(bp) {
                *c = madd(ai, bj, *c);
            }
        }
    }
    for (out, row) in tile.chunks_exact_mut(N).zip(&acc) {
        out.copy_from_slice(row);
    }
}
