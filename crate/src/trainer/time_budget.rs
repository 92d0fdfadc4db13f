//! Spending a time budget on whole units of work (training steps, test examples): the page
//! asks for "as much as fits in 8 ms" and stays responsive. The clock is the caller's (the
//! browser's `Date.now`, or a fake one in tests), so the loop is plain core code.

use super::Trainer;
use crate::config::limits::{MAX_STEPS_PER_CALL, MAX_TIME_BUDGET_MS};
use crate::error::{check_range, Result};

/// Checks a time budget: a number of milliseconds between 0 and `MAX_TIME_BUDGET_MS` (NaN and
/// the infinities are outside).
fn check_budget(milliseconds: f64) -> Result<()> {
    check_range("milliseconds", milliseconds, 0.0, MAX_TIME_BUDGET_MS)
}

impl Trainer {
    /// Trains the whole steps that fit in `milliseconds` of `clock` (at least one, at most
    /// `max_steps`); returns the number of steps run. Refuses a budget outside
    /// `0..=MAX_TIME_BUDGET_MS` and more than `MAX_STEPS_PER_CALL` steps.
    pub fn run_for(
        &mut self,
        milliseconds: f64,
        max_steps: u32,
        clock: impl FnMut() -> f64,
    ) -> Result<u32> {
        check_budget(milliseconds)?;
        check_range("maxSteps", max_steps, 0, MAX_STEPS_PER_CALL)?;
        Ok(spend(milliseconds, max_steps, clock, |n| {
            self.step(u64::from(n))
        }))
    }

    /// Makes the current parameters' predictions for more test examples, for about
    /// `milliseconds` of `clock` (at least one example); returns how many are made. Refuses a
    /// budget outside `0..=MAX_TIME_BUDGET_MS`.
    pub fn advance_test_predictions_for(
        &mut self,
        milliseconds: f64,
        clock: impl FnMut() -> f64,
    ) -> Result<usize> {
        check_budget(milliseconds)?;
        let left = self.data.test().len() - self.test_predictions_made();
        let left = u32::try_from(left).unwrap_or(u32::MAX);
        spend(milliseconds, left, clock, |n| {
            self.advance_test_predictions(n as usize);
        });
        Ok(self.test_predictions_made())
    }
}

/// Runs `work(n)` on whole units that fit in `milliseconds`: at least one, at most `max` (none
/// when `max` is 0). Units go in batches between looks at `clock` (milliseconds), sized from
/// the time per unit so far: a cheap unit runs many per look, and no batch is started that
/// would end past the budget. Returns the number of units run. Ends for any input: a budget or
/// clock that is not a number stops it after the first unit.
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
        // NaN (a budget or clock that is not a number) stops too.
        if fit.is_nan() || fit < 1.0 {
            break;
        }
        batch = (fit.min(64.0) as u32).min(2 * batch).min(max - done);
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
        let steps = t.run_for(6.0, 100, clock).unwrap();
        assert!((1..100).contains(&steps), "{steps}");
        assert_eq!(t.progress().step, u64::from(steps));
    }

    #[test]
    fn a_budget_that_is_not_a_number_runs_one_unit_and_ends() {
        assert_eq!(run(f64::NAN, 1000, 1.0), (1, vec![1]));
        assert_eq!(run(f64::INFINITY, 5, 1.0).0, 5);
        // A clock that reads NaN (the budget cannot be measured) ends it as well.
        let mut units = 0;
        assert_eq!(spend(10.0, 1000, || f64::NAN, |n| units += n), 1);
    }

    #[test]
    fn a_trainer_refuses_a_budget_or_step_count_out_of_range_by_name() {
        let mut t = crate::Trainer::new(crate::presets::preset("xor").unwrap().config).unwrap();
        let clock = || 0.0;
        for bad in [f64::NAN, f64::INFINITY, -1.0, 60_001.0] {
            let e = t.run_for(bad, 10, clock).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("milliseconds must be between 0 and 60000, got {bad}")
            );
            let e = t.advance_test_predictions_for(bad, clock).unwrap_err();
            assert_eq!(e.path(), Some("milliseconds"));
        }
        let e = t.run_for(5.0, u32::MAX, clock).unwrap_err();
        assert_eq!(
            e.to_string(),
            "maxSteps must be between 0 and 100000, got 4294967295"
        );
        assert_eq!(t.progress().step, 0, "nothing ran");
        assert!(t.advance_test_predictions_for(0.0, clock).unwrap() >= 1);
    }

    #[test]
    fn the_maximum_caps_the_units_and_a_batch_holds_at_most_64() {
        let (done, batches) = run(1000.0, 200, 0.001);
        assert_eq!(done, 200);
        assert!(batches.iter().all(|&b| b <= 64));
    }
}
