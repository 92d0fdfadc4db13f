// The names of an image dataset's classes (digits, or Fashion-MNIST's clothing).

// Names of the `classes` classes (the core's schema says how many): digits, or the clothing of
// Fashion-MNIST (translated).
export function classNamesOf(dataset, t, classes) {
  return Array.from({ length: classes }, (_, c) => (dataset === 'fashion' ? t(`fashion.${c}`) : String(c)));
}
