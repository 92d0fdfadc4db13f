//! Spending a time budget on whole units of work (training steps, test examples): the page
//! asks for "as much as fits in 8 ms" and stays responsive. The clock is the caller's (the
//! browser's `Date.now`, or a fake one in tests), so the loop is plain core code.

use super::Trainer;

impl Trainer {
    /// Trains the whole steps that fit in `milliseconds` of `clock` (at least one, at most
    /// `max_steps`); returns the number of steps run.
    pub fn run_for(
        &mut self,
        milliseconds: f64,
        max_steps: u32,
        clock: impl FnMut() -> f64,
    ) -> u32 {
        spend(milliseconds, max_steps, clock, |n| self.step(u64::from(n)))
    }

    /// Makes the current parameters' predictions for more test examples, for about
    /// `milliseconds` of `clock` (at least one example); returns how many are made.
    pub fn advance_test_predictions_for(
        &mut self,
        milliseconds: f64,
        clock: impl FnMut() -> f64,
    ) -> usize {
        let left = self.data.test().len() - self.test_predictions_made();
        let left = u32::try_from(left).unwrap_or(u32::MAX);
        spend(milliseconds, left, clock, |n| {
            self.advance_test_predictions(n as usize);
        });
        self.test_predictions_made()
    }
}

/// Runs `work(n)` on whole units that fit in `milliseconds`: at least one, at most `max` (none
/// when `max` is 0). Units go in batches between looks at `clock` (milliseconds), sized from
/// the time per unit so far: a cheap unit runs many per look, and no batch is started that
/// would end past the budget. Returns the number of units run.
fn spend(
    milliseconds: f64,
    max: u32,
    mut clock: impl FnMut() -> f64,
    mut work: impl FnMut(u32),
) -> u32 {
    let start = clock();
    let mut done = 0;
    let mut batch = 1.min(max);
    while done < max {
        work(batch);
        done += batch;
        let elapsed = clock() - start;
        let per_unit = elapsed / f64::from(done);
        let fit = ((milliseconds - elapsed) / per_unit.max(1e-3)).floor();
        if fit < 1.0 {
            break;
        }
        batch = (fit as u32).min(2 * batch).min(64).min(max - done);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::spend;
    use std::cell::Cell;

    /// A clock that advances `per_unit` milliseconds for each unit of work done.
    fn run(milliseconds: f64, max: u32, per_unit: f64) -> (u32, Vec<u32>) {
        let now = Cell::new(0.0);
        let mut batches = Vec::new();
        let done = spend(
            milliseconds,
            max,
            || now.get(),
            |n| {
                batches.push(n);
                now.set(now.get() + per_unit * f64::from(n));
            },
        );
        (done, batches)
    }

    #[test]
    fn at_least_one_unit_runs_even_past_the_budget() {
        assert_eq!(run(1.0, 10, 5.0), (1, vec![1]));
    }

    #[test]
    fn nothing_runs_when_nothing_is_asked() {
        assert_eq!(run(10.0, 0, 1.0), (0, vec![]));
    }

    #[test]
    fn units_that_fit_run_in_growing_batches_and_never_past_the_budget() {
        let (done, batches) = run(10.0, 1000, 1.0);
        assert_eq!(done, 10);
        assert_eq!(batches, vec![1, 2, 4, 3]);
    }

    #[test]
    fn a_trainer_runs_the_steps_its_budget_holds() {
        let mut t = crate::Trainer::new(crate::presets::preset("xor").unwrap().config).unwrap();
        let now = Cell::new(0.0);
        // Each look at the clock moves it 1 ms on: the budget of 6 ms holds few steps.
        let clock = || {
            now.set(now.get() + 1.0);
            now.get()
        };
        let steps = t.run_for(6.0, 100, clock);
        assert!((1..100).contains(&steps), "{steps}");
        assert_eq!(t.progress().step, u64::from(steps));
    }

    #[test]
    fn the_maximum_caps_the_units_and_a_batch_holds_at_most_64() {
        let (done, batches) = run(1000.0, 200, 0.001);
        assert_eq!(done, 200);
        assert!(batches.iter().all(|&b| b <= 64));
    }
}
