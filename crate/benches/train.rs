//! Training throughput of the reference workloads W1–W4 (see `workloads.rs`) through the
//! `Trainer`: criterion reports examples (W1: steps) per second. The convolutional workloads
//! (W3, W4) run a second time data-parallel: each step split between two replicas on two
//! threads (`trainer::replicas`), the way the page's two workers split it. The `names-mlp`
//! and `names-gpt` presets train on their own names data: characters (predicted tokens) per
//! second (a GPT predicts at every position of its windows).
//!
//! `make bench` runs this; `cargo test --benches` runs each workload once (a check that the
//! benchmark code works, not a timing).

use std::thread;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;

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
    for name in ["names-mlp", "names-gpt"] {
        let config = preset(name).expect("a preset").config;
        let mut trainer = Trainer::new(config).expect("the names files are shipped");
        let characters = trainer.config().batch_size as usize * trainer.network().positions();
        group.throughput(Throughput::Elements(characters as u64));
        let id = format!("{name} preset (characters)");
        group.bench_function(id, |b| b.iter(|| trainer.step(1)));
    }
    for w in WORKLOADS
        .iter()
        .filter(|w| w.id.starts_with("W3") || w.id.starts_with("W4"))
    {
        let mut replicas = [trainer_for(w, 1), trainer_for(w, 1)];
        let mut sum = vec![0.0; replicas[0].params().len()];
        group.throughput(Throughput::Elements(w.batch as u64));
        let id = format!("two threads {}", &w.id[..2]);
        group.bench_function(id, |b| b.iter(|| split_step(&mut replicas, &mut sum)));
        assert_eq!(replicas[0].params(), replicas[1].params(), "{}", w.id);
    }
    group.finish();
}

/// One step split between two replicas: each computes its half of the batch on its own
/// thread, then both apply the summed gradient.
fn split_step([first, second]: &mut [Trainer; 2], sum: &mut [f32]) {
    let (other, other_tally) = thread::scope(|s| {
        let helper = s.spawn(|| {
            let (grads, tally) = second.share_gradient(1, 2).expect("a step starts");
            (grads.to_vec(), tally)
        });
        let (grads, tally) = first.share_gradient(0, 2).expect("a step starts");
        sum.copy_from_slice(grads);
        let mut tally = tally;
        let (other, other_tally) = helper.join().expect("the helper thread ends");
        tally.merge(&other_tally);
        (other, tally)
    });
    sum.iter_mut().zip(&other).for_each(|(s, g)| *s += g);
    for replica in [first, second] {
        replica
            .apply_gradient(sum, &other_tally)
            .expect("after its share");
    }
}

criterion_group!(benches, workloads);
criterion_main!(benches);
