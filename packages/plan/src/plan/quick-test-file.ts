/**
 * The tests of a test file from the quick parse's calls (quick-parse.ts), without TypeScript:
 * what typescript.ts's testFile reads from TypeScript's tree, for a file the quick parse accepts.
 *
 * Evidence cites tests by name, so verify-plan reads every cited test file; with TypeScript that
 * was a third of a plan's verification, and loading TypeScript itself. TypeScript's walk is
 * simple to follow over call expressions alone: it looks at calls from the outside in, stops at
 * a `describe`/`it`/`test` call, and goes on only into a `describe`'s function body. Calls nest
 * like their source ranges, so that walk is replayed on the ranges. quick-test-file.spec.ts holds
 * the result to TypeScript's on every test file of the repository and on broken variants of them.
 */
import { ASSERTION, type QuickCall, quickCalls } from './quick-parse';
import type { TestCase, TestFile, TestMark } from './typescript';

export const DESCRIBE = new Set(['describe', 'xdescribe', 'fdescribe']);
export const TEST = new Set(['it', 'test', 'xit', 'xtest', 'fit']);
export const ROOT_MARK: Readonly<Record<string, TestMark>> = {
  xdescribe: 'skip',
  xit: 'skip',
  xtest: 'skip',
  fdescribe: 'only',
  fit: 'only',
};
export const MEMBER_MARK: Readonly<Record<string, TestMark>> = {
  skip: 'skip',
  todo: 'todo',
  only: 'only',
  failing: 'failing',
};
/** jest's `.each` title placeholders: printf-style `%s` and `$name.path` for object rows. */
const EACH_PLACEHOLDER = /%%|%[a-zA-Z#]|\$[A-Za-z_][\w.]*/g;

/** A test's mark from its own chain: `xit`, `it.skip`, `test.only.each`. */
export function markOf(names: readonly string[]): TestMark | undefined {
  return (
    ROOT_MARK[names[0]] ??
    names
      .slice(1)
      .map((name) => MEMBER_MARK[name])
      .find(Boolean)
  );
}

interface Scope {
  readonly titles: ReadonlyArray<string | undefined>;
  readonly mark: TestMark | undefined;
  readonly markedBy: string | undefined;
  readonly each: boolean;
}

/** Thrown where a title needs TypeScript's reading of escapes: TypeScript then reads the file. */
const NOT_SURE = { notSure: true };

/** The tests of a (non-TSX) test file, or undefined when TypeScript must read it. */
export function quickTestFile(code: string): TestFile | undefined {
  const found = quickCalls(code);
  if (!found) return undefined;
  // Outermost first: by start, then the longer (a chained call holds the calls of its callee).
  const calls = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const lines = lineStarts(code);
  const tests: TestCase[] = [];

  /** TypeScript's walk over the calls in [from, to), which all lie in one region. */
  const walk = (from: number, to: number, scope: Scope): void => {
    let index = from;
    while (index < to) {
      const call = calls[index];
      // The calls inside this one: those that start before it ends.
      let inside = index + 1;
      while (inside < to && calls[inside].start < call.end) inside++;
      const root = call.names[0] ?? '';
      if (DESCRIBE.has(root) || TEST.has(root)) {
        visitTestCall(call, scope, index + 1, inside);
        index = inside;
      } else index++;
    }
  };

  const visitTestCall = (call: QuickCall, scope: Scope, from: number, to: number): void => {
    const { names } = call;
    const own = markOf(names);
    const mark = scope.mark ?? own;
    const markedBy = scope.mark ? scope.markedBy : own ? names.join('.') : undefined;
    const each = scope.each || names.includes('each');
    const titles = [...scope.titles, titleOf(call.titleLiteral)];
    const fn = call.functionBody;
    if (DESCRIBE.has(names[0])) {
      if (!fn) return;
      let first = from;
      while (first < to && calls[first].start < fn.start) first++;
      let last = first;
      while (last < to && calls[last].start < fn.end) last++;
      walk(first, last, { titles, mark, markedBy, each });
      return;
    }
    const fullName = titles.every((title) => title !== undefined) ? titles.join(' › ') : undefined;
    const todo = names.includes('todo');
    const reference = call.argumentCount > 1 && !fn && !todo;
    const at = position(lines, call.start);
    tests.push({
      titles,
      fullName,
      pattern: each && fullName !== undefined ? eachPattern(fullName) : undefined,
      mark: mark ?? (todo ? 'todo' : undefined),
      markedBy: markedBy ?? (todo ? names.join('.') : undefined),
      body: fn ? 'inline' : reference ? 'reference' : 'none',
      asserts: fn ? assertsIn(from, to, fn) : false,
      line: at.line,
      column: at.column,
    });
  };

  /** Whether a call among calls[from, to) lies in the body and asserts. */
  const assertsIn = (from: number, to: number, body: { start: number; end: number }): boolean => {
    for (let index = from; index < to; index++) {
      const call = calls[index];
      if (call.start >= body.start && call.end <= body.end && asserts(call)) return true;
    }
    return false;
  };

  try {
    walk(0, calls.length, { titles: [], mark: undefined, markedBy: undefined, each: false });
  } catch (error) {
    if (error === NOT_SURE) return undefined;
    throw error;
  }
  return { tests, syntaxErrors: 0 };
}

function asserts(call: QuickCall): boolean {
  return ASSERTION.test(call.names[0] ?? '');
}

/** A literal's text, as TypeScript's `text` has it; escapes and CRs are TypeScript's to read. */
function titleOf(literal: string | undefined): string | undefined {
  if (literal === undefined) return undefined;
  const inner = literal.slice(1, -1);
  if (inner.includes('\\') || inner.includes('\r')) throw NOT_SURE;
  return inner;
}

/** Line starts as TypeScript counts lines: CR LF, CR, LF, U+2028 and U+2029 each end one. */
function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 13) {
      if (code.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

/** A full name of an `.each` test as a pattern: its placeholders match anything. */
export function eachPattern(fullName: string): RegExp | undefined {
  if (fullName.search(EACH_PLACEHOLDER) === -1) return undefined;
  let pattern = '';
  let last = 0;
  for (const match of fullName.matchAll(EACH_PLACEHOLDER)) {
    pattern += escapeRegExp(fullName.slice(last, match.index));
    pattern += match[0] === '%%' ? '%' : '.*?';
    last = match.index! + match[0].length;
  }
  pattern += escapeRegExp(fullName.slice(last));
  return new RegExp(`^${pattern}$`, 's');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
