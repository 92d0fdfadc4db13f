//! Runs one reference workload (W1–W4, see `benches/workloads.rs`) for a number of steps, for
//! a profiler: `perf record cargo run --release --example profile -- W3 2000`.

#[path = "../benches/workloads.rs"]
mod workloads;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let id = args.first().map(String::as_str).unwrap_or("W3");
    let steps: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let Some(w) = workloads::WORKLOADS.iter().find(|w| w.id.starts_with(id)) else {
        eprintln!("usage: profile W1|W2|W3|W4 [steps]");
        std::process::exit(2);
    };
    let mut trainer = workloads::trainer_for(w, 1);
    let start = std::time::Instant::now();
    trainer.step(steps);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{}: {steps} steps in {seconds:.3} s, {:.0} examples/s, test loss {:.4}",
        w.id,
        steps as f64 * w.batch as f64 / seconds,
        trainer.metrics().test_loss
    );
}
