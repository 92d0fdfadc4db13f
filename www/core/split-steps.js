// The loop of a data-parallel run, the same in every replica (replica-worker.js, and the page's
// trainer worker as replica 0): each step the replica computes the gradient of its share of the
// batch (Trainer.shareGradient), hands it over and takes the others' (gradient-exchange.js),
// and applies the sum, so every replica makes the same update. Replica 0 decides whether another
// step follows and says so in the exchange, so every replica runs the same steps.

// Replica 0's rule: another step if the steps asked for are not all run and one more step (at
// the mean time per step so far) still ends within the budget.
function another(steps, maxSteps, start, budgetMs) {
  if (steps >= maxSteps) return false;
  const spent = performance.now() - start;
  return spent + spent / steps <= budgetMs;
}

// Steps of `trainer` as replica `part` of `parts` through `exchange`, until `budgetMs` has passed
// (Infinity: no budget; at least one step) or `maxSteps` are run (replica 0's word for all).
// → { steps, waitMs }: `waitMs` went on the exchange (waiting for the others).
export async function splitSteps(trainer, exchange, part, parts, { budgetMs, maxSteps }) {
  let steps = 0;
  let waitMs = 0;
  const start = performance.now();
  for (let more = true; more;) {
    const tally = trainer.shareGradient(part, parts);
    steps++;
    const mine = part === 0 && another(steps, maxSteps, start, budgetMs);
    // Shared memory answers at once; the ports' exchange is awaited.
    const before = performance.now();
    const sum = await exchange.exchange(trainer.grads(), tally, mine);
    waitMs += performance.now() - before;
    trainer.applyGradient(sum.grads, sum.tally);
    more = sum.more;
  }
  return { steps, waitMs };
}
