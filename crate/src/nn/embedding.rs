//! Embedding: a lookup table, one row of `dims` numbers per token of the vocabulary ("one jar
//! of seasonings per character").
//!
//! Shapes: `x` is `N × k` token ids (whole numbers stored as f32: the input boundary of a text
//! network, the `k` tokens before the one to predict), `E` is `vocabulary × dims` (a slot of
//! the parameters), `y` is `N × (k·dims)`: the rows of the `k` tokens side by side,
//! `y[i, p·dims + j] = E[x[i, p], j]`.
//!
//! Backward: `dE[x[i, p], :] += dy[i, p·dims ..]`, into the rows of the tokens used only (the
//! others keep a zero gradient). Token ids are not differentiable: nothing flows further back,
//! so an embedding is always the first layer.

use crate::nn::slot::Slot;

#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    pub vocabulary: usize,
    pub dims: usize,
    /// Tokens looked up per example (`k`).
    pub context: usize,
    pub table: Slot,
}

impl Embedding {
    /// Row of token `id` (an id outside the vocabulary, which no data source makes, reads the
    /// last row rather than past the table).
    fn row(&self, id: f32) -> std::ops::Range<usize> {
        let token = (id as usize).min(self.vocabulary - 1);
        token * self.dims..(token + 1) * self.dims
    }

    /// `y[i, p·dims + j] = E[x[i, p], j]`
    pub fn forward(&self, params: &[f32], x: &[f32], y: &mut [f32], n: usize) {
        let table = self.table.of(params);
        let ids = x.chunks_exact(self.context).take(n);
        for (ids, out) in ids.zip(y.chunks_exact_mut(self.context * self.dims)) {
            for (&id, out) in ids.iter().zip(out.chunks_exact_mut(self.dims)) {
                out.copy_from_slice(&table[self.row(id)]);
            }
        }
    }

    /// `dE[x[i, p], :] += dy[i, p·dims ..]` (sparse: only the rows looked up).
    pub fn backward(&self, grads: &mut [f32], x: &[f32], dy: &[f32], n: usize) {
        let d_table = self.table.of_mut(grads);
        let ids = x.chunks_exact(self.context).take(n);
        for (ids, dy) in ids.zip(dy.chunks_exact(self.context * self.dims)) {
            for (&id, dy) in ids.iter().zip(dy.chunks_exact(self.dims)) {
                for (g, &d) in d_table[self.row(id)].iter_mut().zip(dy) {
                    *g += d;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer() -> Embedding {
        Embedding {
            vocabulary: 4,
            dims: 2,
            context: 3,
            table: Slot {
                offset: 1,
                length: 8,
            },
        }
    }

    #[test]
    fn forward_puts_the_rows_of_the_context_side_by_side() {
        let params = [9.0, 0.0, 0.1, 1.0, 1.1, 2.0, 2.1, 3.0, 3.1];
        let mut y = [0.0; 12];
        layer().forward(&params, &[2.0, 0.0, 3.0, 1.0, 1.0, 2.0], &mut y, 2);
        assert_eq!(
            y,
            [2.0, 2.1, 0.0, 0.1, 3.0, 3.1, 1.0, 1.1, 1.0, 1.1, 2.0, 2.1]
        );
    }

    #[test]
    fn backward_adds_into_the_rows_used_and_no_other() {
        let mut grads = [0.0; 9];
        let dy = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        layer().backward(&mut grads, &[2.0, 2.0, 0.0], &dy, 1);
        // Token 2 twice (both its gradients add), token 0 once, tokens 1 and 3 untouched.
        assert_eq!(grads, [0.0, 5.0, 6.0, 0.0, 0.0, 4.0, 6.0, 0.0, 0.0]);
    }
}
