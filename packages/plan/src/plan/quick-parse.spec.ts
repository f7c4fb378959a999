import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPLETE_PLAN } from './__fixtures__/plans';
import { quickParse } from './quick-parse';
import { typeScriptCensus, typeScriptSyntaxError } from './typescript';

/**
 * The quick parse answers for TypeScript only where it is sure: whatever it accepts, TypeScript's
 * parser reads without a diagnostic, and the census is the one typescript.ts computes from
 * TypeScript's tree. Whatever else it leaves to TypeScript.
 */
const REPO = resolve(__dirname, '..', '..', '..', '..');

/** The ```ts blocks of a markdown text (a block in a list item without its indentation). */
function typeScriptBlocks(text: string): string[] {
  return [...text.matchAll(/^( *)```(?:ts|typescript)\n([\s\S]*?)^\1```/gm)].map(
    ([, indent, code]) =>
      code
        .split('\n')
        .map((line) => line.slice(indent.length))
        .join('\n'),
  );
}

/** Every TypeScript block of the repository's plans, fixtures, templates and docs. */
function repositoryBlocks(): string[] {
  const blocks: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (['node_modules', 'dist', '.git', 'coverage', '.nx', 'tmp'].includes(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(md|template)$/.test(entry))
        blocks.push(...typeScriptBlocks(readFileSync(path, 'utf-8')));
    }
  };
  visit(join(REPO, 'docs'));
  visit(join(REPO, 'packages'));
  return blocks;
}

/** TypeScript's answer: no syntax error, and its census. */
function typeScriptVerdict(code: string) {
  const error = typeScriptSyntaxError(code, false);
  return error ? { error: error.message } : typeScriptCensus(code, false);
}

describe('quickParse', () => {
  it('accepts every block of the complete plan with TypeScript’s census, as it does for the bench', () => {
    const blocks = typeScriptBlocks(COMPLETE_PLAN);
    expect(blocks).toHaveLength(9);
    for (const code of blocks) {
      expect({ code, census: quickParse(code, false) }).toEqual({
        code,
        census: typeScriptVerdict(code),
      });
    }
  });

  it('agrees with TypeScript on every TypeScript block of the repository, and reads most', () => {
    const blocks = repositoryBlocks();
    expect(blocks.length).toBeGreaterThan(40);
    let accepted = 0;
    for (const code of blocks) {
      const census = quickParse(code, false);
      if (!census) continue;
      accepted++;
      expect({ code, census }).toEqual({ code, census: typeScriptVerdict(code) });
    }
    expect(accepted / blocks.length).toBeGreaterThan(0.9);
  });

  it.each([
    [
      'a generic call and a comparison',
      'const r = new Map<string, Array<number>>();\nexpect(a < b && c > d).toBe(true);\n',
    ],
    [
      'an arrow with a return type',
      'const f = async (x: number, ...rest: string[]): Promise<string> => String(await g(x));\n',
    ],
    [
      'a class',
      'export class A<T> extends B<C> implements D, E<T> {\n  static readonly MAX = 3;\n  private x?: number;\n  #y = 1;\n  constructor(private readonly repo: Repo, public z = 2) {\n    super();\n  }\n  get size(): number { return this.#y; }\n  async run<U>(u: U): Promise<U> { return u; }\n  [Symbol.iterator]() { return [][Symbol.iterator](); }\n  abstract m(): void;\n}\n',
    ],
    [
      'types',
      "interface I extends J<K> { readonly a: string; b?: (x: number) => void; [k: string]: unknown; m(): I }\ntype U = 'a' | 1 | -1 | { a: [string, number] } | null;\nconst enum E { A, B = 2, C = 'c' }\nenum F { X }\n",
    ],
    [
      'statements',
      'for (const [k, v] of m) if (k) continue; else break;\nfor (let i = 0, n = 2; i < n; i++) {}\nwhile (x) x--;\ndo x++; while (x < 3)\ntry { f(); } catch { g(); } finally { h(); }\nswitch (x) { case 1: case 2: f(); break; default: g(); }\n',
    ],
    [
      'expressions',
      "const { a = 1, b: { c }, ...d } = o ?? {};\nconst [e, , f = 2, ...g] = h;\nconst s = `a${b}c${`d${e}`}`;\nx?.y?.[z]?.(w)!.v;\ntypeof a === 'string' ? void 0 : delete o[k];\nconst o2 = { a, [k]: 1, 'q-r': 2, m() {}, get g() { return 1; }, async n() {}, ...rest };\nlet v = x as unknown as T, w = y satisfies U, c2 = [1, 2] as const;\n",
    ],
    [
      'regular expressions',
      'expect(s).toMatch(/^[A-Za-z0-9_-]{22}$/);\nexpect(t).not.toMatch(/accounts|ada@|Error/i);\nconst q = a / b / c;\n',
    ],
    [
      'tests that count and tests that do not',
      "describe('A', () => {\n  it('asserts', () => { expect(1).toBe(1); });\n  it.each([[1, 2]])('adds %i', (a, b) => { expect(a).toBe(b - 1); });\n  it('does not assert', () => { f(); });\n  it.skip('is skipped', () => { expect(1).toBe(1); });\n  test.todo('later');\n  it('asserts in a helper', function () { assertValid(x); });\n  xit('is off', () => {});\n});\n",
    ],
  ])('accepts %s, with TypeScript’s census', (_case, code) => {
    const census = quickParse(code, false);

    expect(census).toBeDefined();
    expect(census).toEqual(typeScriptVerdict(code));
  });

  it.each([
    ['a syntax error', 'const a = ;\n'],
    ['an unclosed block', "describe('x', () => {\n"],
    ['a comparison or an instantiation, as TypeScript decides', 'a < b > c;\n'],
    ['an optional tuple element', 'type T = [string, number?];\n'],
    ['a JSDoc type TypeScript reads in `as T ?`', 'x as T ? ++a : b;\n'],
    ['a regular expression TypeScript rejects', 'const r = /a{2,1}/;\n'],
    ['a lookbehind', 'const r = /(?<=a)b/;\n'],
    ['decorators', '@Injectable()\nclass A {}\n'],
    ['a label', 'outer: for (;;) break outer;\n'],
    ['a generator', 'function* g() { yield 1; }\n'],
    ['a mapped type', 'type M = { [K in keyof T]: T[K] };\n'],
    ['a legacy octal literal', 'const x = 08;\n'],
    ['an unterminated string', "const s = 'abc\n"],
    ['await outside an async function', 'const x = await f();\n'],
  ])('leaves %s to TypeScript', (_case, code) => {
    expect(quickParse(code, false)).toBeUndefined();
  });

  it('leaves TSX to TypeScript', () => {
    expect(quickParse('const a = 1;\n', true)).toBeUndefined();
  });

  it('is never more lenient than TypeScript on broken variants of the repository’s blocks', () => {
    const blocks = repositoryBlocks();
    let seed = 20261129;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const TOKEN =
      /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z_$][\w$]*|\d[\w.]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`|=>|\.\.\.|\?\.|\?\?=?|[=!]==?|[<>]=?|&&=?|\|\|=?|[-+*/%&|^]=?|\+\+|--|\S/g;
    const INSERTS = [
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '<',
      '>',
      '=>',
      ',',
      ';',
      ':',
      '?',
      '?.',
      '.',
      '!',
      '=',
      '+',
      '-',
      '/',
      '`',
      "'",
      'as',
      'await',
      'async',
      'new',
      'function',
      'class',
      'const',
      'let',
      'return',
      'if',
      'else',
      'typeof',
      'keyof',
      'in',
      'of',
      'extends',
      'import',
      'export',
      'type',
      'interface',
      'readonly',
      'private',
      'static',
      'get',
      'this',
      'super',
      'yield',
      'it',
      'expect',
      'test',
      'skip',
      '1',
      '0x1',
      '1n',
      '08',
      '"s"',
      '/a/',
      '\n',
      '...',
      '#p',
      '&',
      '|',
      '&&',
      '??',
      '++',
      '**',
      'satisfies',
      'is',
      'infer',
      'abstract',
      'try',
      'catch',
      'switch',
      'case',
      'for',
      'while',
      'break',
      'x<y>(z)',
      '(a) =>',
      'it.each([1])',
      'expect(1)',
      '() => {}',
      '/*c*/',
      '//c\n',
    ];
    let accepted = 0;
    let valid = 0;
    for (let i = 0; i < 1500; i++) {
      const tokens = pick(blocks).match(TOKEN) ?? [];
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * tokens.length);
        const edit = random();
        if (edit < 0.3) tokens.splice(at, 1);
        else if (edit < 0.55) tokens.splice(at, 0, pick(INSERTS));
        else if (edit < 0.75) tokens[at] = pick(INSERTS);
        else if (edit < 0.9)
          [tokens[at], tokens[at + 1]] = [tokens[at + 1] ?? '', tokens[at] ?? ''];
        else tokens.splice(at, Math.floor(random() * 6));
      }
      const code = tokens.join('');
      const census = quickParse(code, false);
      const verdict = typeScriptVerdict(code);
      if (!('error' in (verdict ?? {}))) valid++;
      if (!census) continue;
      accepted++;
      expect({ code, census }).toEqual({ code, census: verdict });
    }
    // The variants are a mix: some still parse, and the quick parse reads most of those.
    expect(valid).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(valid * 0.6);
  }, 120_000);
});
