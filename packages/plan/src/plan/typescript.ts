/**
 * TypeScript, as the rules read the plan's code blocks: loaded once, on first use, and each
 * block parsed once for every rule that asks (syntax, tests, assertions). No type check: a
 * plan's snippets import code that may not exist yet.
 */
import type * as ts from 'typescript';
import type { SourcePosition } from './line-index';
import type { CodeBlock, ParsedPlan } from './plan-model';
import {
  ASSERTION,
  NOT_RUN,
  QuickCensus,
  quickParse,
  TEST_API,
  TEST_FUNCTIONS,
} from './quick-parse';
import { DESCRIBE, eachPattern, markOf, quickTestFile, TEST } from './quick-test-file';

/**
 * TypeScript is loaded on first use. It is by far the largest module the plan model needs
 * (~0.4 s to load), and Nx loads the plugin's entry point, which exports the model, in a plugin
 * worker on every command that computes the project graph, only to read createNodesV2.
 *
 * It is the plugin's own TypeScript, a pinned dependency, not the workspace's: a workspace on
 * TypeScript 6 or 7 (whose native compiler has no JavaScript API) gets a copy nested under the
 * plugin, so the findings are the same whatever the workspace compiles with.
 */
let compiler: typeof ts | undefined;
export function typescript(): typeof ts {
  if (compiler) return compiler;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('typescript') as typeof ts;
  if (typeof loaded.createSourceFile !== 'function' || typeof loaded.createScanner !== 'function') {
    throw new Error(
      `@mjomeet/plan needs TypeScript's JavaScript API (its own dependency, typescript 5.9), but the typescript ${String(loaded.version ?? '')} it loaded has none. Reinstall @mjomeet/plan so that npm gives it its own copy, and check that no "overrides" entry replaces it.`,
    );
  }
  return (compiler = loaded);
}

/** Info-string languages read as TypeScript. */
const TYPESCRIPT = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts']);

export function isTypeScriptBlock(block: CodeBlock): boolean {
  return TYPESCRIPT.has(block.lang);
}

/** `parseDiagnostics` is not in TypeScript's public typings, but it is what the parser found. */
interface ParsedSource extends ts.SourceFile {
  readonly parseDiagnostics?: readonly ts.DiagnosticWithLocation[];
}

/**
 * Each block is parsed once for all the rules that read it (syntax, assertions): the last
 * parses are kept by code, which is what a plan's rules ask for in turn.
 */
const parsed = new Map<string, ParsedSource | Error>();
const PARSE_CACHE_SIZE = 64;

function parseBlock(code: string, tsx: boolean): ParsedSource | Error {
  const key = `${tsx ? 'x' : 's'}${code}`;
  let source = parsed.get(key);
  if (source) return source;
  const ts = typescript();
  try {
    source = ts.createSourceFile(
      tsx ? 'block.tsx' : 'block.ts',
      code,
      ts.ScriptTarget.Latest,
      false,
      tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    ) as ParsedSource;
  } catch (error) {
    source = error instanceof Error ? error : new Error(String(error));
  }
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, source);
  return source;
}

/**
 * What the quick parse (quick-parse.ts) says of a block: its census when the block certainly
 * parses, null when TypeScript must decide. Kept for the rules that ask in turn, like parses.
 */
const quick = new Map<string, QuickCensus | null>();

function quickResult(code: string, tsx: boolean): QuickCensus | null {
  // TSX is TypeScript's alone. Keyed by the block's own string, whose hash V8 keeps with it (a
  // key built from it would be hashed, all of its kilobytes, on every look-up).
  if (tsx) return null;
  let result = quick.get(code);
  if (result !== undefined) return result;
  result = quickParse(code, tsx) ?? null;
  if (quick.size >= PARSE_CACHE_SIZE) quick.delete(quick.keys().next().value as string);
  quick.set(code, result);
  return result;
}

export interface SyntaxProblem {
  /** 0-based line and column in the block's code. */
  readonly codeLine: number;
  readonly codeColumn: number;
  readonly message: string;
  readonly count: number;
}

/**
 * The first syntax error of a piece of TypeScript, with the number of errors, using TypeScript's
 * own parser (no type check: a plan's snippets import code that may not exist yet).
 */
export function firstSyntaxError(code: string, tsx: boolean): SyntaxProblem | undefined {
  // Most blocks parse: the quick parse says so without TypeScript; TypeScript finds the error.
  if (quickResult(code, tsx)) return undefined;
  return typeScriptSyntaxError(code, tsx);
}

/** firstSyntaxError with TypeScript's parser alone (what the quick parse is held to). */
export function typeScriptSyntaxError(code: string, tsx: boolean): SyntaxProblem | undefined {
  const ts = typescript();
  const source = parseBlock(code, tsx);
  if (source instanceof Error) {
    const error = source;
    // The parser is recursive: thousands of nested braces overflow the stack. Such a block is
    // not code anyone reviews; report it rather than let the verifier crash.
    const reason = error instanceof RangeError ? 'it is nested too deeply to parse' : String(error);
    return {
      codeLine: 0,
      codeColumn: 0,
      message: `TypeScript's parser gave up: ${reason}`,
      count: 1,
    };
  }
  const diagnostics = source.parseDiagnostics ?? [];
  if (diagnostics.length === 0) return undefined;
  const first = diagnostics.reduce((a, b) => (b.start < a.start ? b : a));
  // Lines as markdown-it counts them (`\n` only: the block's content is already normalised);
  // TypeScript's own line map would also break at U+2028.
  let codeLine = 0;
  let lineStart = 0;
  for (let i = code.indexOf('\n'); i !== -1 && i < first.start; i = code.indexOf('\n', i + 1)) {
    codeLine++;
    lineStart = i + 1;
  }
  return {
    codeLine,
    codeColumn: first.start - lineStart,
    // TypeScript's messages end with a full stop; the finding goes on after it.
    message: ts.flattenDiagnosticMessageText(first.messageText, ' ').replace(/\.$/, ''),
    count: diagnostics.length,
  };
}

/** Maps a position in a block's code to the plan file (the code may be indented in a list). */
export function positionInPlan(
  plan: ParsedPlan,
  block: CodeBlock,
  problem: SyntaxProblem,
): SourcePosition {
  const line = block.codeLine + problem.codeLine;
  const codeLineText = block.code.split('\n', problem.codeLine + 1)[problem.codeLine] ?? '';
  const sourceText = plan.lines.lineText(line);
  const indent = sourceText.endsWith(codeLineText) ? sourceText.length - codeLineText.length : 0;
  return { line, column: indent + problem.codeColumn + 1 };
}

/** The test functions of a block, as jest reads them. */
export interface TestCensus {
  /** Whether the block calls jest's test API at all (`describe`, `it`, `test`, their variants). */
  readonly callsTestApi: boolean;
  /** `it`/`test` calls with a body, skipped and todo ones excluded. */
  readonly tests: number;
  /** Those whose body asserts something (`expect…`, `assert…`). */
  readonly asserting: number;
}

/** Counts the tests of a piece of TypeScript and those that assert; undefined if it does not parse. */
export function testCensus(code: string, tsx = false): TestCensus | undefined {
  const census = quickResult(code, tsx);
  if (census) return census;
  return typeScriptCensus(code, tsx);
}

/** The census from TypeScript's tree (what quickParse's census is held to). */
export function typeScriptCensus(code: string, tsx = false): TestCensus | undefined {
  const source = parseBlock(code, tsx);
  if (source instanceof Error) return undefined;
  const ts = typescript();
  let callsTestApi = false;
  let tests = 0;
  let asserting = 0;
  /** `it.only.each(t)` → ['it', 'only', 'each']: the root name and the members on the way. */
  const chain = (callee: ts.Expression): string[] => {
    if (ts.isIdentifier(callee)) return [callee.text];
    if (ts.isPropertyAccessExpression(callee))
      return [...chain(callee.expression), callee.name.text];
    if (ts.isCallExpression(callee)) return chain(callee.expression);
    return [];
  };
  const asserts = (node: ts.Node): boolean =>
    (ts.isCallExpression(node) && ASSERTION.test(chain(node.expression)[0] ?? '')) ||
    ts.forEachChild(node, asserts) === true;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const names = chain(node.expression);
      if (TEST_API.has(names[0] ?? '')) callsTestApi = true;
      if (TEST_FUNCTIONS.has(names[0] ?? '') && !names.some((name) => NOT_RUN.has(name))) {
        const body = node.arguments.find(
          (argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument),
        );
        if (body) {
          tests++;
          if (asserts(body)) asserting++;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  try {
    visit(source);
  } catch {
    return undefined; // nested too deeply: tests/syntax-error reports the block
  }
  return { callsTestApi, tests, asserting };
}

/** Why a test would not run as a passing test: jest's modifiers, on it or on a `describe` around it. */
export type TestMark = 'skip' | 'todo' | 'only' | 'failing';

/** One `it`/`test` of a test file, as jest names it. */
export interface TestCase {
  /** The `describe` titles around it, then its own title; undefined where a title is not a literal. */
  readonly titles: ReadonlyArray<string | undefined>;
  /** The titles joined by ` › `, when every one is a literal. */
  readonly fullName: string | undefined;
  /**
   * For a test of an `.each` table (`it.each(rows)('refuses %s', …)`): what the names jest gives
   * its rows look like, with every placeholder (`%s`, `$name`) as a wildcard.
   */
  readonly pattern: RegExp | undefined;
  /** Skipped, todo, focused or expected to fail, and by what (`it.skip`, `xdescribe`). */
  readonly mark: TestMark | undefined;
  readonly markedBy: string | undefined;
  /** `inline`: a function written in the call; `reference`: a function named there; `none`: todo. */
  readonly body: 'inline' | 'reference' | 'none';
  /** Whether the inline body calls `expect…` or `assert…`. */
  readonly asserts: boolean;
  /** 1-based position of the call in the file. */
  readonly line: number;
  readonly column: number;
}

export interface TestFile {
  readonly tests: readonly TestCase[];
  /** Syntax errors TypeScript's parser found (the tests found are what it could read). */
  readonly syntaxErrors: number;
}

const testFiles = new Map<string, TestFile | undefined>();
const TEST_FILE_CACHE_SIZE = 256;

/**
 * The tests of a test file, as jest would name them: nested `describe`s, `it`/`test` and their
 * modifiers, with string or template-literal titles (a title with `${…}` or a variable is not
 * known before the tests run). Read by the quick parse when it is sure (quick-test-file.ts), else
 * with TypeScript's parser (TSX for `.tsx`/`.jsx`); the last files asked for are kept by their
 * code. Undefined when the file cannot be parsed at all.
 */
export function testFile(code: string, fileName: string): TestFile | undefined {
  const tsx = /\.[jt]sx$/.test(fileName);
  const key = `${tsx ? 'x' : 's'}${code}`;
  if (testFiles.has(key)) return testFiles.get(key);
  const census = readTestFile(code, tsx);
  if (testFiles.size >= TEST_FILE_CACHE_SIZE)
    testFiles.delete(testFiles.keys().next().value as string);
  testFiles.set(key, census);
  return census;
}

function readTestFile(code: string, tsx: boolean): TestFile | undefined {
  return (tsx ? undefined : quickTestFile(code)) ?? typeScriptTestFile(code, tsx);
}

/** The tests of a file from TypeScript's tree (what quickTestFile is held to). */
export function typeScriptTestFile(code: string, tsx: boolean): TestFile | undefined {
  const source = parseBlock(code, tsx);
  if (source instanceof Error) return undefined;
  const ts = typescript();
  const tests: TestCase[] = [];
  const chain = (callee: ts.Expression): string[] => {
    if (ts.isIdentifier(callee)) return [callee.text];
    if (ts.isPropertyAccessExpression(callee))
      return [...chain(callee.expression), callee.name.text];
    if (ts.isCallExpression(callee)) return chain(callee.expression);
    if (ts.isTaggedTemplateExpression(callee)) return chain(callee.tag);
    return [];
  };
  const asserts = (node: ts.Node): boolean =>
    (ts.isCallExpression(node) && ASSERTION.test(chain(node.expression)[0] ?? '')) ||
    ts.forEachChild(node, asserts) === true;
  const titleOf = (node: ts.Expression | undefined): string | undefined =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
      ? node.text
      : undefined;
  const isFunction = (node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression =>
    ts.isArrowFunction(node) || ts.isFunctionExpression(node);
  interface Scope {
    readonly titles: ReadonlyArray<string | undefined>;
    readonly mark: TestMark | undefined;
    readonly markedBy: string | undefined;
    readonly each: boolean;
  }

  const visit = (node: ts.Node, scope: Scope): void => {
    if (ts.isCallExpression(node)) {
      const names = chain(node.expression);
      const root = names[0] ?? '';
      if (DESCRIBE.has(root) || TEST.has(root)) {
        const own = markOf(names);
        const mark = scope.mark ?? own;
        const markedBy = scope.mark ? scope.markedBy : own ? names.join('.') : undefined;
        const each = scope.each || names.includes('each');
        const titles = [...scope.titles, titleOf(node.arguments[0])];
        const fn = node.arguments.slice(1).find(isFunction);
        if (DESCRIBE.has(root)) {
          if (fn) visit(fn.body, { titles, mark, markedBy, each });
          return;
        }
        const fullName = titles.every((title) => title !== undefined)
          ? titles.join(' › ')
          : undefined;
        const reference = node.arguments.length > 1 && !fn && !names.includes('todo');
        const at = source.getLineAndCharacterOfPosition(node.getStart(source));
        tests.push({
          titles,
          fullName,
          pattern: each && fullName !== undefined ? eachPattern(fullName) : undefined,
          mark: mark ?? (names.includes('todo') ? 'todo' : undefined),
          markedBy: markedBy ?? (names.includes('todo') ? names.join('.') : undefined),
          body: fn ? 'inline' : reference ? 'reference' : 'none',
          asserts: fn ? asserts(fn.body) : false,
          line: at.line + 1,
          column: at.character + 1,
        });
        return; // jest refuses tests inside tests
      }
    }
    ts.forEachChild(node, (child) => visit(child, scope));
  };
  try {
    visit(source, { titles: [], mark: undefined, markedBy: undefined, each: false });
  } catch {
    return undefined; // nested too deeply to walk
  }
  return { tests, syntaxErrors: source.parseDiagnostics?.length ?? 0 };
}
