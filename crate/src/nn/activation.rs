//! Element-wise activations. Shapes: input `z` and output `a` are both `N × width`, flat.

use crate::config::Activation;

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

/// `a = f(z)`
pub fn forward(kind: Activation, z: &[f32], a: &mut [f32]) {
    for (a, &z) in a.iter_mut().zip(z) {
        *a = match kind {
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Tanh => z.tanh(),
            Activation::Sigmoid => sigmoid(z),
            Activation::Linear => z,
        };
    }
}

/// `dz = da ⊙ f'(z)`, with f' written from whichever of `z` or `a = f(z)` is cheaper.
pub fn backward(kind: Activation, z: &[f32], a: &[f32], da: &[f32], dz: &mut [f32]) {
    for (((dz, &da), &z), &a) in dz.iter_mut().zip(da).zip(z).zip(a) {
        let slope = match kind {
            // relu'(z) = 1 if z > 0 else 0
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            // tanh'(z) = 1 - tanh²(z)
            Activation::Tanh => 1.0 - a * a,
            // σ'(z) = σ(z) (1 - σ(z))
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Linear => 1.0,
        };
        *dz = da * slope;
    }
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
