// A panic inside the wasm core kills the module for good (every instance on the page shares it).
// The core reports one by dispatching 'neural-kitchen-panic' on globalThis; a call into a dead
// module throws a WebAssembly.RuntimeError. Either way the instance stops and says so.

const PANIC_EVENT = 'neural-kitchen-panic';

// Whether `error` (thrown by a core call) means the core is dead.
function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}

// Calls onPanic(message) once, on the core's event, when `guard`ed work throws a panic (or
// returns a promise that rejects with one: a call answered by the trainer's worker), or on
// `report(message)`. Returns { guard(fn) → fn that runs it and reports a panic (other errors are
// thrown on), report(message), stop() }.
export function watchPanic(onPanic) {
  let dead = false;
  const report = (message) => {
    if (dead) return;
    dead = true;
    onPanic(message);
  };
  const onEvent = (event) => report(String(event.detail?.message ?? 'panic'));
  globalThis.addEventListener(PANIC_EVENT, onEvent);
  return {
    guard: (fn) => (...args) => {
      if (dead) return undefined;
      try {
        const result = fn(...args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error) => {
          if (!isPanic(error)) throw error;
          report(error.message);
          return undefined;
        });
      } catch (error) {
        if (!isPanic(error)) throw error;
        report(error.message);
        return undefined;
      }
    },
    report,
    stop: () => globalThis.removeEventListener(PANIC_EVENT, onEvent),
  };
}
