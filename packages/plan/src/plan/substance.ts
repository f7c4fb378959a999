/**
 * How much a piece of plan text says. The rules that ask for "real words" (a section's content,
 * an N/A reason, a threat row) count words here, so that they judge alike: what a hurried writer
 * puts in to silence a rule (`.`, `-`, `n/a`, `ok`, `tbd`) is not a word.
 */

/** A run of letters and digits (with inner `'`, `-`, `_`, `.`) holding at least two letters. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}'’_.-]*[\p{L}\p{M}\p{N}])?/gu;
const TWO_LETTERS = /\p{L}[^\p{L}]*\p{L}/u;

/** Words that fill a blank without saying anything. */
const FILLER = new Set([
  'na',
  'none',
  'nothing',
  'nil',
  'null',
  'tbd',
  'tba',
  'todo',
  'tbc',
  'ok',
  'okay',
  'xxx',
  'foo',
  'bar',
  'lorem',
  'ipsum',
  'idem',
  'ditto',
  'etc',
  'whatever',
  'applicable',
  'irrelevant',
]);

/** The meaningful words of a text: at least two letters each, fillers left out. */
export function meaningfulWords(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    if (TWO_LETTERS.test(word) && !FILLER.has(word.toLowerCase())) words.push(word);
  }
  return words;
}

export function hasWords(text: string, minimum: number): boolean {
  return minimum <= 0 || countWords(text, minimum) >= minimum;
}

/** The meaningful words of a text, counted up to `enough` (and no further). */
export function countWords(text: string, enough: number): number {
  let count = 0;
  for (const [word] of text.matchAll(WORD)) {
    if (TWO_LETTERS.test(word) && !FILLER.has(word.toLowerCase()) && ++count >= enough)
      return count;
  }
  return count;
}

/**
 * The thresholds, in one place (docs/rules.md gives them). Low on purpose: terse but real text
 * passes ("Flood | Rooms | Rate limit", "N/A: batch job"; the worked example's shortest threat
 * is two words, its shortest mitigation three), while `.`, `ok`, `-`, `N/A` and `n/a` do not.
 */
export const MINIMUM_WORDS = {
  section: 3,
  naReason: 2,
  threat: 1,
  asset: 1,
  mitigation: 2,
} as const;
