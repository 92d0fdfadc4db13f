//! A training step allocates nothing: every buffer is made with the trainer. Only recording
//! an epoch appends to the history (its columns grow, amortised); image networks record it a
//! few steps after the epoch's end, once its measurement is complete. Counted with a global allocator,
//! so this file holds one test (tests in one binary share the allocator).
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use neural_kitchen::config::Config;
use neural_kitchen::data::tensors::TensorSet;
use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Steps `trainer` `steps` times; returns (allocations in steps that neither ended an epoch
/// nor recorded one, most allocations in one step that did, epochs recorded).
fn count(trainer: &mut Trainer, steps: u64) -> (usize, usize, usize) {
    let (mut plain, mut recording) = (0, 0);
    let recorded = trainer.history().step.len();
    for _ in 0..steps {
        let (epoch, records) = (trainer.progress().epoch, trainer.history().step.len());
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        trainer.step(1);
        let made = ALLOCATIONS.load(Ordering::Relaxed) - before;
        if trainer.progress().epoch == epoch && trainer.history().step.len() == records {
            plain += made;
        } else {
            recording = recording.max(made);
        }
    }
    (plain, recording, trainer.history().step.len() - recorded)
}

fn tensors_trainer() -> Trainer {
    // W3's network on a small tensor set (its shape, not its size, is what matters here).
    let config: Config = serde_json::from_str(
        r#"{"dataset":"tensors","input":{"channels":1,"height":24,"width":24,"classes":10},
            "layers":[{"kind":"conv2d","channels":8,"kernel":5,"padding":2,"activation":"relu"},
                      {"kind":"maxPool2d","size":2},{"kind":"flatten"},
                      {"kind":"dense","units":16,"activation":"tanh"},{"kind":"dropout","rate":0.2}],
            "optimizer":"adam","learningRate":0.01,"batchSize":20,"regularization":"l2","regularizationRate":0.001}"#,
    )
    .unwrap();
    let x: Vec<f32> = (0..100 * 576)
        .map(|i| ((i * 7919) % 200) as f32 / 100.0 - 1.0)
        .collect();
    let y: Vec<u32> = (0..100).map(|i| (i * 7) % 10).collect();
    let train = TensorSet::new(&config, "train", x.clone(), y.clone()).unwrap();
    let test = TensorSet::new(&config, "test", x[..20 * 576].to_vec(), y[..20].to_vec()).unwrap();
    Trainer::with_tensors(config, train, test).unwrap()
}

#[test]
fn steps_allocate_nothing_and_an_epoch_end_only_appends_to_the_history() {
    let cases: [(&str, Trainer, u64); 6] = [
        (
            "spiral",
            Trainer::new(preset("spiral").unwrap().config).unwrap(),
            10_000,
        ),
        (
            "digits8-mlp",
            Trainer::new(preset("digits8-mlp").unwrap().config).unwrap(),
            400,
        ),
        (
            "digits-cnn",
            Trainer::new(preset("digits-cnn").unwrap().config).unwrap(),
            600,
        ),
        ("tensors", tensors_trainer(), 400),
        (
            "names-gpt",
            Trainer::new(preset("names-gpt").unwrap().config).unwrap(),
            500,
        ),
        (
            "names-rnn",
            Trainer::new(preset("names-rnn").unwrap().config).unwrap(),
            500,
        ),
    ];
    for (name, mut trainer, steps) in cases {
        let (plain, recording, epochs) = count(&mut trainer, steps);
        assert!(
            epochs >= 2,
            "{name}: {epochs} epochs recorded; the test must cross epochs"
        );
        assert_eq!(plain, 0, "{name}: steps allocated {plain} times");
        // Six history columns, one gradient-norm column per weight layer (a GPT has ten),
        // the norms' vector.
        assert!(
            recording <= 18,
            "{name}: recording an epoch allocated {recording} times"
        );
    }
}
