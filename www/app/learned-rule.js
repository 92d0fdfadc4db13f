// When has the cook learned? The rule the page's "pause when learned" and an embed's
// autoplay="until-learned" share: fed each epoch's measured test loss and accuracy, it says when
// the cook has learned what its recipe promises, or stopped improving.

// "Learned": the test accuracy reaches what every classification recipe promises within its
// epochs (the core's own tests hold them to it), or the test loss has made no new best (by more
// than a hundredth of it) for this many epochs in a row, or it is no longer a finite number.
export const LEARNED_ACCURACY = 0.95;
export const PLATEAU_EPOCHS = 5;
const IMPROVEMENT = 0.01;

// Watches the metrics at each epoch's end; observe() → null, or why the cook has learned:
// 'accuracy' | 'plateau' | 'diverged'.
// `best` and `bestEpoch` (when given `epoch`) say where the test loss was lowest.
export class LearnedRule {
  best = Infinity;
  bestEpoch = 0;
  sinceBest = 0;

  observe({ testLoss, testAccuracy, epoch = 0 }) {
    if (!Number.isFinite(testLoss)) return 'diverged';
    if (testAccuracy != null && testAccuracy >= LEARNED_ACCURACY) return 'accuracy';
    if (testLoss < this.best * (1 - IMPROVEMENT)) {
      this.best = testLoss;
      this.bestEpoch = epoch;
      this.sinceBest = 0;
      return null;
    }
    this.sinceBest += 1;
    return this.sinceBest >= PLATEAU_EPOCHS ? 'plateau' : null;
  }
}

