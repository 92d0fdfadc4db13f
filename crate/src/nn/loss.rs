//! Losses ("tasting the dish"), each fused with its link from logits to predictions.
//!
//! Shapes: `logits`, `pred`, `d_logits`, `d_pred` are `N × k`; `targets` is `N` (a class index
//! stored as f32, or a regression value). Every loss is the mean over the `N` examples.

use crate::config::LossKind;
use crate::nn::activation::sigmoid;

/// Smallest probability used inside a division (the gradient with respect to a prediction; the
/// reported loss is computed from the logits and needs none).
const EPS: f32 = 1e-7;

/// A batch's loss: the sum over its examples (what a tally adds up: `loss_sum`'s value, found
/// without computing it again) and the mean (the function the gradients are of).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BatchLoss {
    pub sum: f64,
    pub mean: f32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Loss {
    pub kind: LossKind,
    /// Classification (targets are class indices) or regression (targets are values).
    pub classification: bool,
    /// Outputs per example (`k`).
    pub width: usize,
}

impl Loss {
    /// The prediction from the logits: softmax, sigmoid, or the identity for least squares.
    pub fn predict(&self, logits: &[f32], pred: &mut [f32]) {
        match self.kind {
            LossKind::CrossEntropy => {
                for (z, p) in logits
                    .chunks_exact(self.width)
                    .zip(pred.chunks_exact_mut(self.width))
                {
                    softmax(z, p);
                }
            }
            LossKind::BinaryCrossEntropy => {
                for (p, &z) in pred.iter_mut().zip(logits) {
                    *p = sigmoid(z);
                }
            }
            LossKind::Mse => pred.copy_from_slice(logits),
        }
    }

    /// The target of output `j` for an example: one-hot for a class, the value for regression.
    fn target(&self, target: f32, j: usize) -> f32 {
        match (self.classification, self.kind) {
            (false, _) | (true, LossKind::BinaryCrossEntropy) => target,
            (true, _) => f32::from(u8::from(target as usize == j)),
        }
    }

    /// `log Σ exp(z)` of an example's logits for the softmax cross-entropy (0 for the other
    /// losses, which do not use it).
    fn log_normaliser(&self, z: &[f32]) -> f32 {
        match self.kind {
            LossKind::CrossEntropy => log_sum_exp(z),
            _ => 0.0,
        }
    }

    /// One output's loss term and its derivatives `(L, ∂L/∂z, ∂L/∂p)` for logit `z`,
    /// prediction `p`, target `y` and the example's `log_normaliser` `lse`.
    fn term(&self, z: f32, p: f32, y: f32, lse: f32) -> (f32, f32, f32) {
        match self.kind {
            // L = -y log p = y (log Σ e^z - z), exact from the logits (no clamp of p, so it is
            // the function the gradient differentiates);  with softmax, ∂L/∂z = p - y (summed
            // over the outputs)
            LossKind::CrossEntropy => (y * (lse - z), p - y, -y / p.max(EPS)),
            // L = -[y log σ(z) + (1-y) log(1-σ(z))] = max(z,0) - z y + log(1 + e^-|z|)
            // ∂L/∂z = σ(z) - y
            LossKind::BinaryCrossEntropy => (
                z.max(0.0) - z * y + (-z.abs()).exp().ln_1p(),
                p - y,
                (p - y) / (p * (1.0 - p)).max(EPS),
            ),
            // L = ½ (p - y)²;  ∂L/∂p = p - y, and p = z
            LossKind::Mse => (0.5 * (p - y) * (p - y), p - y, p - y),
        }
    }

    /// The loss over the examples (summed and mean), and the mean's gradients with respect to
    /// the logits and to the predictions. `pred` must come from `predict(logits)`.
    pub fn loss_and_gradients(
        &self,
        logits: &[f32],
        pred: &[f32],
        targets: &[f32],
        d_logits: &mut [f32],
        d_pred: &mut [f32],
    ) -> BatchLoss {
        let scale = 1.0 / targets.len().max(1) as f32;
        if self.is_softmax_classification() {
            return self.softmax_loss_and_gradients(logits, pred, targets, d_logits, d_pred, scale);
        }
        let mut total = 0.0f64;
        for (i, &t) in targets.iter().enumerate() {
            let lse = self.log_normaliser(&logits[i * self.width..(i + 1) * self.width]);
            // Summed per example first, as `example_losses` does, so both give the same sum.
            let mut example = 0.0f64;
            for j in 0..self.width {
                let k = i * self.width + j;
                let (loss, dz, dp) = self.term(logits[k], pred[k], self.target(t, j), lse);
                example += f64::from(loss);
                d_logits[k] = dz * scale;
                d_pred[k] = dp * scale;
            }
            total += example;
        }
        BatchLoss {
            sum: total,
            mean: (total * f64::from(scale)) as f32,
        }
    }

    /// Softmax cross-entropy over classes: only the target's term of an example is not zero,
    /// so it alone is computed (a text network's thousands of classes make the rest count).
    fn is_softmax_classification(&self) -> bool {
        self.kind == LossKind::CrossEntropy && self.classification
    }

    /// `loss_and_gradients` of the softmax cross-entropy: `L = lse(z) - z_t`, `∂L/∂z = p - y`,
    /// `∂L/∂p_t = -1/p_t` (0 for the other outputs).
    fn softmax_loss_and_gradients(
        &self,
        logits: &[f32],
        pred: &[f32],
        targets: &[f32],
        d_logits: &mut [f32],
        d_pred: &mut [f32],
        scale: f32,
    ) -> BatchLoss {
        let w = self.width;
        let mut total = 0.0f64;
        let rows = logits.chunks_exact(w).zip(pred.chunks_exact(w));
        let d_rows = d_logits.chunks_exact_mut(w).zip(d_pred.chunks_exact_mut(w));
        for (((z, p), (dz, dp)), &t) in rows.zip(d_rows).zip(targets) {
            let t = t as usize;
            total += self.target_term(z, t);
            for (dz, &p) in dz.iter_mut().zip(p) {
                *dz = p * scale;
            }
            dp.fill(0.0);
            if t < w {
                dz[t] = (p[t] - 1.0) * scale;
                dp[t] = -scale / p[t].max(EPS);
            }
        }
        BatchLoss {
            sum: total,
            mean: (total * f64::from(scale)) as f32,
        }
    }

    /// `lse(z) - z_t` of one example (0 for a target outside the classes, as the sum over
    /// one-hot terms gives).
    fn target_term(&self, z: &[f32], t: usize) -> f64 {
        z.get(t).map_or(0.0, |&z_t| f64::from(log_sum_exp(z) - z_t))
    }

    /// Summed (not averaged) loss, for evaluating whole sets in chunks.
    pub fn loss_sum(&self, logits: &[f32], pred: &[f32], targets: &[f32]) -> f64 {
        self.example_losses(logits, pred, targets).sum()
    }

    /// Each example's own loss (what a batch's loss is the mean of): the page marks every
    /// example of a batch by how badly it was served.
    pub fn example_losses<'a>(
        &'a self,
        logits: &'a [f32],
        pred: &'a [f32],
        targets: &'a [f32],
    ) -> impl Iterator<Item = f64> + 'a {
        let rows = logits
            .chunks_exact(self.width)
            .zip(pred.chunks_exact(self.width));
        rows.zip(targets).map(move |((z, p), &t)| {
            if self.is_softmax_classification() {
                return self.target_term(z, t as usize);
            }
            let lse = self.log_normaliser(z);
            (0..self.width)
                .map(|j| f64::from(self.term(z[j], p[j], self.target(t, j), lse).0))
                .sum()
        })
    }

    /// The class predicted for one example's predictions.
    pub fn class_of(&self, pred: &[f32]) -> usize {
        match self.kind {
            LossKind::BinaryCrossEntropy => usize::from(pred[0] >= 0.5),
            // The first of the largest outputs.
            _ => {
                pred.iter()
                    .enumerate()
                    .fold((0, f32::NEG_INFINITY), |best, (j, &p)| {
                        if p > best.1 {
                            (j, p)
                        } else {
                            best
                        }
                    })
                    .0
            }
        }
    }

    /// A display score in [-1, 1]: 2·p(class 1) − 1 (or the margin for least squares), or the
    /// regression value clamped.
    pub fn score_of(&self, pred: &[f32]) -> f32 {
        let s = if !self.classification {
            pred[0]
        } else if self.kind == LossKind::BinaryCrossEntropy {
            2.0 * pred[0] - 1.0
        } else {
            pred[1] - pred[0]
        };
        s.clamp(-1.0, 1.0)
    }
}

/// log Σ exp(z), shifted by max(z) so exp never overflows.
fn log_sum_exp(z: &[f32]) -> f32 {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = z.iter().map(|&z| (z - max).exp()).sum();
    max + sum.ln()
}

/// p = softmax(z), shifted by max(z) so exp never overflows.
fn softmax(z: &[f32], p: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for (p, &z) in p.iter_mut().zip(z) {
        *p = (z - max).exp();
        sum += *p;
    }
    for p in p.iter_mut() {
        *p /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loss_of(kind: LossKind, width: usize, logits: &[f32], targets: &[f32]) -> f32 {
        let loss = Loss {
            kind,
            classification: true,
            width,
        };
        let mut pred = vec![0.0; logits.len()];
        loss.predict(logits, &mut pred);
        let (mut dz, mut dp) = (vec![0.0; logits.len()], vec![0.0; logits.len()]);
        let batch = loss.loss_and_gradients(logits, &pred, targets, &mut dz, &mut dp);
        let sum = loss.loss_sum(logits, &pred, targets);
        assert_eq!(batch.sum.to_bits(), sum.to_bits());
        assert_eq!(batch.mean * targets.len() as f32, sum as f32);
        batch.mean
    }

    #[test]
    fn saturated_cross_entropy_reports_the_true_loss_not_a_clamped_one() {
        // softmax([0, 100]) puts p(class 0) = e^-100: the loss is 100, not -ln(1e-7) = 16.1.
        let loss = loss_of(LossKind::CrossEntropy, 2, &[0.0, 100.0], &[0.0]);
        assert!((loss - 100.0).abs() < 1e-3, "{loss}");
        let loss = loss_of(LossKind::CrossEntropy, 3, &[-400.0, 0.0, 400.0], &[0.0]);
        assert!((loss - 800.0).abs() < 1e-2, "{loss}");
    }

    #[test]
    fn cross_entropy_of_ordinary_logits_is_minus_log_softmax() {
        let z = [0.5f32, -1.0, 2.0];
        let lse = z.iter().map(|z| f64::from(*z).exp()).sum::<f64>().ln();
        let loss = loss_of(LossKind::CrossEntropy, 3, &z, &[1.0]);
        assert!((f64::from(loss) - (lse + 1.0)).abs() < 1e-5, "{loss}");
    }

    #[test]
    fn example_losses_are_each_examples_own_loss_and_add_up_to_the_sum() {
        for (kind, width, targets) in [
            (LossKind::CrossEntropy, 2, [1.0, 0.0]),
            (LossKind::BinaryCrossEntropy, 1, [1.0, 0.0]),
            (LossKind::Mse, 2, [1.0, 0.0]),
        ] {
            let logits: Vec<f32> = [0.3, -1.2, 2.0, 0.5][..2 * width].to_vec();
            let loss = Loss {
                kind,
                classification: true,
                width,
            };
            let mut pred = vec![0.0; logits.len()];
            loss.predict(&logits, &mut pred);
            let each: Vec<f64> = loss.example_losses(&logits, &pred, &targets).collect();
            assert_eq!(each.len(), 2);
            for (i, &l) in each.iter().enumerate() {
                let row = i * width..(i + 1) * width;
                let (mut dz, mut dp) = (vec![0.0; width], vec![0.0; width]);
                let (z, p) = (&logits[row.clone()], &pred[row]);
                let alone = loss.loss_and_gradients(z, p, &targets[i..=i], &mut dz, &mut dp);
                assert_eq!(l.to_bits(), alone.sum.to_bits(), "{kind:?}");
            }
            assert_ne!(each[0], each[1], "{kind:?}: two different examples");
            let sum = loss.loss_sum(&logits, &pred, &targets);
            assert_eq!((each[0] + each[1]).to_bits(), sum.to_bits(), "{kind:?}");
        }
    }

    #[test]
    fn cross_entropy_of_an_example_is_minus_log_its_targets_probability() {
        let loss = Loss {
            kind: LossKind::CrossEntropy,
            classification: true,
            width: 2,
        };
        let logits = [0.2f32, 1.1];
        let mut pred = [0.0; 2];
        loss.predict(&logits, &mut pred);
        let each: Vec<f64> = loss.example_losses(&logits, &pred, &[1.0]).collect();
        assert!(
            (each[0] + f64::from(pred[1]).ln()).abs() < 1e-6,
            "{each:?} {pred:?}"
        );
    }

    #[test]
    fn saturated_binary_cross_entropy_reports_the_true_loss() {
        let loss = loss_of(LossKind::BinaryCrossEntropy, 1, &[100.0], &[0.0]);
        assert!((loss - 100.0).abs() < 1e-3, "{loss}");
    }
}
