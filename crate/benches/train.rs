//! Training throughput of the reference workloads W1–W4 (see `workloads.rs`) through the
//! `Trainer`: criterion reports examples (W1: steps) per second.
//!
//! `make bench` runs this; `cargo test --benches` runs each workload once (a check that the
//! benchmark code works, not a timing).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod workloads;
use workloads::{trainer_for, WORKLOADS};

fn workloads(c: &mut Criterion) {
    let mut group = c.benchmark_group("train");
    for w in &WORKLOADS {
        let mut trainer = trainer_for(w, 1);
        let before = trainer.metrics().test_loss;
        // W1 is measured in steps, the others in examples.
        let per_step = if w.id.starts_with("W1") { 1 } else { w.batch };
        group.throughput(Throughput::Elements(per_step as u64));
        group.bench_function(w.id, |b| b.iter(|| trainer.step(1)));
        let after = trainer.metrics().test_loss;
        assert!(after.is_finite(), "{}: loss {before} → {after}", w.id);
    }
    group.finish();
}

criterion_group!(benches, workloads);
criterion_main!(benches);
