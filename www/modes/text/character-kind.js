// What kind of character a token is, so the scatter can colour groups that may drift apart as
// the model learns: vowels and consonants in names, punctuation apart from Chinese characters
// (those by how often they occur), the boundary token on its own.

const VOWELS = new Set([...'aeiouAEIOUàáâäèéêëìíîïòóôöùúûü']);
const LETTER = /^\p{L}$/u;
const HAN = /^\p{Script=Han}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;

// Ranks (0 = most frequent) below which a Chinese character counts as common, then frequent.
export const COMMON_RANK = 100;
export const FREQUENT_RANK = 1000;

// The kinds in legend order, each with its colour (the palette's blue and orange ends for the
// two biggest groups, so they read apart for red–green colour blindness too).
export const KINDS = [
  { kind: 'boundary', colour: '#1d2330' },
  { kind: 'vowel', colour: '#2166ac' },
  { kind: 'consonant', colour: '#d66e14' },
  { kind: 'hanCommon', colour: '#08306b' },
  { kind: 'hanFrequent', colour: '#4f8fc6' },
  { kind: 'hanRare', colour: '#a9c7e2' },
  { kind: 'digit', colour: '#1b7837' },
  { kind: 'punctuation', colour: '#762a83' },
  { kind: 'other', colour: '#8a8f99' },
];

export const KIND_COLOUR = Object.fromEntries(KINDS.map(({ kind, colour }) => [kind, colour]));

// token: the character ("" is the boundary); rank: its place by count (0 = most frequent).
export function characterKind(token, rank) {
  if (token === '') return 'boundary';
  if (HAN.test(token)) return rank < COMMON_RANK ? 'hanCommon' : rank < FREQUENT_RANK ? 'hanFrequent' : 'hanRare';
  if (VOWELS.has(token)) return 'vowel';
  if (LETTER.test(token)) return 'consonant';
  if (DIGIT.test(token)) return 'digit';
  if (PUNCTUATION.test(token)) return 'punctuation';
  return 'other';
}

// Each token's rank by count (most frequent first; ties by token id), as an Int32Array.
export function countRanks(counts) {
  const order = Array.from(counts, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
  const ranks = new Int32Array(counts.length);
  order.forEach((token, rank) => {
    ranks[token] = rank;
  });
  return { order, ranks };
}

// How a token is shown: the boundary as "⏎", a space as "␣", the rest as they are.
export function tokenLabel(token) {
  if (token === '') return '⏎';
  if (token === ' ') return '␣';
  return token;
}
