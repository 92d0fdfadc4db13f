// The ten classes every image dataset has (digits, or Fashion-MNIST's clothing) and their names.

export const CLASSES = 10;

// Names of the classes: digits, or the clothing of Fashion-MNIST (translated).
export function classNamesOf(dataset, t) {
  return Array.from({ length: CLASSES }, (_, c) => (dataset === 'fashion' ? t(`fashion.${c}`) : String(c)));
}
