//! Products too small to repay packing (the playground's networks): `C` row by row, each row
//! a sum of rows of `B` scaled by one entry of `A`.

use super::strided::Strided;
use super::Output;

/// Below this many multiply-adds a product skips packing.
pub const SMALL: usize = 4096;

/// `C = A·B` or `C += A·B` for `A` `m × k`, `B` `k × n`, `C` row-major `m × n`.
pub fn gemm(
    a: Strided,
    b: Strided,
    (m, n, k): (usize, usize, usize),
    c: &mut [f32],
    output: Output,
) {
    for (i, row) in c.chunks_exact_mut(n).take(m).enumerate() {
        if output == Output::Overwrite {
            row.fill(0.0);
        }
        for p in 0..k {
            let a_ip = a.at(i, p);
            if b.col_step == 1 {
                let b_row = &b.data[p * b.row_step..p * b.row_step + n];
                row.iter_mut().zip(b_row).for_each(|(c, &b)| *c += a_ip * b);
            } else {
                row.iter_mut()
                    .enumerate()
                    .for_each(|(j, c)| *c += a_ip * b.at(p, j));
            }
        }
    }
}
