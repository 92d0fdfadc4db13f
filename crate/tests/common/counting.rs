//! A global allocator that counts, per thread, the bytes live, their peak and the allocations
//! made, so that tests running side by side do not disturb each other's figures. Zeroed
//! allocations stay lazy (the system's calloc), as in the trainer's own use.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

pub struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static MADE: Cell<usize> = const { Cell::new(0) };
}

fn grew(bytes: usize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
    let _ = MADE.try_with(|made| made.set(made.get() + 1));
}

fn shrank(bytes: usize) {
    // Memory made on another thread and freed on this one counts as nothing here.
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

// SAFETY: forwards every call to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        shrank(layout.size());
        grew(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Bytes allocated by this thread and not yet freed.
pub fn live() -> usize {
    LIVE.with(Cell::get)
}

/// The most bytes live on this thread since `start_peak`.
pub fn peak() -> usize {
    PEAK.with(Cell::get)
}

/// Starts measuring the peak from the bytes live now.
pub fn start_peak() {
    PEAK.with(|peak| peak.set(live()));
}

/// Allocations (and reallocations) made by this thread so far.
#[allow(dead_code)] // not every test file counts allocations
pub fn allocations() -> usize {
    MADE.with(Cell::get)
}

/// Runs `step` (one training step on a fixed batch, returning its loss) once to make its
/// buffers, then 20 times more: those make no allocation, hold no byte above those live before
/// them, and train (the last loss is below the first).
#[allow(dead_code)] // not every test file trains a model
pub fn assert_steps_allocate_nothing_and_learn(mut step: impl FnMut() -> f32) {
    let first = step();
    let (made, live_before) = (allocations(), live());
    start_peak();
    let mut last = first;
    for _ in 0..20 {
        last = step();
    }
    assert_eq!(allocations(), made, "allocations in 20 steps");
    assert_eq!(
        peak(),
        live_before,
        "bytes above those live before the steps"
    );
    assert!(last < first, "loss {first} → {last}");
}
