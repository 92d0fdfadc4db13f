//! A matrix as a slice and the steps between its rows and its columns: a row-major matrix or
//! the transpose of one, which is every matrix the layers multiply.

use ndarray::ArrayView2;

#[derive(Clone, Copy)]
pub struct Strided<'a> {
    pub data: &'a [f32],
    pub row_step: usize,
    pub col_step: usize,
}

impl<'a> Strided<'a> {
    pub fn of(m: ArrayView2<'a, f32>) -> Strided<'a> {
        let (rows, cols) = m.dim();
        if let Some(data) = m.to_slice() {
            return Strided {
                data,
                row_step: cols,
                col_step: 1,
            };
        }
        let data = m
            .reversed_axes()
            .to_slice()
            .expect("gemm multiplies row-major matrices or their transposes");
        Strided {
            data,
            row_step: 1,
            col_step: rows,
        }
    }

    pub fn t(self) -> Strided<'a> {
        Strided {
            row_step: self.col_step,
            col_step: self.row_step,
            ..self
        }
    }

    pub fn at(&self, row: usize, col: usize) -> f32 {
        self.data[row * self.row_step + col * self.col_step]
    }
}
