import * as prettier from 'prettier';
import {
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  lineOf,
  replaceOnce,
  verifyVariant,
  ZETA_FILES,
  zetaModule,
} from '../../__fixtures__/plans';
import { moduleCodeFromFiles } from '../../module-code';
import { verifyPlan } from '../../verify';
import { firstDifference, tokenize } from '../../code-tokens';

const RULE = 'trace/spec-drift';
const ROOM_ID_SPEC = 'src/domain/room/room-id.value-object.spec.ts';
const ROOM_ID_SOURCE = ZETA_FILES[ROOM_ID_SPEC];

/** The findings of the rule on a plan, with the module's specs replaced or added. */
function drift(text: string, specs: Record<string, string> = {}) {
  return findingsOf(
    RULE,
    verifyVariant(text, {
      moduleCode: zetaModule({ ...ZETA_FILES, ...specs }),
      skipApproval: true,
    }),
  );
}

/** 1-based line of the opening fence of the block under a spec's heading. */
function fenceOf(text: string, spec: string): number {
  const heading = lineOf(text, `### \`${spec}\``);
  const lines = text.split('\n');
  for (let line = heading; line < lines.length; line++) {
    if (lines[line].startsWith('```ts')) return line + 1;
  }
  throw new Error(`no block under ${spec}`);
}

/** What a drift finding says: which spec, and where the file differs from the plan's copy. */
const drifted = (spec: string, where: string) => ({ messageId: 'drift', data: { spec, where } });

/** A plan whose only unit-test sub-section shows `copy` as `src/x.spec.ts`. */
function planShowing(copy: string, heading = '### `src/x.spec.ts`'): string {
  return [
    '---',
    'module: zeta',
    'useCase: BookRoom',
    'status: draft',
    '---',
    '',
    '# BookRoom plan',
    '',
    '## Unit tests',
    '',
    heading,
    '',
    '```ts',
    copy.replace(/\n$/, ''),
    '```',
    '',
  ].join('\n');
}

/** The rule's findings for a copy in a plan against a file. */
function compare(copy: string, file: string) {
  const moduleCode = moduleCodeFromFiles('packages/x', { 'src/x.spec.ts': file });
  const findings = verifyPlan({ file: 'plan.md', text: planShowing(copy), moduleCode });
  return findingsOf(RULE, findings);
}

describe('trace/spec-drift', () => {
  it("finds nothing when every spec is the plan's copy", () => {
    expect(drift(COMPLETE_PLAN)).toEqual([]);
  });

  it('finds nothing when the specs are formatted at another width, with other quotes and commas', async () => {
    const formats: prettier.Options[] = [
      { printWidth: 100, singleQuote: true },
      { printWidth: 120, singleQuote: false, trailingComma: 'none' },
      { printWidth: 40, singleQuote: false, trailingComma: 'all' },
    ];
    for (const options of formats) {
      const specs: Record<string, string> = {};
      for (const [path, source] of Object.entries(ZETA_FILES)) {
        if (path.endsWith('.spec.ts'))
          specs[path] = await prettier.format(source, { ...options, parser: 'typescript' });
      }
      const reformatted = Object.keys(specs).filter((path) => specs[path] !== ZETA_FILES[path]);

      expect(reformatted.length).toBeGreaterThan(0);
      expect({ options, findings: drift(COMPLETE_PLAN, specs) }).toEqual({ options, findings: [] });
    }
  });

  it('ignores what prettier changes with the width: wrapping, trailing commas, quotes, comments', () => {
    const copy = [
      "import { unwrap } from '@mjomeet/ddd';",
      '',
      "it('books the room', async () => {",
      '  const result = await handler.execute(',
      '    unwrap(',
      '      BookRoomCommand.create({',
      "        roomId: 'a',",
      "        roomName: 'Blue room',",
      '      }),',
      '    ),',
      '  );',
      '',
      '  // The booking went through.',
      '  expect(result.ok).toBe(true);',
      '});',
      '',
    ].join('\n');
    const file = [
      'import { unwrap } from "@mjomeet/ddd";',
      'it("books the room", async () => {',
      '  const result = await handler.execute(unwrap(BookRoomCommand.create({ roomId: "a", roomName: "Blue room" })));',
      '  expect(result.ok).toBe(true); /* went through */',
      '});',
    ].join('\n');

    expect(compare(copy, file)).toEqual([]);
  });

  it('ignores the leading `|` of a wrapped union, and the parentheses prettier adds when wrapping', () => {
    const copy = [
      'type Outcome =',
      "  | 'booked'",
      "  | 'refused';",
      'const bookable = (room: Room) =>',
      '  room.inService',
      '    ? room.visibleTo(caller)',
      '    : false;',
      'function check(a: boolean, b: boolean) {',
      '  return (',
      '    (a && someLongConditionName) ||',
      '    (b && anotherLongConditionName)',
      '  );',
      '}',
      'type Row = [',
      '  string,',
      '  (',
      '    | readonly string[]',
      '    | undefined',
      '  ),',
      '];',
      '',
    ].join('\n');
    const file = [
      "type Outcome = 'booked' | 'refused';",
      'const bookable = (room: Room) => (room.inService ? room.visibleTo(caller) : false);',
      'function check(a: boolean, b: boolean) {',
      '  return (a && someLongConditionName) || (b && anotherLongConditionName);',
      '}',
      'type Row = [string, readonly string[] | undefined];',
      '',
    ].join('\n');

    expect(compare(copy, file)).toEqual([]);
  });

  it('warns of a changed assertion, once, at the fence, with the first line that differs', () => {
    const changed = replaceOnce(
      ROOM_ID_SOURCE,
      'expect(first.equals(second)).toBe(false);',
      'expect(first.equals(second)).toBe(true);',
    );
    const source2 = replaceOnce(changed, "'../../etc/passwd'", "'../etc/passwd'");

    expect(drift(COMPLETE_PLAN, { [ROOM_ID_SPEC]: source2 })).toEqual([
      expect.objectContaining({
        ruleId: RULE,
        severity: 'warning',
        line: fenceOf(COMPLETE_PLAN, ROOM_ID_SPEC),
        column: 1,
        ...drifted(
          ROOM_ID_SPEC,
          `first at line ${lineOf(source2, 'expect(first.equals(second)).toBe(true);')} of the file: \`expect(first.equals(second)).toBe(true);\``,
        ),
      }),
    ]);
  });

  it('warns of a test removed from the file, at the line where the file goes on differently', () => {
    const removed = replaceOnce(
      ROOM_ID_SOURCE,
      `  it('is equal to another id with the same value', () => {
    const id = RoomId.generate();
    const again = RoomId.create(id.value.toUpperCase());

    expect(again.ok && again.value.equals(id)).toBe(true);
  });

`,
      '',
    );

    expect(drift(COMPLETE_PLAN, { [ROOM_ID_SPEC]: removed })).toEqual([
      expect.objectContaining({
        line: fenceOf(COMPLETE_PLAN, ROOM_ID_SPEC),
        ...drifted(
          ROOM_ID_SPEC,
          `first at line ${lineOf(removed, 'it.each(')} of the file: \`it.each(['', '   ', 'not-a-uuid', '../../etc/passwd'])(\``,
        ),
      }),
    ]);
  });

  it('warns of a test added to the file, at the added line', () => {
    const added = replaceOnce(
      ROOM_ID_SOURCE,
      "  it('is equal to another id",
      `  it('refuses nothing else', () => {
    expect(RoomId.create(RoomId.generate().value).ok).toBe(true);
  });

  it('is equal to another id`,
    );

    expect(drift(COMPLETE_PLAN, { [ROOM_ID_SPEC]: added })).toEqual([
      expect.objectContaining({
        line: fenceOf(COMPLETE_PLAN, ROOM_ID_SPEC),
        ...drifted(
          ROOM_ID_SPEC,
          `first at line ${lineOf(added, 'refuses nothing else')} of the file: \`it('refuses nothing else', () => {\``,
        ),
      }),
    ]);
  });

  it('quotes what the file adds at the end of a block or a list, not the line before it', () => {
    const copy =
      "describe('x', () => {\n  it('a', () => {\n    expect(a).toEqual([\n      1,\n    ]);\n  });\n});\n";
    const added = (what: string, line: number) =>
      expect(compare(copy, what)).toEqual([
        expect.objectContaining(
          drifted(
            'src/x.spec.ts',
            `first at line ${line} of the file: \`${what.split('\n')[line - 1].trim()}\``,
          ),
        ),
      ]);

    added(copy.replace('  });\n', "  });\n  it('b', () => {});\n"), 7);
    added(copy.replace('      1,\n', '      1,\n      2,\n'), 5);
  });

  it('says where the file ends when the plan shows more than the file has', () => {
    const copy = "it('a', () => {});\nit('b', () => {});\n";

    expect(compare(copy, "it('a', () => {});\n")).toEqual([
      expect.objectContaining(
        drifted('src/x.spec.ts', "the file ends at line 1, where the plan's copy goes on"),
      ),
    ]);
    expect(compare(copy, '// nothing yet\n')).toEqual([
      expect.objectContaining(drifted('src/x.spec.ts', 'the file has no code')),
    ]);
  });

  it('tells apart string values, template literals and regular expressions', () => {
    expect(compare("expect(a).toBe('x');", "expect(a).toBe('y');")).toHaveLength(1);
    expect(compare('expect(a).toBe(`x ${b} y`);', 'expect(a).toBe(`x ${b} z`);')).toHaveLength(1);
    expect(compare('expect(a).toBe(`x ${b} y`);', 'expect(a).toBe(`x ${c} y`);')).toHaveLength(1);
    expect(compare("expect(a).toMatch(/it's/);", "expect(a).toMatch(/it'z/);")).toHaveLength(1);
    expect(compare('expect(a).toBe(1);', 'expect(a).toBe(2);')).toHaveLength(1);
    // The same code, written otherwise.
    expect(compare('expect(a).toBe("it\'s");', "expect(a).toBe('it\\'s');")).toEqual([]);
    expect(
      compare(
        "expect(a).toMatch(\n  /it's \\/ a {regex}/g,\n);\nconst t = `a ${{ b: '}' }.b} c`;",
        'expect(a).toMatch(/it\'s \\/ a {regex}/g); const t = `a ${{ b: "}" }.b} c`;',
      ),
    ).toEqual([]);
  });

  it('compares every TypeScript block under the heading, as one', () => {
    const text = planShowing("it('a', () => {});\n```\n\n```ts\nit('b', () => {});");

    const findings = (file: string) =>
      findingsOf(
        RULE,
        verifyPlan({
          file: 'plan.md',
          text,
          moduleCode: moduleCodeFromFiles('packages/x', { 'src/x.spec.ts': file }),
        }),
      );

    expect(findings("it('a', () => {});\nit('b', () => {});\n")).toEqual([]);
    expect(findings("it('a', () => {});\n")).toEqual([
      expect.objectContaining({ line: lineOf(text, '```ts') }),
    ]);
  });

  it('reads a spec shown under two headings as one copy, in order', () => {
    const text = planShowing(
      "it('a', () => {});\n```\n\n### `src/x.spec.ts` (continued)\n\n```ts\nit('b', () => {});",
    );
    const findings = (file: string) =>
      findingsOf(
        RULE,
        verifyPlan({
          file: 'plan.md',
          text,
          moduleCode: moduleCodeFromFiles('packages/x', { 'src/x.spec.ts': file }),
        }),
      );

    expect(findings("it('a', () => {});\nit('b', () => {});\n")).toEqual([]);
    expect(findings("it('a', () => {});\nit('c', () => {});\n")).toEqual([
      expect.objectContaining({ line: lineOf(text, '```ts') }),
    ]);
  });

  it('does not warn of a spec the plan names without a TypeScript block', () => {
    const heading = `### \`${ROOM_ID_SPEC}\``;
    const start = COMPLETE_PLAN.indexOf(heading);
    const end = COMPLETE_PLAN.indexOf('### `', start + heading.length);
    const withoutBlock = `${COMPLETE_PLAN.slice(0, start)}${heading}\n\nThe tests of RoomId.\n\n${COMPLETE_PLAN.slice(end)}`;

    expect(drift(withoutBlock, { [ROOM_ID_SPEC]: '// changed\nit.todo("x");\n' })).toEqual([]);
  });

  it('does not warn of a spec the module does not have', () => {
    const files = { ...ZETA_FILES };
    delete files[ROOM_ID_SPEC];

    expect(
      findingsOf(RULE, verifyVariant(COMPLETE_PLAN, { moduleCode: zetaModule(files) })),
    ).toEqual([]);
    expect(compare("it('a', () => {});", "it('a', () => {});")).toEqual([]);
    expect(
      findingsOf(
        RULE,
        verifyPlan({
          file: 'plan.md',
          text: planShowing("it('a', () => {});", '### `src/y.spec.ts`'),
          moduleCode: moduleCodeFromFiles('packages/x', { 'src/x.spec.ts': '' }),
        }),
      ),
    ).toEqual([]);
  });

  it('runs only when the module code is given', () => {
    const changed = replaceOnce(
      ROOM_ID_SOURCE,
      'expect(first.equals(second)).toBe(false);',
      'expect(first.equals(second)).toBe(true);',
    );

    expect(drift(COMPLETE_PLAN, { [ROOM_ID_SPEC]: changed })).toHaveLength(1);
    expect(findingsOf(RULE, verifyVariant(COMPLETE_PLAN, { moduleCode: null }))).toEqual([]);
  });

  it('warns of every spec the generated plan shows that the module has changed since', () => {
    const findings = findingsOf(RULE, verifyVariant(GENERATED_PLAN));

    // The complete plan's specs: five of the generated ones have had their `it.todo` written,
    // and the templates of the event and the listener have changed since it was written.
    expect(findings.map((finding) => finding.data.spec)).toEqual([
      'src/domain/room/room.aggregate.spec.ts',
      'src/domain/room/room-name.value-object.spec.ts',
      'src/domain/room/room-booked.event.spec.ts',
      'src/application/book-room/book-room.command.spec.ts',
      'src/application/book-room/book-room.handler.spec.ts',
      'src/application/book-room/on-room-booked.listener.spec.ts',
      'src/application/book-room/book-room-follow-up.scheduled-command.spec.ts',
    ]);
    expect(findings[0]).toMatchObject({
      line: fenceOf(GENERATED_PLAN, 'src/domain/room/room.aggregate.spec.ts'),
      ...drifted(
        'src/domain/room/room.aggregate.spec.ts',
        "first at line 1 of the file: `import { BusinessRuleError, unwrap } from '@mjomeet/ddd';`",
      ),
    });
  });

  it('keeps what it read of one module apart from another', () => {
    const changed = replaceOnce(
      ROOM_ID_SOURCE,
      'expect(first.equals(second)).toBe(false);',
      'expect(first.equals(second)).toBe(true);',
    );
    const same = zetaModule();
    const other = zetaModule({ ...ZETA_FILES, [ROOM_ID_SPEC]: changed });
    const verify = (moduleCode: ReturnType<typeof zetaModule>) =>
      findingsOf(RULE, verifyVariant(COMPLETE_PLAN, { moduleCode }));

    expect(verify(same)).toEqual([]);
    expect(verify(other)).toHaveLength(1);
    expect(verify(same)).toEqual([]);
    expect(verify(other)).toHaveLength(1);
  });

  it.each([
    ['an unterminated string', "it('a, () => {"],
    ['an unterminated template', 'const a = `x ${`y ${'],
    ['stray closing braces', '}}}) ]]'],
    ['stray characters', '@#\\ \u00a0 ¤ \\u{zz}'],
    ['deep nesting', '('.repeat(20_000) + '/'.repeat(3)],
    ['an unterminated regular expression', 'x = /abc'],
    ['nothing', ''],
  ])('reads %s, in the plan or in the file, without throwing', (_what, code) => {
    const valid = "it('a', () => {});\n";

    expect(compare(code, valid)).toHaveLength(1);
    expect(compare(valid, code)).toHaveLength(1);
    expect(compare(code, code)).toEqual([]);
  });
});

describe('tokenize', () => {
  it('ignores white space and comments, and reads string literals by value', () => {
    const a = tokenize("foo( 'x' , /* c */ 1 )");
    const b = tokenize('foo(\n  "x",\n  1,\n)');

    expect(firstDifference(a, b)).toBeUndefined();
    expect(a.kinds).toHaveLength(6);
  });

  it('keeps the position of every token in its text', () => {
    const text = 'a(\n  b,\n);';
    const tokens = tokenize(text);

    expect(tokens.starts.map((start) => text[start])).toEqual(['a', '(', 'b', ')', ';']);
  });

  it('answers the first token that differs, or the length of the shorter side', () => {
    expect(firstDifference(tokenize('a(b);'), tokenize('a(c);'))).toBe(2);
    expect(firstDifference(tokenize('a(b); c();'), tokenize('a(b);'))).toBe(5);
    expect(firstDifference(tokenize('a(b);'), tokenize('a(b); c();'))).toBe(5);
  });
});
