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
  let source: ParsedSource;
  try {
    source = ts.createSourceFile(
      tsx ? 'block.tsx' : 'block.ts',
      code,
      ts.ScriptTarget.Latest,
      false,
      tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    ) as ParsedSource;
  } catch (error) {
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
