//! Learned positional embedding: one row of `d` numbers per position of the window, added to
//! the token embeddings, so that the same character at two places reads differently.
//!
//! Shapes: `x` is `N × T × d` (in place: `x[i, t] += P[t]`), `P` is `T × d` (a slot of the
//! parameters). Backward: `dP[t] += Σ_i dy[i, t]`, and `dx = dy` (the caller's buffer as is).

use crate::nn::slot::Slot;

#[derive(Clone, Debug, PartialEq)]
pub struct PositionEmbedding {
    /// Positions in a window (`T`).
    pub context: usize,
    pub dims: usize,
    pub table: Slot,
}

impl PositionEmbedding {
    /// A `context × dims` table laid out after `count` parameters.
    pub fn new(context: usize, dims: usize, count: &mut usize) -> PositionEmbedding {
        PositionEmbedding {
            context,
            dims,
            table: Slot::next(count, context * dims),
        }
    }

    /// `x[i, t] += P[t]` for the `n` windows of `x`.
    pub fn forward(&self, params: &[f32], x: &mut [f32], n: usize) {
        let table = self.table.of(params);
        for window in x.chunks_exact_mut(table.len()).take(n) {
            window.iter_mut().zip(table).for_each(|(x, &p)| *x += p);
        }
    }

    /// `dP[t] += Σ_i dy[i, t]`
    pub fn backward(&self, grads: &mut [f32], dy: &[f32], n: usize) {
        let d_table = self.table.of_mut(grads);
        for window in dy.chunks_exact(d_table.len()).take(n) {
            d_table.iter_mut().zip(window).for_each(|(g, &d)| *g += d);
        }
    }
}
