//! The teacher's verdict in detail: the class probabilities of every test example, and the
//! confusion matrix they give (row = true class, column = predicted class).

use super::history::EpochEntry;
use super::Trainer;

impl Trainer {
    /// Class probabilities (test examples × classes) for the current parameters (computed once
    /// per parameter change, finishing what `advance_test_predictions` began).
    pub fn test_predictions(&mut self) -> &[f32] {
        self.advance_test_predictions(usize::MAX);
        &self.test_predictions
    }

    /// Makes the current parameters' predictions for up to `count` more test examples, so
    /// that a page can spread a big test set over frames. Returns how many are made (the whole
    /// test set: `test_predictions` is ready without more work).
    pub fn advance_test_predictions(&mut self, count: usize) -> usize {
        let made = self.test_predictions_made();
        if made == 0 {
            self.test_predictions.clear();
        }
        let end = made.saturating_add(count).min(self.data().test().len());
        if end > made {
            let mut out = std::mem::take(&mut self.test_predictions);
            self.predict_examples(true, made..end, |_, pred, _| out.extend_from_slice(pred));
            self.test_predictions = out;
        }
        self.test_predictions_made = Some((self.params_version, end));
        end
    }

    /// How many test examples have predictions for the current parameters.
    pub fn test_predictions_made(&self) -> usize {
        match self.test_predictions_made {
            Some((version, made)) if version == self.params_version => made,
            _ => 0,
        }
    }

    /// Counts of (true class, predicted class) over the test set, `classes × classes`, from the
    /// same predictions as `test_predictions`.
    pub fn confusion(&mut self) -> Vec<u32> {
        self.test_predictions();
        self.confusion_of(&self.test_predictions)
    }

    /// An image network's predictions for its test images at the last measured epoch (made
    /// while its measurement was spread over steps; empty before the first), and that epoch.
    pub fn epoch_test_predictions(&self) -> (&[f32], Option<u64>) {
        match self.epoch_predictions_epoch {
            Some(epoch) => (&self.epoch_predictions, Some(epoch)),
            None => (&[], None),
        }
    }

    /// The epoch and step `epoch_test_predictions` belong to (None before the first).
    pub fn epoch_verdict_at(&self) -> Option<EpochEntry> {
        let (_, epoch) = self.epoch_test_predictions();
        self.history().entry_of_epoch(epoch?)
    }

    /// The confusion matrix of `epoch_test_predictions`.
    pub fn epoch_confusion(&self) -> Vec<u32> {
        self.confusion_of(self.epoch_test_predictions().0)
    }

    /// Counts of (true class, predicted class) over the first test examples, one per row of
    /// `predictions`.
    fn confusion_of(&self, predictions: &[f32]) -> Vec<u32> {
        let classes = self.config().classes().max(2);
        let loss = *self.network().loss();
        let mut counts = vec![0u32; classes * classes];
        if !loss.classification {
            return counts;
        }
        let test = self.data().test();
        for (i, p) in predictions.chunks_exact(loss.width).enumerate() {
            counts[test.target(i) as usize * classes + loss.class_of(p)] += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::Trainer;
    use crate::presets::preset;

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

    #[test]
    fn an_epochs_verdict_is_the_test_predictions_of_its_parameters() {
        let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        assert_eq!(t.epoch_test_predictions(), (&[][..], None));
        while t.history().epoch.len() < 2 {
            t.step(1);
        }
        let (kept, epoch) = t.epoch_test_predictions();
        let kept = kept.to_vec();
        assert_eq!(epoch, t.history().epoch.last().copied());
        let at = t.epoch_verdict_at().unwrap();
        assert_eq!(Some(at.epoch), epoch);
        assert_eq!(Some(at.step), t.history().step.last().copied());
        let counts = t.epoch_confusion();
        // The same parameters again, measured at once: the same predictions.
        let mut again = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        while again.progress().epoch < 1 {
            again.step(1);
        }
        // Measured in other chunks, so the products may round differently (tiny and small
        // products take different kernels).
        let now = again.test_predictions();
        assert_eq!(now.len(), kept.len());
        assert!(now.iter().zip(&kept).all(|(a, b)| (a - b).abs() < 1e-5));
        assert_eq!(again.confusion(), counts);
        assert_eq!(counts.iter().sum::<u32>() as usize, t.data().test().len());
    }

    #[test]
    fn test_predictions_follow_every_change_of_the_parameters() {
        let mut t = Trainer::new(preset("circle").unwrap().config).unwrap();
        let first = t.test_predictions().to_vec();
        assert_eq!(t.test_predictions(), &first[..]);
        t.step(1);
        let after_step = t.test_predictions().to_vec();
        assert_ne!(after_step, first);
        let last = t.params().len() - 1;
        t.set_weight(last, 5.0).unwrap();
        assert_ne!(t.test_predictions(), &after_step[..]);
    }

    #[test]
    fn test_predictions_made_in_slices_equal_those_made_at_once() {
        let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        t.step(30);
        let n = t.data().test().len();
        assert_eq!(t.test_predictions_made(), 0);
        // Slices that do not divide the set, nor the evaluation chunk.
        let mut made = 0;
        let mut slices = 0;
        while made < n {
            let next = t.advance_test_predictions(97);
            assert_eq!(next, (made + 97).min(n));
            made = next;
            slices += 1;
        }
        assert_eq!(slices, n.div_ceil(97));
        assert_eq!(t.test_predictions_made(), n);
        let sliced = t.test_predictions().to_vec();
        let mut once = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        once.step(30);
        let at_once = once.test_predictions();
        assert_eq!(sliced.len(), at_once.len());
        assert!(sliced
            .iter()
            .zip(at_once)
            .all(|(a, b)| (a - b).abs() < 1e-5));
    }

    #[test]
    fn a_change_of_the_parameters_restarts_test_predictions_made_in_slices() {
        let mut t = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        assert_eq!(t.advance_test_predictions(50), 50);
        t.step(1);
        assert_eq!(t.test_predictions_made(), 0);
        assert_eq!(t.advance_test_predictions(50), 50);
        let n = t.data().test().len();
        assert_eq!(t.test_predictions().len(), n * 10);
        let mut fresh = Trainer::new(preset("digits8-mlp").unwrap().config).unwrap();
        fresh.step(1);
        let expected = fresh.test_predictions();
        assert!(t
            .test_predictions()
            .iter()
            .zip(expected)
            .all(|(a, b)| (a - b).abs() < 1e-5));
    }
}
