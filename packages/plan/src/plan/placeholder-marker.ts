/**
 * Finds the template's placeholder however it is disguised. A marker is a marker whatever its
 * case, and whatever a person puts inside or around it that a reader does not see: backticks,
 * emphasis, HTML comments or tags, entities and backslash escapes, zero-width and other invisible
 * characters, compatibility forms (full-width letters). A hurried developer who hides markers to
 * get a draft approved must not succeed.
 */
import { PLACEHOLDER } from './catalog';
import { unescapeAll } from './parse-plan';

/** `TODO(plan)` with any case and any white space (line breaks too) around the parentheses. */
const MARKER = new RegExp(
  PLACEHOLDER.replace(/[()]/g, (paren) => `\\s*\\${paren}\\s*`),
  'gi',
);
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const HTML_TAG = /<\/?[A-Za-z][^<>]*>/g;
/** Inline markup that renders as nothing around or inside a word. */
const INLINE_MARKUP = /[*_`~]/g;
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
// The ranges start at NUL on purpose: everything that is not ASCII.
// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/;
/** Runs of non-ASCII characters: the only ones that can be invisible. */
// eslint-disable-next-line no-control-regex
const NOT_ASCII_RUN = /[^\x00-\x7f]+/g;

/**
 * The 1-based lines that hold a placeholder, in order, once each. Lines are counted in `text`:
 * every transformation below keeps line breaks where they were.
 */
export function placeholderLines(text: string): number[] {
  const known = memo.get(text);
  if (known) return known;
  const found = scan(text);
  memo.set(text, found);
  if (memo.size > 8) memo.delete(memo.keys().next().value as string);
  return found;
}

/** Whether a piece of text (a table cell) holds a placeholder; not remembered. */
export function hasPlaceholder(text: string): boolean {
  return scan(text).length > 0;
}

/** The last few plans' answers: several rules ask about the same plan in turn. */
const memo = new Map<string, number[]>();

function scan(text: string): number[] {
  const lines = new Set<number>();
  collect(text, lines);
  collect(rendered(text), lines);
  return [...lines].sort((a, b) => a - b);
}

/** What a reader sees of the text, line for line. */
function rendered(text: string): string {
  let seen = text.replace(HTML_COMMENT, keepLineBreaks).replace(HTML_TAG, '');
  if (seen.includes('&') || seen.includes('\\')) seen = unescapeAll(seen);
  // Matching Unicode properties at every character is slow: only non-ASCII runs are looked at.
  if (NOT_ASCII.test(seen))
    seen = seen.normalize('NFKC').replace(NOT_ASCII_RUN, (run) => run.replace(INVISIBLE, ''));
  return seen.replace(INLINE_MARKUP, '');
}

function keepLineBreaks(hidden: string): string {
  return hidden.replace(/[^\n]/g, '');
}

function collect(text: string, lines: Set<number>): void {
  MARKER.lastIndex = 0;
  let line = 1;
  let scanned = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    for (
      let i = text.indexOf('\n', scanned);
      i !== -1 && i < match.index;
      i = text.indexOf('\n', i + 1)
    ) {
      line++;
      scanned = i + 1;
    }
    lines.add(line);
  }
}

/** 1-based column of a marker on a line of the plan, as written: where it starts, or 1. */
export function placeholderColumn(lineText: string): number {
  MARKER.lastIndex = 0;
  const plain = MARKER.exec(lineText);
  if (plain) return plain.index + 1;
  const loose = /t\W*o\W*d\W*o/i.exec(lineText);
  return loose ? loose.index + 1 : Math.max(lineText.search(/\S/), 0) + 1;
}
