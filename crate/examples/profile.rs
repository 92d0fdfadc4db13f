//! Runs one reference workload (W1–W4, see `benches/workloads.rs`) or a text preset
//! (`names-gpt`, ...) for a number of steps, for a profiler:
//! `perf record cargo run --release --example profile -- W3 2000`.

#[path = "../benches/workloads.rs"]
mod workloads;

use neural_kitchen::presets::preset;
use neural_kitchen::Trainer;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let id = args.first().map(String::as_str).unwrap_or("W3");
    let steps: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let (name, mut trainer, per_step) =
        match workloads::WORKLOADS.iter().find(|w| w.id.starts_with(id)) {
            Some(w) => (w.id.to_string(), workloads::trainer_for(w, 1), w.batch),
            None => match preset(id) {
                Ok(p) => {
                    let t = Trainer::new(p.config).expect("a preset's data is shipped");
                    let per_step = t.config().batch_size as usize * t.network().positions();
                    (format!("{id} preset"), t, per_step)
                }
                Err(_) => {
                    eprintln!("usage: profile W1|W2|W3|W4|PRESET [steps]");
                    std::process::exit(2);
                }
            },
        };
    let start = std::time::Instant::now();
    trainer.step(steps);
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{name}: {steps} steps in {seconds:.3} s, {:.0} examples (predicted tokens) /s, test loss {:.4}",
        steps as f64 * per_step as f64 / seconds,
        trainer.metrics().test_loss
    );
}
