//! Blocked matrix multiplication (the Goto / BLIS scheme): `B` is packed `KC × NC` at a time
//! into `NR`-wide strips, `A` `MC × KC` at a time into `MR`-tall strips (edges padded with
//! zeros), and the micro-kernel multiplies one strip of each into an `MR × NR` tile of `C`.
//! Packing makes the kernel's reads contiguous whatever the strides of `A` and `B`.

use std::ops::Range;

use super::micro::{kernel, MR, NR};
use super::strided::Strided;
use super::Output;

/// Depth of one block (`A` columns, `B` rows); a packed strip of `B` stays in L1.
const KC: usize = 256;
/// Rows of `A` per packed block (a multiple of `MR`).
const MC: usize = 16 * MR;
/// Columns of `B` per packed block (a multiple of `NR`).
const NC: usize = 64 * NR;

/// The packed blocks of `A` and `B`, made once for the largest dimension a network needs.
#[derive(Clone, Debug, Default)]
pub struct GemmBuffers {
    a: Vec<f32>,
    b: Vec<f32>,
}

impl GemmBuffers {
    /// Buffers for any product whose dimensions are at most `largest`.
    pub fn new(largest: usize) -> GemmBuffers {
        let (m, n, k) = block_sizes(largest, largest, largest);
        GemmBuffers {
            a: vec![0.0; m * k],
            b: vec![0.0; k * n],
        }
    }

    /// Floats `new(largest)` makes.
    pub fn floats(largest: usize) -> usize {
        let (m, n, k) = block_sizes(largest, largest, largest);
        m * k + k * n
    }

    /// Grows the buffers for a product beyond the size they were made for (never happens
    /// when a network sized them: a step then allocates nothing).
    fn reserve(&mut self, m: usize, n: usize, k: usize) {
        let (m, n, k) = block_sizes(m, n, k);
        if self.a.len() < m * k {
            self.a.resize(m * k, 0.0);
        }
        if self.b.len() < k * n {
            self.b.resize(k * n, 0.0);
        }
    }
}

/// Packed block sizes for an `m × k` by `k × n` product: rows and columns rounded up to whole
/// strips, each capped at its block size.
fn block_sizes(m: usize, n: usize, k: usize) -> (usize, usize, usize) {
    (
        m.min(MC).next_multiple_of(MR),
        n.min(NC).next_multiple_of(NR),
        k.min(KC),
    )
}

/// `C = A·B` or `C += A·B` for `A` `m × k`, `B` `k × n`, `C` row-major `m × n` (`k > 0`).
pub fn gemm(
    (a, b): (Strided, Strided),
    (m, n, k): (usize, usize, usize),
    c: &mut [f32],
    output: Output,
    buffers: &mut GemmBuffers,
) {
    buffers.reserve(m, n, k);
    let mut tile = [0.0f32; MR * NR];
    for jc in (0..n).step_by(NC) {
        let nc = NC.min(n - jc);
        for pc in (0..k).step_by(KC) {
            let kc = KC.min(k - pc);
            // The columns of B are the rows of Bᵀ: packed like A.
            pack::<NR>(b.t(), jc..jc + nc, pc..pc + kc, &mut buffers.b);
            // Only the first block of the depth overwrites; the others add to it.
            let add = pc > 0 || output == Output::Accumulate;
            for ic in (0..m).step_by(MC) {
                let mc = MC.min(m - ic);
                pack::<MR>(a, ic..ic + mc, pc..pc + kc, &mut buffers.a);
                let b_strips = buffers.b.chunks_exact(kc * NR).take(nc.div_ceil(NR));
                for (js, b_strip) in b_strips.enumerate() {
                    let j0 = jc + js * NR;
                    let cols = NR.min(n - j0);
                    let a_strips = buffers.a.chunks_exact(kc * MR).take(mc.div_ceil(MR));
                    for (is, a_strip) in a_strips.enumerate() {
                        let i0 = ic + is * MR;
                        kernel(a_strip, b_strip, &mut tile);
                        let rows = MR.min(m - i0);
                        for (r, t) in tile.chunks_exact(NR).take(rows).enumerate() {
                            let out = &mut c[(i0 + r) * n + j0..][..cols];
                            if add {
                                out.iter_mut().zip(t).for_each(|(o, &t)| *o += t);
                            } else if let Ok(whole) = <&mut [f32; NR]>::try_from(&mut *out) {
                                // A whole row of the tile: a copy of known length.
                                whole.copy_from_slice(t);
                            } else {
                                out.copy_from_slice(&t[..cols]);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Rows `rows` × columns `depth` of `m` into strips of `W` rows (the last padded with zeros),
/// each stored depth by depth: `out[s][p][r] = m[rows.start + s·W + r][depth.start + p]`.
fn pack<const W: usize>(m: Strided, rows: Range<usize>, depth: Range<usize>, out: &mut [f32]) {
    let kc = depth.len();
    let strips = out.chunks_exact_mut(kc * W).take(rows.len().div_ceil(W));
    for (s, strip) in strips.enumerate() {
        let r0 = rows.start + s * W;
        let live = W.min(rows.end - r0);
        if m.row_step == 1 && live == W {
            // The strip's values at one depth lie side by side: W floats at a time, a copy of
            // known length (a few vector moves rather than a call to memcpy).
            let (whole, _) = strip.as_chunks_mut::<W>();
            for (p, dst) in whole.iter_mut().enumerate() {
                let at = (depth.start + p) * m.col_step + r0;
                dst.copy_from_slice(&m.data[at..at + W]);
            }
        } else if m.row_step == 1 {
            // The same for the last strip, padded with zeros.
            for (p, dst) in strip.chunks_exact_mut(W).enumerate() {
                let at = (depth.start + p) * m.col_step + r0;
                dst[..live].copy_from_slice(&m.data[at..at + live]);
                dst[live..].fill(0.0);
            }
        } else {
            // A row-major block (a `Strided` has one unit step; here the columns'): each row
            // lies side by side along the depth, read forwards and scattered into the strip's
            // lanes.
            debug_assert_eq!(m.col_step, 1);
            for r in 0..live {
                let at = (r0 + r) * m.row_step + depth.start;
                let lanes = strip.chunks_exact_mut(W);
                lanes.zip(&m.data[at..at + kc]).for_each(|(v, &x)| v[r] = x);
            }
            if live < W {
                strip
                    .chunks_exact_mut(W)
                    .for_each(|lane| lane[live..].fill(0.0));
            }
        }
    }
}
