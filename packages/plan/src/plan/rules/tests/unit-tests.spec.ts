import { sectionText } from '../../__fixtures__/edit';
import {
  COMPLETE_PLAN,
  findingsOf,
  lineOf,
  replaceOnce,
  verifyVariant,
} from '../../__fixtures__/plans';
import { firstSyntaxError } from '../../typescript';

describe('tests/no-code-block', () => {
  const rule = (text: string) =>
    findingsOf('tests/no-code-block', verifyVariant(text, { skipApproval: true }));

  it('reports a Unit tests section without a TypeScript block, at its heading', () => {
    const tests = sectionText(COMPLETE_PLAN, 'Unit tests');
    const text = replaceOnce(COMPLETE_PLAN, tests, tests.replace(/```ts\n/g, '```text\n'));

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '## Unit tests'),
        column: 1,
        messageId: 'none',
        data: { section: '`## Unit tests`' },
      }),
    ]);
  });

  it.each(['typescript', 'tsx', 'TS'])('accepts a ```%s block', (lang) => {
    const tests = sectionText(COMPLETE_PLAN, 'Unit tests');
    const text = replaceOnce(COMPLETE_PLAN, tests, tests.replace(/```ts\n/g, `\`\`\`${lang}\n`));

    expect(rule(text)).toEqual([]);
  });
});

describe('tests/syntax-error', () => {
  const rule = (text: string) =>
    findingsOf('tests/syntax-error', verifyVariant(text, { skipApproval: true }));

  it('reports a syntax error at its exact line and column in the plan', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      "  it('keeps the id it is given', () => {\n",
      "  it('keeps the id it is given', () => {\n    const broken = ;\n",
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, 'const broken = ;'),
        column: 20,
        messageId: 'syntax',
        data: { lang: 'ts', problem: 'Expression expected', more: '' },
      }),
    ]);
  });

  it('reports a block that never closes a brace, once, with the count of errors', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      "describe('RoomId', () => {",
      "describe('RoomId', () => {{{",
    );

    const findings = rule(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      messageId: 'syntax',
      data: { lang: 'ts', problem: expect.stringMatching(/expected/) },
    });
  });

  it('maps positions in a block indented in a list item', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      '1. Add the out-of-service state to `Room` and its business rule.\n',
      '1. Add the out-of-service state to `Room` and its business rule.\n\n   ```typescript\n   const ok = 1;\n   if (x {\n   ```\n',
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({ line: lineOf(text, '   if (x {'), column: 10 }),
    ]);
  });

  it('checks tsx as TSX, and ignores other languages', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      '## Implementation steps\n',
      '## Implementation steps\n\n```tsx\nconst a = <div>{1}</div>;\n```\n\n```js\nthis is not code\n```\n',
    );

    expect(rule(text)).toEqual([]);
  });

  it.each([
    ['const a = 1;\n', undefined],
    ['const a = ;\n', { codeLine: 0, codeColumn: 10 }],
    ['ok();\n\n  if (x {\n', { codeLine: 2, codeColumn: 8 }],
  ])('finds the first syntax error of %j', (code, expected) => {
    const problem = firstSyntaxError(code, false);

    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatchObject(expected);
  });
});
