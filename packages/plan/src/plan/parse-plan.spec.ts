import { GENERATED_PLAN, lineOf, PLAN_FILE } from './__fixtures__/plans';
import { parsePlan } from './parse-plan';

const SMALL = [
  '---', //                                   1
  'module: zeta', //                          2
  'useCase: BookRoom', //                     3
  'approval:', //                             4
  '  by: Ada', //                             5
  '---', //                                   6
  '', //                                      7
  '# BookRoom plan', //                       8
  '', //                                      9
  '## Threat model', //                       10
  '', //                                      11
  '| Threat | Asset |  Mitigation  |', //     12
  '| --- | --- | --- |', //                   13
  '| Spam \\| flood | Rooms |  |', //          14
  '', //                                      15
  '### Notes &amp; more', //                  16
  '', //                                      17
  '- [ ] open item', //                       18
  '  - [X] nested done', //                   19
  '- [x] wrapped', //                         20
  '  over two lines', //                      21
  '- not a task [ ]', //                      22
  '', //                                      23
  '## Unit tests', //                         24
  '', //                                      25
  '1. A step', //                             26
  '', //                                      27
  '   ```TypeScript title="x"', //            28
  '   const a = 1;', //                       29
  '   ```', //                                30
  '', //                                      31
  '## Empty', //                              32
].join('\n');

describe('parsePlan', () => {
  const plan = parsePlan(SMALL, 'docs/features/zeta/BookRoom/BookRoom-plan.md');

  it('reads the front matter and the line and column of each field', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.frontMatter).toMatchObject({ line: 1, column: 1, endLine: 6 });
    expect(plan.frontMatter?.data).toEqual({
      module: 'zeta',
      useCase: 'BookRoom',
      approval: { by: 'Ada' },
    });
    expect(plan.frontMatter?.fields.get('useCase')).toMatchObject({
      value: 'BookRoom',
      line: 3,
      column: 1,
      valuePosition: { line: 3, column: 10 },
    });
    expect(plan.frontMatter?.fields.get('approval.by')).toMatchObject({
      value: 'Ada',
      line: 5,
      column: 3,
      valuePosition: { line: 5, column: 7 },
    });
    expect(plan.bodyLine).toBe(7);
  });

  it('gives each ## section and ### sub-heading its line and column', () => {
    expect(plan.title).toMatchObject({ level: 1, text: 'BookRoom plan', line: 8, column: 1 });
    expect(
      plan.sections.map((s) => [s.title, s.heading.line, s.heading.column, s.endLine]),
    ).toEqual([
      ['Threat model', 10, 1, 23],
      ['Unit tests', 24, 1, 31],
      ['Empty', 32, 1, 32],
    ]);
    // Entities are decoded, as markdown renders them.
    expect(plan.sections[0].subheadings).toEqual([
      { level: 3, text: 'Notes & more', line: 16, column: 1 },
    ]);
    expect(plan.sections[2].contentBlocks).toBe(0);
  });

  it('reads task items with the column of their `[` and their text without the marker', () => {
    expect(plan.tasks).toEqual([
      { checked: false, text: 'open item', line: 18, column: 3, textColumn: 7, endLine: 19 },
      { checked: true, text: 'nested done', line: 19, column: 5, textColumn: 9, endLine: 19 },
      {
        checked: true,
        text: 'wrapped over two lines',
        line: 20,
        column: 3,
        textColumn: 7,
        endLine: 21,
      },
    ]);
    expect(plan.sections[0].tasks).toHaveLength(3);
  });

  it('reads table rows with trimmed cells and their columns', () => {
    const [table] = plan.tables;

    expect(table.header).toMatchObject({
      cells: ['Threat', 'Asset', 'Mitigation'],
      line: 12,
      column: 1,
    });
    expect(table.header.cellColumns).toEqual([3, 12, 21]);
    expect(table.rows).toEqual([
      { cells: ['Spam | flood', 'Rooms', ''], cellColumns: [3, 19, 26], line: 14, column: 1 },
    ]);
  });

  it('reads fenced code blocks with language, code, and the lines of the fence and the code', () => {
    expect(plan.codeBlocks).toEqual([
      {
        lang: 'typescript',
        info: 'TypeScript title="x"',
        code: 'const a = 1;\n',
        line: 28,
        column: 4,
        codeLine: 29,
      },
    ]);
    expect(plan.sections[1].codeBlocks).toHaveLength(1);
  });

  it('reads the generated plan: 14 sections, 44 checklist items, 9 ts blocks and a sh block', () => {
    const generated = parsePlan(GENERATED_PLAN, PLAN_FILE);

    expect(generated.problems).toEqual([]);
    expect(generated.sections).toHaveLength(14);
    expect(generated.tasks).toHaveLength(44);
    expect(generated.codeBlocks.map((block) => block.lang)).toEqual([...Array(9).fill('ts'), 'sh']);
    expect(generated.codeBlocks[0].line).toBe(lineOf(GENERATED_PLAN, '```ts'));
    expect(generated.tables.map((table) => table.rows.length)).toEqual([1, 5, 4]);
    const infrastructure = generated.sections.find(
      (section) => section.title === 'Infrastructure and monitoring',
    );
    expect(infrastructure?.subheadings.map((heading) => heading.text)).toEqual([
      'Telemetry',
      'Rate limiting',
      'Exception handling',
      'API endpoints',
    ]);
  });

  it('reads every list item with its depth and its last line, tasks or not', () => {
    expect(plan.sections[0].listItems).toEqual([
      { text: '[ ] open item', line: 18, column: 1, endLine: 19, depth: 0 },
      { text: '[X] nested done', line: 19, column: 3, endLine: 19, depth: 1 },
      { text: '[x] wrapped over two lines', line: 20, column: 1, endLine: 21, depth: 0 },
      { text: 'not a task [ ]', line: 22, column: 1, endLine: 22, depth: 0 },
    ]);
    expect(plan.listItems).toHaveLength(5);
  });

  describe('links', () => {
    const LINKS = [
      '---', //                                                                        1
      'module: zeta', //                                                               2
      '---', //                                                                        3
      '', //                                                                           4
      '## Threat model', //                                                            5
      '', //                                                                           6
      '| Threat | Asset | Mitigation | Evidence |', //                                 7
      '| --- | --- | --- | --- |', //                                                  8
      '| Flood | Rooms | Limit | [Limiter › refuses](/packages/zeta/src/a.spec.ts) |', // 9
      '', //                                                                           10
      '- **Flood.** See [Limiter › counts](../a%20b.spec.ts "title") and', //          11
      '  [Room \\* › is', //                                                           12
      '  wrapped](./b.spec.ts).', //                                                   13
      '', //                                                                           14
      '## Feature checklist', //                                                       15
      '', //                                                                           16
      '- [x] Rate limiting configured — [Ref › test][spec]', //                        17
      '  - [nested › link](c.spec.ts)', //                                             18
      '', //                                                                           19
      '`[code](not-a-link.spec.ts)` ![image](d.spec.ts) <https://x.test/e.spec.ts>', // 20
      '', //                                                                           21
      '```ts', //                                                                      22
      "it('[in › code](f.spec.ts)', () => {});", //                                    23
      '```', //                                                                        24
      '', //                                                                           25
      '[spec]: /packages/zeta/src/ref.spec.ts', //                                     26
    ].join('\n');
    const parsed = parsePlan(LINKS, 'docs/features/zeta/BookRoom/BookRoom-plan.md');

    it('reads each link with its text, its target and the position of its `[`', () => {
      expect(parsed.links).toEqual([
        {
          text: 'Limiter › refuses',
          target: '/packages/zeta/src/a.spec.ts',
          line: 9,
          column: 27,
          endLine: 9,
        },
        { text: 'Limiter › counts', target: '../a b.spec.ts', line: 11, column: 18, endLine: 11 },
        { text: 'Room * › is wrapped', target: './b.spec.ts', line: 12, column: 3, endLine: 13 },
        {
          text: 'Ref › test',
          target: '/packages/zeta/src/ref.spec.ts',
          line: 17,
          column: 34,
          endLine: 17,
        },
        { text: 'nested › link', target: 'c.spec.ts', line: 18, column: 5, endLine: 18 },
      ]);
    });

    it('gives each section its links', () => {
      expect(parsed.sections.map((section) => section.links.length)).toEqual([3, 2]);
    });

    it('finds the links of a CRLF file at the same places', () => {
      const crlf = parsePlan(LINKS.replace(/\n/g, '\r\n'), 'x.md');

      expect(crlf.links.map((link) => [link.line, link.column])).toEqual(
        parsed.links.map((link) => [link.line, link.column]),
      );
    });
  });

  it('counts lines of a CRLF file like an LF one', () => {
    const crlf = parsePlan(SMALL.replace(/\n/g, '\r\n'), 'x.md');

    expect(crlf.sections.map((s) => s.heading.line)).toEqual([10, 24, 32]);
    expect(crlf.tasks.map((task) => [task.line, task.column])).toEqual([
      [18, 3],
      [19, 5],
      [20, 3],
    ]);
    expect(crlf.frontMatter?.fields.get('approval.by')?.line).toBe(5);
  });

  it('does not count an HTML comment as content, nor a heading nested in a list', () => {
    const parsed = parsePlan(
      '---\nmodule: a\n---\n## A\n\n<!-- later -->\n\n- ## nested\n',
      'x.md',
    );

    expect(parsed.sections).toHaveLength(1);
    expect(parsed.sections[0].contentBlocks).toBe(1); // the list, not the comment
  });

  describe('never throws', () => {
    it.each([
      ['an empty file', '', 'empty'],
      ['white space only', ' \n\t\n', 'empty'],
      ['binary junk', 'binary \u0000 junk', 'binary'],
      ['a 5 MB plan', `---\nmodule: a\n---\n${'x'.repeat(5 * 1024 * 1024)}`, 'too-large'],
      ['no front matter', '# Plan\n\n## Components\n', 'no-front-matter'],
      ['an unclosed front matter', '---\nmodule: a\n\n## Components\n', 'unclosed-front-matter'],
      ['broken YAML', '---\nmodule: [zeta\nuseCase: : :\n---\n## Components\n', 'invalid-yaml'],
      ['a YAML list', '---\n- a\n- b\n---\n', 'invalid-yaml'],
      ['duplicate keys', '---\nmodule: a\nmodule: b\n---\n', 'invalid-yaml'],
    ])('%s becomes a parse problem', (_case, text, kind) => {
      const parsed = parsePlan(text, 'x.md');

      expect(parsed.problems.map((problem) => problem.kind)).toEqual([kind]);
      for (const problem of parsed.problems) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.column).toBeGreaterThanOrEqual(1);
        expect(problem.message).not.toMatch(/\n/);
      }
    });

    it('reads the sections of a plan whose front matter is broken', () => {
      const parsed = parsePlan('---\nmodule: [zeta\n---\n\n## Components\n\nText.\n', 'x.md');

      expect(parsed.frontMatter?.data).toBeUndefined();
      // At the end of the line where the flow sequence should have closed.
      expect(parsed.problems[0]).toMatchObject({ kind: 'invalid-yaml', line: 2, column: 14 });
      expect(parsed.sections.map((section) => section.title)).toEqual(['Components']);
    });

    it('survives hostile YAML (alias bombs) and odd markdown', () => {
      const bomb = [
        '---',
        'a: &a [x, x, x, x, x, x, x, x, x]',
        ...'bcdefghij'
          .split('')
          .map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
        '---',
        '',
      ].join('\n');
      expect(() => parsePlan(bomb, 'x.md')).not.toThrow();
      expect(() =>
        parsePlan('---\n---\n' + '>'.repeat(5000) + ' - [ ] x\n' + '|'.repeat(3000), 'x.md'),
      ).not.toThrow();
    });

    it('accepts a value that is not a string', () => {
      expect(parsePlan(undefined as unknown as string, 'x.md').problems[0].kind).toBe('binary');
    });
  });
});
