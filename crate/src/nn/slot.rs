//! A slot: where one tensor lives inside a flat buffer (parameters, gradients, optimiser state
//! all share one layout, so the same slot indexes each of them).

use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub offset: usize,
    pub length: usize,
}

impl Slot {
    /// The `length` floats after the `count` a layout holds so far, which it then holds too (a
    /// model lays its tensors out one after another).
    pub fn next(count: &mut usize, length: usize) -> Slot {
        let slot = Slot {
            offset: *count,
            length,
        };
        *count += length;
        slot
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.length
    }

    pub fn of(self, buffer: &[f32]) -> &[f32] {
        &buffer[self.range()]
    }

    pub fn of_mut(self, buffer: &mut [f32]) -> &mut [f32] {
        &mut buffer[self.range()]
    }
}
