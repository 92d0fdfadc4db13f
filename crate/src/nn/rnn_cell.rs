//! One step of a recurrent cell, element by element, for `N` windows at once; the matrix
//! products around it (the input and the previous state projected to pre-activations) are
//! the model's, `nn::rnn`.
//!
//! Shapes: `a = W_x x + b_x` and `c = W_h h₋ + b_h` are `N × G·H` (`G` parts of `H` units,
//! `RnnCell::gates`), `h₋` and `h` are `N × H`; `gates` keeps the parts after their activation
//! (`N × G·H`) for the backward pass.
//!
//! Tanh (Elman): `h = tanh(a + c)`.
//! GRU (the parts of `a` and `c` in the order reset, update, candidate, as PyTorch's):
//! `r = σ(a_r + c_r)`, `z = σ(a_z + c_z)`, `n = tanh(a_n + r ⊙ c_n)`, `h = (1 − z) ⊙ n + z ⊙ h₋`.
//! The reset gate chooses how much of the state the candidate reads, the update gate how much
//! of the state stays as it was: a kept state passes its gradient back unchanged (`z`), which
//! lets a GRU remember further back than tanh, whose gradient shrinks at every step.

use crate::config::RnnCell;

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// `h` (`N × H`, `units = H`) from `a`, `c` and `h₋`, keeping the activated parts in `gates`.
pub fn forward(
    cell: RnnCell,
    units: usize,
    (a, c, h_prev): (&[f32], &[f32], &[f32]),
    gates: &mut [f32],
    h: &mut [f32],
) {
    let width = cell.gates() * units;
    let rows = a
        .chunks_exact(width)
        .zip(c.chunks_exact(width))
        .zip(gates.chunks_exact_mut(width))
        .zip(h_prev.chunks_exact(units).zip(h.chunks_exact_mut(units)));
    for (((a, c), gates), (h_prev, h)) in rows {
        match cell {
            RnnCell::Tanh => {
                for (j, h) in h.iter_mut().enumerate() {
                    gates[j] = (a[j] + c[j]).tanh();
                    *h = gates[j];
                }
            }
            RnnCell::Gru => {
                let (rz, n) = gates.split_at_mut(2 * units);
                for j in 0..units {
                    let (u, k) = (units + j, 2 * units + j);
                    let r = sigmoid(a[j] + c[j]);
                    let z = sigmoid(a[u] + c[u]);
                    n[j] = (a[k] + r * c[k]).tanh();
                    rz[j] = r;
                    rz[u] = z;
                    h[j] = (1.0 - z) * n[j] + z * h_prev[j];
                }
            }
        }
    }
}

/// Given `dh` (`N × H`): the gradients of the pre-activations, `d_a` and `d_c` (`N × G·H`),
/// and the part of `dh₋` that does not go through `W_h` (`z ⊙ dh` for a GRU, 0 for tanh),
/// written into `dh_prev`; the model adds `d_c W_h` to it.
///
/// Tanh: `d_a = d_c = dh ⊙ (1 − h²)`.
/// GRU: `dn = dh ⊙ (1 − z)`, `dz = dh ⊙ (h₋ − n)`, `d(a_n) = dn ⊙ (1 − n²)`,
/// `d(c_n) = d(a_n) ⊙ r`, `dr = d(a_n) ⊙ c_n`, `d(a_r) = d(c_r) = dr ⊙ r(1 − r)`,
/// `d(a_z) = d(c_z) = dz ⊙ z(1 − z)`.
pub fn backward(
    cell: RnnCell,
    units: usize,
    (c, h_prev, gates): (&[f32], &[f32], &[f32]),
    dh: &[f32],
    (d_a, d_c): (&mut [f32], &mut [f32]),
    dh_prev: &mut [f32],
) {
    let width = cell.gates() * units;
    let kept = c
        .chunks_exact(width)
        .zip(gates.chunks_exact(width))
        .zip(h_prev.chunks_exact(units));
    let grads = dh
        .chunks_exact(units)
        .zip(d_a.chunks_exact_mut(width).zip(d_c.chunks_exact_mut(width)))
        .zip(dh_prev.chunks_exact_mut(units));
    for (((c, gates), h_prev), ((dh, (d_a, d_c)), dh_prev)) in kept.zip(grads) {
        match cell {
            RnnCell::Tanh => {
                for j in 0..units {
                    let h = gates[j];
                    d_a[j] = dh[j] * (1.0 - h * h);
                    d_c[j] = d_a[j];
                    dh_prev[j] = 0.0;
                }
            }
            RnnCell::Gru => {
                for j in 0..units {
                    let (u, k) = (units + j, 2 * units + j);
                    let (r, z, n) = (gates[j], gates[u], gates[k]);
                    let dn = dh[j] * (1.0 - z);
                    let dz = dh[j] * (h_prev[j] - n);
                    d_a[k] = dn * (1.0 - n * n);
                    d_c[k] = d_a[k] * r;
                    let dr = d_a[k] * c[k];
                    d_a[j] = dr * r * (1.0 - r);
                    d_c[j] = d_a[j];
                    d_a[u] = dz * z * (1.0 - z);
                    d_c[u] = d_a[u];
                    dh_prev[j] = dh[j] * z;
                }
            }
        }
    }
}
