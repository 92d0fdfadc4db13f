//! Seeded 2D datasets in the square [-6, 6]², split into train and test sets.
//!
//! Classification sets have labels 0 and 1; regression sets have targets in [-1, 1]. At noise 0
//! every classification set is separable, so a good enough network can reach 100 %.

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::config::{Config, DatasetKind, Feature};
use crate::seed::{rng, Stream};

/// Half the side of the square the points live in.
pub const DOMAIN: f32 = 6.0;

/// Points and their targets, stored flat: `points` is `[x1, x2, x1, x2, ...]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointSet {
    pub points: Vec<f32>,
    pub targets: Vec<f32>,
}

impl PointSet {
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    pub fn point(&self, i: usize) -> (f32, f32) {
        (self.points[2 * i], self.points[2 * i + 1])
    }

    /// Adds a point, kept inside the square (noise may push it out).
    fn push(&mut self, x1: f32, x2: f32, target: f32) {
        self.points
            .extend([x1.clamp(-DOMAIN, DOMAIN), x2.clamp(-DOMAIN, DOMAIN)]);
        self.targets.push(target);
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub train: PointSet,
    pub test: PointSet,
}

impl Dataset {
    /// Generates the points the config describes (dataset, noise, count, split, seed).
    pub fn generate(config: &Config) -> Dataset {
        let mut rng = rng(config.seed, Stream::Data);
        let n = config.points as usize;
        let noise = (config.noise / 100.0) as f32;
        let all = match config.dataset {
            DatasetKind::Circle => circle(&mut rng, n, noise),
            DatasetKind::Xor => xor(&mut rng, n, noise),
            DatasetKind::Gaussian => two_gaussians(&mut rng, n, noise),
            DatasetKind::Spiral => spiral(&mut rng, n, noise),
            DatasetKind::Moons => moons(&mut rng, n, noise),
            DatasetKind::Plane => regression(&mut rng, n, noise, plane),
            DatasetKind::Bumps => regression(&mut rng, n, noise, bumps),
            // Image, tensor and text datasets have no points (see `data::TrainingData::load`).
            DatasetKind::Digits8
            | DatasetKind::Mnist
            | DatasetKind::Fashion
            | DatasetKind::Tensors
            | DatasetKind::Names
            | DatasetKind::Poems
            | DatasetKind::Dishes => {
                return Dataset {
                    train: PointSet::default(),
                    test: PointSet::default(),
                }
            }
        };
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut rng);
        let n_train = config.train_count();
        let pick = |indices: &[usize]| {
            let mut set = PointSet::default();
            for &i in indices {
                let (x1, x2) = all.point(i);
                set.push(x1, x2, all.targets[i]);
            }
            set
        };
        Dataset {
            train: pick(&order[..n_train]),
            test: pick(&order[n_train..]),
        }
    }
}

/// Writes the chosen features of point `(x1, x2)` into `out` (one value per feature).
pub fn features_into(features: &[Feature], x1: f32, x2: f32, out: &mut [f32]) {
    for (slot, f) in out.iter_mut().zip(features) {
        *slot = f.of(x1, x2);
    }
}

fn uniform(rng: &mut ChaCha8Rng, half_width: f32) -> f32 {
    rng.gen_range(-half_width..=half_width)
}

/// Class 1 inside radius 2.5, class 0 in the ring 3.5..5; noise blurs positions.
fn circle(rng: &mut ChaCha8Rng, n: usize, noise: f32) -> PointSet {
    let radius = 5.0;
    let mut set = PointSet::default();
    for i in 0..n {
        let inside = i < n / 2;
        let r = if inside {
            rng.gen_range(0.0..0.5 * radius)
        } else {
            rng.gen_range(0.7 * radius..radius)
        };
        let angle = rng.gen_range(0.0..std::f32::consts::TAU);
        let (x1, x2) = (r * angle.sin(), r * angle.cos());
        let (n1, n2) = (uniform(rng, radius) * noise, uniform(rng, radius) * noise);
        set.push(x1 + n1, x2 + n2, if inside { 1.0 } else { 0.0 });
    }
    set
}

/// The four quadrants: class 1 where x1·x2 > 0. Points keep a small margin from the axes.
fn xor(rng: &mut ChaCha8Rng, n: usize, noise: f32) -> PointSet {
    let padding = 0.3;
    let mut set = PointSet::default();
    for _ in 0..n {
        let away = |v: f32| if v > 0.0 { v + padding } else { v - padding };
        let x1 = away(uniform(rng, 5.0));
        let x2 = away(uniform(rng, 5.0));
        let (n1, n2) = (uniform(rng, 5.0) * noise, uniform(rng, 5.0) * noise);
        set.push(x1 + n1, x2 + n2, if x1 * x2 > 0.0 { 1.0 } else { 0.0 });
    }
    set
}

/// Two round clouds around (2, 2) (class 1) and (-2, -2) (class 0); noise widens them.
fn two_gaussians(rng: &mut ChaCha8Rng, n: usize, noise: f32) -> PointSet {
    let spread = 0.5 + 3.5 * noise;
    let normal = Normal::new(0.0, spread).expect("spread is positive");
    let mut set = PointSet::default();
    for i in 0..n {
        let (centre, label) = if i < n / 2 { (2.0, 1.0) } else { (-2.0, 0.0) };
        let x1 = centre + normal.sample(rng);
        let x2 = centre + normal.sample(rng);
        set.push(x1, x2, label);
    }
    set
}

/// Two interleaved arms turning 1.75 times around the centre.
fn spiral(rng: &mut ChaCha8Rng, n: usize, noise: f32) -> PointSet {
    let mut set = PointSet::default();
    let half = n / 2;
    for (arm, label, offset) in [(half, 1.0, 0.0), (n - half, 0.0, std::f32::consts::PI)] {
        for i in 0..arm {
            let r = i as f32 / arm as f32 * 5.0;
            let t = 1.75 * i as f32 / arm as f32 * std::f32::consts::TAU + offset;
            let x1 = r * t.sin() + uniform(rng, 1.0) * noise * 5.0;
            let x2 = r * t.cos() + uniform(rng, 1.0) * noise * 5.0;
            set.push(x1, x2, label);
        }
    }
    set
}

/// Two interlocking half circles (as scikit-learn's make_moons), scaled to the square.
fn moons(rng: &mut ChaCha8Rng, n: usize, noise: f32) -> PointSet {
    let normal = Normal::new(0.0, noise * 1.5).expect("spread is not negative");
    let scale = 3.0;
    let mut set = PointSet::default();
    for i in 0..n {
        let t = rng.gen_range(0.0..std::f32::consts::PI);
        let (x, y, label) = if i < n / 2 {
            (t.cos(), t.sin(), 0.0)
        } else {
            (1.0 - t.cos(), 0.5 - t.sin(), 1.0)
        };
        let x1 = (x - 0.5) * scale + normal.sample(rng);
        let x2 = (y - 0.25) * scale + normal.sample(rng);
        set.push(x1, x2, label);
    }
    set
}

/// Points spread evenly; the target is `f` at the noisy position, clamped to [-1, 1].
fn regression(rng: &mut ChaCha8Rng, n: usize, noise: f32, f: fn(f32, f32) -> f32) -> PointSet {
    let mut set = PointSet::default();
    for _ in 0..n {
        let x1 = uniform(rng, DOMAIN);
        let x2 = uniform(rng, DOMAIN);
        let (n1, n2) = (uniform(rng, DOMAIN) * noise, uniform(rng, DOMAIN) * noise);
        set.push(x1, x2, f(x1 + n1, x2 + n2).clamp(-1.0, 1.0));
    }
    set
}

/// A tilted plane.
fn plane(x1: f32, x2: f32) -> f32 {
    (x1 + x2) / (2.0 * DOMAIN)
}

/// Gaussian bumps of alternating sign on a 3×3 grid.
fn bumps(x1: f32, x2: f32) -> f32 {
    let mut value = 0.0;
    for (k, (c1, c2)) in [-4.0f32, 0.0, 4.0]
        .iter()
        .flat_map(|&a| [-4.0f32, 0.0, 4.0].map(move |b| (a, b)))
        .enumerate()
    {
        let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
        let d2 = (x1 - c1).powi(2) + (x2 - c2).powi(2);
        value += sign * (-d2 / (2.0 * 1.2f32.powi(2))).exp();
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dataset: DatasetKind) -> Config {
        Config {
            dataset,
            ..Config::default()
        }
    }

    #[test]
    fn the_split_follows_the_config() {
        let c = Config {
            points: 400,
            train_share: 30.0,
            ..config(DatasetKind::Circle)
        };
        let d = Dataset::generate(&c);
        assert_eq!(d.train.len(), 120);
        assert_eq!(d.test.len(), 280);
    }

    #[test]
    fn the_same_seed_gives_the_same_points_and_another_seed_others() {
        let a = Dataset::generate(&config(DatasetKind::Moons));
        let b = Dataset::generate(&config(DatasetKind::Moons));
        let c = Dataset::generate(&Config {
            seed: 2,
            ..config(DatasetKind::Moons)
        });
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn every_dataset_stays_near_the_square_with_valid_targets() {
        use DatasetKind::*;
        for kind in [Circle, Xor, Gaussian, Spiral, Moons, Plane, Bumps] {
            let d = Dataset::generate(&config(kind));
            for set in [&d.train, &d.test] {
                assert!(set.points.iter().all(|v| v.abs() <= DOMAIN), "{kind:?}");
                for &t in &set.targets {
                    if kind.is_regression() {
                        assert!((-1.0..=1.0).contains(&t), "{kind:?}");
                    } else {
                        assert!(t == 0.0 || t == 1.0, "{kind:?}");
                    }
                }
            }
            let ones = d.train.targets.iter().filter(|&&t| t == 1.0).count();
            if !kind.is_regression() {
                assert!(
                    ones > 0 && ones < d.train.len(),
                    "{kind:?} has both classes"
                );
            }
        }
    }
}
