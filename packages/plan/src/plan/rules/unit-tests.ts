/** The unit tests: at least one TypeScript block in the Unit tests section; every TypeScript block parses. */
import type * as ts from 'typescript';
import type { Finding } from '../finding';
import type { SourcePosition } from '../line-index';
import type { CodeBlock, ParsedPlan } from '../plan-model';
import type { Rule } from './rule';
import { finding, sectionRef } from './rule';

/**
 * TypeScript is loaded on first use. It is by far the largest module the plan model needs
 * (~0.4 s to load), and Nx loads the plugin's entry point, which exports the model, in a plugin
 * worker on every command that computes the project graph, only to read createNodesV2.
 */
let compiler: typeof ts | undefined;
function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (compiler ??= require('typescript') as typeof ts);
}

/** Info-string languages read as TypeScript. */
const TYPESCRIPT = new Set(['ts', 'typescript', 'tsx', 'mts', 'cts']);

export function isTypeScriptBlock(block: CodeBlock): boolean {
  return TYPESCRIPT.has(block.lang);
}

export const noCodeBlock: Rule = {
  id: 'tests/no-code-block',
  severity: 'error',
  description: 'The Unit tests section contains at least one TypeScript (```ts) code block.',
  check(context) {
    const section = context.sections.get('unit-tests');
    if (!section || section.codeBlocks.some(isTypeScriptBlock)) return [];
    return [
      finding(
        noCodeBlock,
        context,
        section.heading,
        `${sectionRef('unit-tests')} has no TypeScript code block; add the tests to review, each in a \`\`\`ts block with the implementation it tests.`,
      ),
    ];
  },
};

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
function positionInPlan(
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

export const syntaxError: Rule = {
  id: 'tests/syntax-error',
  severity: 'error',
  description: "Every TypeScript code block of the plan parses with TypeScript's parser.",
  check(context) {
    const findings: Finding[] = [];
    for (const block of context.plan.codeBlocks) {
      if (!isTypeScriptBlock(block)) continue;
      const problem = firstSyntaxError(block.code, block.lang === 'tsx');
      if (!problem) continue;
      const more = problem.count > 1 ? ` (${problem.count - 1} more after it)` : '';
      findings.push(
        finding(
          syntaxError,
          context,
          positionInPlan(context.plan, block, problem),
          `TypeScript syntax error in the \`\`\`${block.lang} block: ${problem.message}${more}; fix the code so that it parses.`,
        ),
      );
    }
    return findings;
  },
};

/** The test functions of a block, as jest reads them. */
export interface TestCensus {
  /** Whether the block calls jest's test API at all (`describe`, `it`, `test`, their variants). */
  readonly callsTestApi: boolean;
  /** `it`/`test` calls with a body, skipped and todo ones excluded. */
  readonly tests: number;
  /** Those whose body asserts something (`expect…`, `assert…`). */
  readonly asserting: number;
}

const TEST_API = new Set([
  'describe',
  'it',
  'test',
  'xit',
  'fit',
  'xtest',
  'xdescribe',
  'fdescribe',
]);
const TEST_FUNCTIONS = new Set(['it', 'test', 'fit']);
const NOT_RUN = new Set(['skip', 'todo']);
const ASSERTION = /^(?:expect|assert)/;

/** Counts the tests of a piece of TypeScript and those that assert; undefined if it does not parse. */
export function testCensus(code: string, tsx = false): TestCensus | undefined {
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

/** `### \`….spec.ts\``: the heading the template puts above each spec's code. */
const SPEC_HEADING = /\.spec\.tsx?`?\s*$/;

export const noAssertion: Rule = {
  id: 'tests/no-assertion',
  severity: 'error',
  description:
    'Every test block of the Unit tests section holds at least one `it`/`test` with an assertion.',
  check(context) {
    const section = context.sections.get('unit-tests');
    if (!section) return [];
    const blocks = section.codeBlocks.filter(isTypeScriptBlock);
    if (blocks.length === 0) return []; // tests/no-code-block reports it
    const findings: Finding[] = [];
    let testBlocks = 0;
    for (const block of blocks) {
      const census = testCensus(block.code, block.lang === 'tsx');
      if (!census) continue; // tests/syntax-error reports it
      const heading = [...section.subheadings].reverse().find((h) => h.line < block.line);
      const underSpec = heading !== undefined && SPEC_HEADING.test(heading.text);
      if (!census.callsTestApi && !underSpec) continue; // the implementation a test shows
      testBlocks++;
      if (census.asserting > 0) continue;
      const what =
        census.tests === 0
          ? 'has no `it`/`test` that runs (only skipped or todo tests, or none)'
          : `has ${census.tests} test${census.tests > 1 ? 's' : ''} but none asserts anything`;
      findings.push(
        finding(
          noAssertion,
          context,
          block,
          `The \`\`\`${block.lang} block ${what}; write at least one test whose body checks the behaviour with \`expect(…)\`.`,
        ),
      );
    }
    if (testBlocks === 0) {
      findings.push(
        finding(
          noAssertion,
          context,
          section.heading,
          `${sectionRef('unit-tests')} has no test: none of its TypeScript blocks calls \`it\`/\`test\`; add the tests to review, each with an assertion.`,
        ),
      );
    }
    return findings;
  },
};
