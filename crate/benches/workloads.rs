//! The four reference workloads of `../shared/bench-peers` (W1–W4) as trainers, on the same
//! synthetic data: inputs U(−1, 1), labels from a fixed random linear "teacher", 16 batches
//! cycled. Shared by the benchmark (`benches/train.rs`) and the profiling example.

use neural_kitchen::config::Config;
use neural_kitchen::data::tensors::TensorSet;
use neural_kitchen::trainer::Trainer;

/// Distinct batches in the data pool, as in bench-peers.
const NUM_BATCHES: usize = 16;

pub struct Workload {
    pub id: &'static str,
    /// The config of the workload; `input` gives `C × H × W` and the classes.
    config: &'static str,
    /// Input in bench-peers' layout, `H × W × C`.
    hwc: (usize, usize, usize),
    classes: usize,
    pub batch: usize,
}

pub const WORKLOADS: [Workload; 4] = [
    Workload {
        id: "W1 playground MLP (steps)",
        config: r#"{"dataset":"tensors","input":{"channels":2,"height":1,"width":1,"classes":2},
            "layers":[{"kind":"dense","units":8,"activation":"tanh"},{"kind":"dense","units":8,"activation":"tanh"}],
            "learningRate":0.03,"batchSize":10}"#,
        hwc: (1, 1, 2),
        classes: 2,
        batch: 10,
    },
    Workload {
        id: "W2 MNIST MLP",
        config: r#"{"dataset":"tensors","input":{"channels":784,"height":1,"width":1,"classes":10},
            "layers":[{"kind":"dense","units":128,"activation":"relu"}],
            "learningRate":0.01,"batchSize":32}"#,
        hwc: (1, 1, 784),
        classes: 10,
        batch: 32,
    },
    Workload {
        id: "W3 MNIST CNN",
        config: r#"{"dataset":"tensors","input":{"channels":1,"height":24,"width":24,"classes":10},
            "layers":[{"kind":"conv2d","channels":8,"kernel":5,"padding":2,"activation":"relu"},
                      {"kind":"maxPool2d","size":2},
                      {"kind":"conv2d","channels":16,"kernel":5,"padding":2,"activation":"relu"},
                      {"kind":"maxPool2d","size":3},{"kind":"flatten"}],
            "learningRate":0.01,"batchSize":20}"#,
        hwc: (24, 24, 1),
        classes: 10,
        batch: 20,
    },
    Workload {
        id: "W4 CIFAR CNN",
        config: r#"{"dataset":"tensors","input":{"channels":3,"height":32,"width":32,"classes":10},
            "layers":[{"kind":"conv2d","channels":16,"kernel":5,"padding":2,"activation":"relu"},
                      {"kind":"maxPool2d","size":2},
                      {"kind":"conv2d","channels":20,"kernel":5,"padding":2,"activation":"relu"},
                      {"kind":"maxPool2d","size":2},
                      {"kind":"conv2d","channels":20,"kernel":5,"padding":2,"activation":"relu"},
                      {"kind":"maxPool2d","size":2},{"kind":"flatten"}],
            "learningRate":0.01,"batchSize":20}"#,
        hwc: (32, 32, 3),
        classes: 10,
        batch: 20,
    },
];

/// bench-peers' seeded generator (mulberry32), so both benchmarks train on the same numbers.
struct Mulberry32(u32);

impl Mulberry32 {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    fn gaussian(&mut self) -> f64 {
        let mut u = 0.0;
        while u == 0.0 {
            u = self.next();
        }
        let v = self.next();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// The data pool of bench-peers' `makeData`: inputs `H × W × C` per example, and labels.
fn make_data(w: &Workload, seed: u32) -> (Vec<f32>, Vec<u32>) {
    let mut rand = Mulberry32(seed.wrapping_mul(2_654_435_761).wrapping_add(12345));
    let d = w.hwc.0 * w.hwc.1 * w.hwc.2;
    let n = NUM_BATCHES * w.batch;
    let x: Vec<f32> = (0..n * d)
        .map(|_| (rand.next() * 2.0 - 1.0) as f32)
        .collect();
    let teacher: Vec<f32> = (0..w.classes * d).map(|_| rand.gaussian() as f32).collect();
    let y = x
        .chunks_exact(d)
        .map(|example| {
            let score = |c: usize| -> f32 {
                let row = &teacher[c * d..(c + 1) * d];
                row.iter().zip(example).map(|(t, x)| t * x).sum()
            };
            (1..w.classes).fold(0, |best, c| if score(c) > score(best) { c } else { best }) as u32
        })
        .collect();
    (x, y)
}

/// `H × W × C` (bench-peers, TF.js) to the core's `C × H × W`, example by example.
fn to_chw(x: &[f32], (h, w, c): (usize, usize, usize)) -> Vec<f32> {
    let mut out = vec![0.0; x.len()];
    for (src, dst) in x
        .chunks_exact(h * w * c)
        .zip(out.chunks_exact_mut(h * w * c))
    {
        for (p, pixel) in src.chunks_exact(c).enumerate() {
            for (ch, &v) in pixel.iter().enumerate() {
                dst[ch * h * w + p] = v;
            }
        }
    }
    out
}

/// A trainer on the workload's pool; the test set is the first batch (bench-peers' `evalLoss`).
pub fn trainer_for(w: &Workload, seed: u32) -> Trainer {
    let mut config: Config = serde_json::from_str(w.config).expect("workload config parses");
    config.seed = seed;
    let (x, y) = make_data(w, seed);
    let x = to_chw(&x, w.hwc);
    let d = x.len() / y.len();
    let test_x = x[..w.batch * d].to_vec();
    let test_y = y[..w.batch].to_vec();
    let train = TensorSet::new(&config, "train", x, y).expect("workload data fits its config");
    let test = TensorSet::new(&config, "test", test_x, test_y).expect("first batch fits");
    Trainer::with_tensors(config, train, test).expect("workload config is valid")
}
