//! The teacher's verdict in detail: the class probabilities of every test example, and the
//! confusion matrix they give (row = true class, column = predicted class).

use crate::Trainer;

impl Trainer {
    /// Class probabilities (test examples × classes) for the current parameters.
    pub fn test_predictions(&mut self) -> &[f32] {
        let n = self.data().test().len();
        let mut out = std::mem::take(&mut self.test_predictions);
        out.clear();
        self.predict_examples(true, 0..n, |_, pred, _| out.extend_from_slice(pred));
        self.test_predictions = out;
        &self.test_predictions
    }

    /// Counts of (true class, predicted class) over the test set, `classes × classes`.
    pub fn confusion(&mut self) -> Vec<u32> {
        let classes = self.config().dataset.classes().max(2);
        let loss = *self.network().loss();
        let mut counts = vec![0u32; classes * classes];
        if !loss.classification {
            return counts;
        }
        let n = self.data().test().len();
        self.predict_examples(true, 0..n, |_, pred, targets| {
            for (p, &truth) in pred.chunks_exact(loss.width).zip(targets) {
                counts[truth as usize * classes + loss.class_of(p)] += 1;
            }
        });
        counts
    }
}

#[cfg(test)]
mod tests {
    use crate::presets::preset;
    use crate::Trainer;

    #[test]
    fn the_confusion_matrix_counts_every_test_example_and_agrees_with_accuracy() {
        let mut t = Trainer::new(preset("xor").unwrap().config).unwrap();
        t.step(200);
        let counts = t.confusion();
        let n = t.data().test().len() as u32;
        assert_eq!(counts.iter().sum::<u32>(), n);
        let correct = counts[0] + counts[3];
        let accuracy = t.metrics().test_accuracy.unwrap();
        assert!((correct as f32 / n as f32 - accuracy).abs() < 1e-6);
        assert_eq!(t.test_predictions().len(), 2 * n as usize);
    }
}
