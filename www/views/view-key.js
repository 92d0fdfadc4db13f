// Typed redraw keys: a view keeps the key of what it last drew, a flat object of numbers, strings
// and booleans, and redraws when any field differs (no joined strings to build or parse back).

// Whether `next` differs from `previous` (null: never drawn) in any field either has, or in
// `fields` only.
export function changedKey(previous, next, fields = null) {
  if (!previous) return true;
  const names = fields ?? new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...names].some((name) => !Object.is(previous[name], next[name]));
}
