//! Element-wise activations. Shapes: input `z` and output `a` are both `N × width`, flat.

use crate::config::Activation;

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

/// `a = f(z)`
pub fn forward(kind: Activation, z: &[f32], a: &mut [f32]) {
    let pairs = a.iter_mut().zip(z);
    // One loop per kind, so that each is a plain (vectorisable) loop.
    match kind {
        // A comparison rather than `f32::max`, whose NaN rule keeps it out of SIMD lanes.
        Activation::Relu => pairs.for_each(|(a, &z)| *a = if z > 0.0 { z } else { 0.0 }),
        Activation::LeakyRelu => {
            pairs.for_each(|(a, &z)| *a = if z > 0.0 { z } else { LEAKY_SLOPE * z })
        }
        Activation::Tanh => pairs.for_each(|(a, &z)| *a = tanh(z)),
        // σ(z) = (1 + tanh(z/2)) / 2
        Activation::Sigmoid => pairs.for_each(|(a, &z)| *a = 0.5 + 0.5 * tanh(0.5 * z)),
        Activation::Linear => a.copy_from_slice(z),
    }
}

/// `dz = da ⊙ f'(z)`, with f' written from whichever of `z` or `a = f(z)` is cheaper.
pub fn backward(kind: Activation, z: &[f32], a: &[f32], da: &[f32], dz: &mut [f32]) {
    // `slope(z, a)`: one plain loop per kind.
    let mut each = |slope: fn(f32, f32) -> f32| {
        for (((dz, &da), &z), &a) in dz.iter_mut().zip(da).zip(z).zip(a) {
            *dz = da * slope(z, a);
        }
    };
    match kind {
        // relu'(z) = 1 if z > 0 else 0
        Activation::Relu => each(|z, _| if z > 0.0 { 1.0 } else { 0.0 }),
        Activation::LeakyRelu => each(|z, _| if z > 0.0 { 1.0 } else { LEAKY_SLOPE }),
        // tanh'(z) = 1 - tanh²(z)
        Activation::Tanh => each(|_, a| 1.0 - a * a),
        // σ'(z) = σ(z) (1 - σ(z))
        Activation::Sigmoid => each(|_, a| a * (1.0 - a)),
        Activation::Linear => dz.copy_from_slice(da),
    }
}

/// √(2/π), GELU's scale.
const GELU_SCALE: f32 = 0.797_884_6;
/// GELU's cubic term.
const GELU_CUBIC: f32 = 0.044_715;

/// GELU in its tanh approximation (GPT-2's), for a transformer's MLP:
/// `a = ½ z (1 + tanh(u))`, `u = √(2/π) (z + 0.044715 z³)`.
pub fn gelu_forward(z: &[f32], a: &mut [f32]) {
    for (a, &z) in a.iter_mut().zip(z) {
        *a = 0.5 * z * (1.0 + tanh(GELU_SCALE * (z + GELU_CUBIC * z * z * z)));
    }
}

/// `d ← d ⊙ gelu'(z)` in place (`da` in, `dz` out), with
/// `gelu'(z) = ½ (1 + tanh u) + ½ z (1 − tanh² u) √(2/π) (1 + 3·0.044715 z²)`.
pub fn gelu_backward(z: &[f32], d: &mut [f32]) {
    for (d, &z) in d.iter_mut().zip(z) {
        let th = tanh(GELU_SCALE * (z + GELU_CUBIC * z * z * z));
        let du = GELU_SCALE * (1.0 + 3.0 * GELU_CUBIC * z * z);
        *d *= 0.5 * (1.0 + th) + 0.5 * z * (1.0 - th * th) * du;
    }
}

/// tanh as a ratio of two polynomials (the approximation Eigen uses), within 4·10⁻⁷ of the
/// true value and never beyond ±1. Plain arithmetic, so a loop of it runs in SIMD lanes;
/// `f32::tanh` is a scalar library call several times slower.
pub fn tanh(z: f32) -> f32 {
    const ALPHA: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_672e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const BETA: [f32; 4] = [4.893_525e-3, 2.268_434_6e-3, 1.185_347_1e-4, 1.198_258_4e-6];
    // Beyond ±7.9 tanh is ±1 in f32.
    let z = z.clamp(-7.905_311, 7.905_311);
    let z2 = z * z;
    let p = ALPHA.iter().rev().fold(0.0, |acc, &c| acc * z2 + c) * z;
    let q = BETA.iter().rev().fold(0.0, |acc, &c| acc * z2 + c);
    p / q
}

/// e^x as plain arithmetic (Cephes' expf), so that a loop of it runs in SIMD lanes; `f32::exp`
/// is a library call several times slower. `x = n·ln 2 + r` with `|r| ≤ ½ ln 2` (n rounded by
/// adding 1.5·2²³, which leaves it in the low bits), `eʳ` by a degree-7 polynomial, `2ⁿ` built
/// from its bits. Within 2·10⁻⁷ relative of the true value on [−87, 88]; clamped beyond
/// (e⁻⁸⁷ ≈ 1.6·10⁻³⁸ stands for anything smaller).
pub fn exp(x: f32) -> f32 {
    const ROUND: f32 = 12_582_912.0; // 1.5·2²³
    const LN2_HIGH: f32 = 0.693_359_4;
    const LN2_LOW: f32 = -2.121_944_4e-4;
    const P: [f32; 6] = [
        1.987_569_1e-4,
        1.398_199_9e-3,
        8.333_452e-3,
        4.166_579_6e-2,
        0.166_666_65,
        0.5,
    ];
    let x = x.clamp(-87.0, 88.0);
    let shifted = x * std::f32::consts::LOG2_E + ROUND;
    let n = shifted - ROUND;
    let r = x - n * LN2_HIGH - n * LN2_LOW;
    let p = P.iter().fold(0.0, |acc, &c| acc * r + c);
    let n_bits = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    let power = f32::from_bits(n_bits.wrapping_add(127) << 23);
    (p * r * r + r + 1.0) * power
}

/// σ(z) = 1 / (1 + e^-z), written so that neither branch overflows.
pub fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tanh_is_within_four_ten_millionths_and_odd() {
        for i in -100_000..=100_000 {
            let z = i as f32 / 10_000.0;
            let (fast, exact) = (super::tanh(z), f64::from(z).tanh());
            assert!(
                (f64::from(fast) - exact).abs() < 4e-7,
                "tanh({z}) = {fast}, not {exact}"
            );
            assert!(fast.abs() <= 1.0 && super::tanh(-z) == -fast);
        }
        assert_eq!(super::tanh(f32::INFINITY), 1.0);
    }

    #[test]
    fn exp_is_within_two_ten_millionths_relative_and_clamped() {
        for i in -870_000..=880_000 {
            let x = i as f32 / 10_000.0;
            let (fast, exact) = (super::exp(x), f64::from(x).exp());
            assert!(
                ((f64::from(fast) - exact) / exact).abs() < 2e-7,
                "exp({x}) = {fast}, not {exact}"
            );
        }
        assert_eq!(super::exp(0.0), 1.0);
        assert_eq!(super::exp(-1000.0), super::exp(-87.0));
        assert!(super::exp(-1000.0) > 0.0 && super::exp(1000.0).is_finite());
    }
}
