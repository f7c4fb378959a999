import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPLETE_PLAN } from './__fixtures__/plans';
import { quickTestFile } from './quick-test-file';
import { testFile, typeScriptTestFile } from './typescript';

/**
 * The tests of a test file, read without TypeScript where the quick parse is sure: whatever it
 * reads, it reads as typescript.ts does from TypeScript's tree (titles, full names, `.each`
 * patterns, marks, bodies, assertions, positions). Evidence is checked against this reading, so
 * a difference would let a plan cite a test that is not there, or is skipped, or asserts nothing.
 */
const REPO = resolve(__dirname, '..', '..', '..', '..');

/** Every .ts/.js test file of the repository, and every TypeScript block of its markdown. */
function repositoryTests(): string[] {
  const texts: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      if (['node_modules', 'dist', '.git', 'coverage', '.nx', 'tmp'].includes(entry)) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(?:spec|test)\.[cm]?[jt]s$/.test(entry)) texts.push(readFileSync(path, 'utf-8'));
      else if (/\.(md|template)$/.test(entry))
        for (const [, code] of readFileSync(path, 'utf-8').matchAll(
          /^```(?:ts|typescript)\n([\s\S]*?)^```/gm,
        ))
          texts.push(code);
    }
  };
  visit(join(REPO, 'docs'));
  visit(join(REPO, 'packages'));
  visit(join(REPO, 'tools'));
  return texts;
}

const same = (code: string) =>
  expect({ code, file: quickTestFile(code) }).toEqual({
    code,
    file: typeScriptTestFile(code, false),
  });

describe('quickTestFile', () => {
  it('reads the test files of the repository as TypeScript does, and most of them', () => {
    const texts = repositoryTests();
    expect(texts.length).toBeGreaterThan(100);
    let read = 0;
    let tests = 0;
    for (const code of texts) {
      const file = quickTestFile(code);
      if (!file) continue;
      read++;
      tests += file.tests.length;
      same(code);
    }
    expect(read / texts.length).toBeGreaterThan(0.6);
    expect(tests).toBeGreaterThan(500);
  });

  it('reads the complete plan’s tests, as the bench cites them', () => {
    const blocks = [...COMPLETE_PLAN.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map(([, code]) => code);
    const withTests = blocks.filter((code) => /\b(?:it|test)\(/.test(code));
    expect(withTests.length).toBeGreaterThan(2);
    for (const code of withTests) {
      expect(quickTestFile(code)?.tests.length).toBeGreaterThan(0);
      same(code);
    }
  });

  it.each([
    [
      'nested describes, marks and tables',
      "describe('A', () => {\n  describe.skip('B', function () {\n    it('b', () => expect(1).toBe(1));\n  });\n  it.each([[1]])('adds %i and $x', (a) => { expect(a).toBe(1); });\n  describe.each`\n  a\n  ${1}\n  `('t $a', ({ a }) => { test('in', () => { assert(a); }); });\n  test.todo('later');\n  it('references', helper);\n  xit('off', () => {});\n  fit.failing('f', async () => { await expect(p).rejects.toThrow(); });\n  it.only.each([1])('o %s', () => {});\n});\n",
    ],
    [
      'tests inside tests and calls around them',
      "it('outer', () => { it('inner', () => { expect(1); }); });\nfoo(it('in a call', () => {}));\nit('x', () => {}).then(() => expect(1));\ndescribe('d', 1, () => { it('kept', () => {}); }, it('dropped', () => {}));\n",
    ],
    [
      'titles that are not literals, or escaped',
      "const t = 'x';\nit(t, () => {});\nit(`tpl ${t}`, () => {});\nit('a' + 'b', () => {});\nit(('p'), () => {});\nit(`plain`, () => {});\n",
    ],
    [
      'assertions in parameters, nested functions and tagged templates',
      "it('p', (a = expect(1)) => {});\nit('n', () => { const f = () => expect(2); });\nit('t', () => { assert`x`; });\nit('m', () => { x.expect(1); });\nit('e', () => { expectation(); });\n",
    ],
    [
      'line breaks of every kind before a test',
      "// a\r\n// b\r// c\u2028// d\u2029it('x', () => {});\n/* \u2028 */ it('y', () => {});\n",
    ],
    [
      'chains through calls, members and non-null',
      "it!('a', () => {});\n(it)('b', () => {});\nit['skip']('c', () => {});\nthis.it('d', () => {});\nit?.('e', () => {});\nit<number>('f', () => {});\nnew it('g', () => {});\ndescribe.each([1])('h', () => { it('i', () => {}); });\n",
    ],
    [
      'a function as the first argument',
      "it(() => {}, () => { expect(1); });\nit();\nit('only a title');\n",
    ],
  ])('reads %s as TypeScript does', (_case, code) => {
    same(code);
  });

  it('leaves escaped titles to TypeScript, which reads their escapes', () => {
    const code = "it('it\\'s', () => { expect(1); });\n";
    expect(quickTestFile(code)).toBeUndefined();
    expect(testFile(code, 'a.spec.ts')?.tests[0].fullName).toBe("it's");
  });

  it('leaves TSX, and files it does not know, to TypeScript', () => {
    expect(quickTestFile('it("x", () => <div />);\n')).toBeUndefined();
    expect(testFile('it("x", () => { expect(<b>1</b>); });\n', 'a.spec.tsx')?.tests).toHaveLength(
      1,
    );
  });

  it('agrees with TypeScript on broken variants of the repository’s test files', () => {
    const texts = repositoryTests().filter((code) => code.length < 20_000);
    let seed = 20261130;
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
      ',',
      ';',
      '.',
      '!',
      '`',
      "'",
      'it',
      'test',
      'describe',
      'xit',
      'fit',
      'xdescribe',
      'skip',
      'only',
      'todo',
      'each',
      'failing',
      'expect',
      'assert',
      'expect(1)',
      '"t"',
      "'t'",
      '`t`',
      '`t ${x}`',
      "'%s'",
      "'$a'",
      '() => {}',
      '() => expect(1)',
      'function () {}',
      'async () => {}',
      "it('n', () => {})",
      "describe('d', () => {",
      '});',
      'it.each([1])',
      '\n',
      '\r\n',
      '\u2028',
      '/*c*/',
      '//c\n',
      'new',
      '?.',
      '[0]',
    ];
    let read = 0;
    let withTests = 0;
    for (let i = 0; i < 5000; i++) {
      const tokens = pick(texts).match(TOKEN) ?? [];
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * tokens.length);
        const edit = random();
        if (edit < 0.25) tokens.splice(at, 1);
        else if (edit < 0.55) tokens.splice(at, 0, pick(INSERTS));
        else if (edit < 0.75) tokens[at] = pick(INSERTS);
        else if (edit < 0.9)
          [tokens[at], tokens[at + 1]] = [tokens[at + 1] ?? '', tokens[at] ?? ''];
        else tokens.splice(at, Math.floor(random() * 6));
      }
      const code = tokens.join('');
      const file = quickTestFile(code);
      if (!file) continue;
      read++;
      if (file.tests.length > 0) withTests++;
      same(code);
    }
    expect(read).toBeGreaterThan(600);
    expect(withTests).toBeGreaterThan(400);
  }, 240_000);
});
