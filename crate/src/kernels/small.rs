//! Products too small to repay packing (the playground's networks). `C` row by row: where `B`
//! is a transpose (a dense layer's forward pass, `x·Wᵀ`), each entry is the dot product of a
//! row of `A` and a stored row of `B`; otherwise four entries of a row of `C` at a time run
//! down four columns of `B`. Either way a sum stays in registers until it is written once.

use super::strided::Strided;
use super::Output;

/// Below this many multiply-adds a product skips packing.
pub const SMALL: usize = 4096;

/// Columns summed together: one SIMD register of `f32`.
const LANES: usize = 4;

/// `C = A·B` or `C += A·B` for `A` `m × k`, `B` `k × n`, `C` row-major `m × n`.
pub fn gemm(
    a: Strided,
    b: Strided,
    (m, n, k): (usize, usize, usize),
    c: &mut [f32],
    output: Output,
) {
    // What an entry's sum starts from.
    let start = |c: f32| match output {
        Output::Overwrite => 0.0,
        Output::Accumulate => c,
    };
    if a.col_step == 1 && b.row_step == 1 {
        for (i, row) in c.chunks_exact_mut(n).take(m).enumerate() {
            let a_row = &a.data[i * a.row_step..][..k];
            for (j, c) in row.iter_mut().enumerate() {
                *c = start(*c) + dot(a_row, &b.data[j * b.col_step..][..k]);
            }
        }
        return;
    }
    for (i, row) in c.chunks_exact_mut(n).take(m).enumerate() {
        let mut blocks = 0;
        if b.col_step == 1 {
            // Four columns at a time, their sums held in one register while `p` runs.
            for (block, c4) in row.chunks_exact_mut(LANES).enumerate() {
                let j = block * LANES;
                let mut sums = [0.0; LANES];
                sums.iter_mut()
                    .zip(c4.iter())
                    .for_each(|(s, &c)| *s = start(c));
                for p in 0..k {
                    let a_ip = a.at(i, p);
                    let b4 = &b.data[p * b.row_step + j..][..LANES];
                    for lane in 0..LANES {
                        sums[lane] += a_ip * b4[lane];
                    }
                }
                c4.copy_from_slice(&sums);
                blocks += 1;
            }
        }
        for (j, c) in row.iter_mut().enumerate().skip(blocks * LANES) {
            let mut sum = start(*c);
            for p in 0..k {
                sum += a.at(i, p) * b.at(p, j);
            }
            *c = sum;
        }
    }
}

/// `Σ x_i y_i` in four independent lanes (one SIMD register where the target has them).
fn dot(x: &[f32], y: &[f32]) -> f32 {
    let mut lanes = [0.0f32; LANES];
    let (x4, y4) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let (x_rest, y_rest) = (x4.remainder(), y4.remainder());
    for (x, y) in x4.zip(y4) {
        for lane in 0..LANES {
            lanes[lane] += x[lane] * y[lane];
        }
    }
    let mut sum = (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
    for (x, y) in x_rest.iter().zip(y_rest) {
        sum += x * y;
    }
    sum
}
