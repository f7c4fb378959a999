import {
  COMPLETE_PLAN,
  findingsOf,
  lineOf,
  replaceOnce,
  ruleIds,
  verifyVariant,
  ZETA_FILES,
  zetaModule,
} from '../__fixtures__/plans';
import { resolveConfig } from '../config/resolve';
import type { Finding } from '../finding';
import { verifyPlan } from '../verify';

const HANDLER_SPEC = 'src/application/book-room/book-room.handler.spec.ts';
const ROOM_NAME_SPEC = 'src/domain/room/room-name.value-object.spec.ts';
const FLOOD_TEST = 'BookRoomHandler › refuses the 31st booking of a member within an hour';
const FLOOD_LINK = `[${FLOOD_TEST}](../../../../packages/zeta/${HANDLER_SPEC})`;
const CONTROL_TEST = 'RoomName › refuses control characters, which would corrupt audit logs';
const CONTROL_LINK = `[${CONTROL_TEST}](/packages/zeta/${ROOM_NAME_SPEC})`;

/** The module's files with one spec file's text edited. */
function withSpec(path: string, edit: (code: string) => string): Record<string, string> {
  return { ...ZETA_FILES, [path]: edit(ZETA_FILES[path]) };
}

/** The findings of the evidence rules only. */
function evidence(text: string, files: Record<string, string> = ZETA_FILES): Finding[] {
  return verifyVariant(text, { moduleCode: zetaModule(files) }).filter((finding) =>
    finding.ruleId.startsWith('evidence/'),
  );
}

/** 1-based column of the first `search` on line `line` of `text`. */
function columnOf(text: string, line: number, search: string): number {
  return text.split('\n')[line - 1].indexOf(search) + 1;
}

/** A plan with one more line in its Requirements section. */
function withRequirement(text: string, sentence: string): string {
  return replaceOnce(text, '## Components\n', `${sentence}\n\n## Components\n`);
}

describe('the evidence rules', () => {
  it('accept the complete plan: every threat and ticked item cites a test that exists, runs and asserts', () => {
    expect(evidence(COMPLETE_PLAN)).toEqual([]);
  });
});

describe('evidence/missing', () => {
  const rule = (text: string, files?: Record<string, string>) =>
    findingsOf('evidence/missing', evidence(text, files));

  it('reports a threat whose list item under the table cites no test, at its threat cell', () => {
    const text = replaceOnce(COMPLETE_PLAN, `  ${FLOOD_LINK}\n`, '  Tested in the handler.\n');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '| Booking flood'),
        column: 3,
        message:
          'Threat "Booking flood" cites no test of its mitigation; add a link to the test that proves it, [describe › test](path/to/the.spec.ts), in its Evidence cell or in the list item under the table that starts with the threat.',
      }),
    ]);
  });

  it('reports a ticked security item without a link, at its text', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      '- [ ] Rate limiting configured',
      '- [x] Rate limiting configured',
    );
    const line = lineOf(text, '- [x] Rate limiting configured');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        line,
        column: 7,
        message:
          '`Rate limiting configured` is ticked but cites no test; add a link to the test that proves it, named by its full name, e.g. `— [describe › test](path/to/the.spec.ts)`, or untick it, or mark it `N/A: reason`.',
      }),
    ]);
  });

  it.each([
    ['an open item', '- [ ] Rate limiting configured'],
    ['a ticked N/A item', '- [x] Rate limiting configured — N/A: no endpoint, only a nightly job'],
    ['an open N/A item', '- [ ] Rate limiting configured — N/A: no endpoint, only a nightly job'],
    ['a ticked item of another group', '- [x] Domain events for state changes'],
    [
      'a ticked item with its link on the next line',
      `- [x] Rate limiting configured —\n  ${FLOOD_LINK}`,
    ],
    [
      'a ticked item with its link in a list under it',
      `- [x] Rate limiting configured\n  - ${FLOOD_LINK}\n  - ${CONTROL_LINK}`,
    ],
  ])('says nothing of %s', (_case, item) => {
    const line = item.split(' —')[0].split('\n')[0].replace('[x]', '[ ]');
    const text = replaceOnce(COMPLETE_PLAN, line, item);

    expect(rule(text)).toEqual([]);
  });

  it('accepts `Threat model completed` without a link: each threat cites its own test', () => {
    expect(COMPLETE_PLAN).toContain('- [x] Threat model completed\n');
    expect(rule(COMPLETE_PLAN)).toEqual([]);
  });

  it('accepts a threat whose Evidence cell cites a test', () => {
    const text = replaceOnce(
      replaceOnce(COMPLETE_PLAN, `  ${FLOOD_LINK}\n`, '  Tested.\n'),
      '| Threat                 | Asset          | Mitigation                       |\n| ---------------------- | -------------- | -------------------------------- |\n',
      '| Threat                 | Asset          | Mitigation                       | Evidence |\n| ---------------------- | -------------- | -------------------------------- | -------- |\n',
    ).replace(
      '| Booking flood          | Availability   | 30 bookings per member per hour  |',
      `| Booking flood          | Availability   | 30 bookings per member per hour  | ${FLOOD_LINK} |`,
    );

    expect(rule(text)).toEqual([]);
  });

  it('matches a list item to its threat by the threat id, like T2 in the worked example', () => {
    const text = replaceOnce(
      replaceOnce(COMPLETE_PLAN, '| Booking flood          |', '| T2 Booking flood       |'),
      '- **Booking flood:**',
      '- **T2 Flooding.**',
    );

    expect(rule(text)).toEqual([]);
  });

  describe('its options', () => {
    const withOptions = (text: string, options: Record<string, unknown>) =>
      findingsOf(
        'evidence/missing',
        verifyPlan({
          file: 'docs/features/zeta/BookRoom/BookRoom-plan.md',
          text,
          moduleCode: zetaModule(),
          config: resolveConfig({ rules: { 'evidence/missing': ['error', options] } }),
        }),
      );
    const ticked = replaceOnce(
      replaceOnce(
        COMPLETE_PLAN,
        '- [ ] Rate limiting configured',
        '- [x] Rate limiting configured',
      ),
      '- [ ] Value objects with robust validation',
      '- [x] Value objects with robust validation',
    );
    const noFloodLink = replaceOnce(ticked, `  ${FLOOD_LINK}\n`, '  Tested.\n');

    it('groups: [] needs no evidence for the items of any group', () => {
      expect(withOptions(ticked, { groups: [] })).toEqual([]);
    });

    it('items: adds single items, in any checklist', () => {
      expect(
        withOptions(ticked, { groups: [], items: ['Value objects with robust validation'] }),
      ).toEqual([
        expect.objectContaining({
          line: lineOf(ticked, '- [x] Value objects with robust'),
          column: 7,
        }),
      ]);
    });

    it('threats: false needs no evidence for threats, and then `Threat model completed` needs its own', () => {
      expect(
        withOptions(noFloodLink, { groups: ['Security & Privacy'], threats: false }).map(
          (finding) => finding.data.item,
        ),
      ).toEqual(['`Threat model completed`', '`Rate limiting configured`']);
    });

    it('threatModelItems: [] makes `Threat model completed` need a link of its own', () => {
      expect(
        withOptions(COMPLETE_PLAN, { threatModelItems: [] }).map((finding) => finding.data.item),
      ).toEqual(['`Threat model completed`']);
    });

    it('refuses a group that no checklist has, naming the ones there are', () => {
      expect(() =>
        resolveConfig({ rules: { 'evidence/missing': ['error', { groups: ['Security'] }] } }),
      ).toThrow(
        '@mjomeet/plan options: rules["evidence/missing"][1].groups: there is no checklist group "Security"; use one of',
      );
    });
  });
});

describe('evidence/target', () => {
  const rule = (text: string) => findingsOf('evidence/target', evidence(text));
  const citing = (target: string) =>
    withRequirement(COMPLETE_PLAN, `Proved by [${CONTROL_TEST}](${target}).`);

  it.each([
    [
      'a file that does not exist',
      '/packages/zeta/src/domain/room/room-name.spec.ts',
      'There is no file packages/zeta/src/domain/room/room-name.spec.ts (cited by [RoomName › refuses control characters, which would corrupt audit logs](/packages/zeta/src/domain/room/room-name.spec.ts)); correct the path: relative to this plan, or from the repository root with a leading `/`.',
    ],
    [
      'a file that is not a test file',
      '/packages/zeta/src/domain/room/room-name.value-object.ts',
      'packages/zeta/src/domain/room/room-name.value-object.ts is not a test file (a `*.spec.*` or `*.test.*` file, or one under `__tests__/`); cite the test that proves it, in its test file.',
    ],
    [
      "another module's test",
      '/packages/billing/src/invoice.spec.ts',
      'The evidence [RoomName › refuses control characters, which would corrupt audit logs](/packages/billing/src/invoice.spec.ts) is not a file of the module (packages/zeta/); cite a test of the module this plan is for.',
    ],
    [
      'a URL',
      'https://github.com/o/r/blob/main/packages/zeta/src/domain/room/room-name.value-object.spec.ts',
      expect.stringMatching(
        /^The evidence \[.*\]\(https:.*\) is a URL; link the test file by its path in the repository/,
      ),
    ],
    [
      'a path out of the repository',
      '../../../../../elsewhere/a.spec.ts',
      expect.stringContaining('points outside the repository'),
    ],
  ])('reports %s at the link', (_case, target, message) => {
    const text = citing(target);
    const line = lineOf(text, 'Proved by [');

    expect(rule(text)).toEqual([
      expect.objectContaining({ severity: 'error', line, column: 11, message }),
    ]);
  });

  it('resolves a link relative to the plan and one from the repository root alike', () => {
    const relative = citing(`../../../../packages/zeta/${ROOM_NAME_SPEC}#L250`);
    const rooted = citing(`/packages/zeta/${ROOM_NAME_SPEC}`);

    expect(evidence(relative)).toEqual([]);
    expect(evidence(rooted)).toEqual([]);
  });
});

describe('evidence/unknown-test', () => {
  const rule = (text: string, files?: Record<string, string>) =>
    findingsOf('evidence/unknown-test', evidence(text, files));

  it('reports a renamed test at the link, with its current name', () => {
    const files = withSpec(HANDLER_SPEC, (code) =>
      code.replace(
        "it('refuses the 31st booking of a member within an hour'",
        "it('refuses the 31st booking of a member in an hour'",
      ),
    );
    const line = lineOf(COMPLETE_PLAN, `  ${FLOOD_LINK}`);

    expect(rule(COMPLETE_PLAN, files)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line,
        column: 3,
        message: `There is no test \`${FLOOD_TEST}\` in packages/zeta/${HANDLER_SPEC}; rename the link to the test's current name: \`BookRoomHandler › refuses the 31st booking of a member in an hour\`.`,
      }),
    ]);
  });

  it('suggests the full name when the link gives the title alone', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      `[${FLOOD_TEST}]`,
      '[refuses the 31st booking of a member within an hour]',
    );

    expect(rule(text)[0].message).toContain(
      `rename the link to the test's current name: \`${FLOOD_TEST}\`.`,
    );
  });

  it('says how tests are named when nothing is close', () => {
    const text = replaceOnce(COMPLETE_PLAN, `[${FLOOD_TEST}]`, '[BookRoomHandler › is fast]');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        message: `There is no test \`BookRoomHandler › is fast\` in packages/zeta/${HANDLER_SPEC}; name the test as jest does: its \`describe\` titles and its title, joined by \` › \` (4 of its tests have a name known before they run).`,
      }),
    ]);
  });

  it('checks evidence cited anywhere else in the plan too', () => {
    const text = withRequirement(
      COMPLETE_PLAN,
      `See [RoomName › refuses tabs](/packages/zeta/${ROOM_NAME_SPEC}).`,
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({ line: lineOf(text, 'See [RoomName'), column: 5 }),
    ]);
  });

  describe('reads the test file with a parser', () => {
    const NESTED = 'src/domain/room/nested.spec.ts';
    const files = {
      ...ZETA_FILES,
      [NESTED]: [
        "describe('Outer', () => {",
        '  describe(`Inner`, () => {',
        '    it(`does a thing`, () => {',
        '      expect(1).toBe(1);',
        '    });',
        '    test("says \\"hi\\"", () => {',
        "      expect('hi').toBeTruthy();",
        '    });',
        '    it(`counts ${2} things`, () => {',
        '      expect(2).toBe(2);',
        '    });',
        '  });',
        "  it.each([1, 2])('handles %i item(s)', (n) => {",
        '    expect(n).toBeGreaterThan(0);',
        '  });',
        "  // it('is only a comment', () => { expect(1).toBe(1); });",
        '  const text = "it(\'is only a string\', () => {})";',
        '});',
        '',
      ].join('\n'),
    };
    const cite = (name: string) =>
      withRequirement(COMPLETE_PLAN, `Proved by [${name}](/packages/zeta/${NESTED}).`);

    it.each([
      'Outer › Inner › does a thing',
      'Outer › Inner › says "hi"',
      'Outer › handles 2 item(s)',
      'Outer  ›  Inner ›\n  does a thing',
    ])('finds %j', (name) => {
      expect(evidence(cite(name), files)).toEqual([]);
    });

    it.each([
      ['a title with an expression', 'Outer › Inner › counts 2 things'],
      ['a test in a comment', 'Outer › is only a comment'],
      ['a test in a string', 'Outer › is only a string'],
      ['the describe path alone', 'Outer › Inner'],
      ['a title without its describe path', 'Outer › does a thing'],
    ])('does not find %s', (_case, name) => {
      expect(ruleIds(evidence(cite(name), files))).toEqual(['evidence/unknown-test']);
    });
  });
});

describe('evidence/skipped-test', () => {
  const rule = (text: string, files: Record<string, string>) =>
    findingsOf('evidence/skipped-test', evidence(text, files));
  const line = lineOf(COMPLETE_PLAN, `  ${FLOOD_LINK}`);
  const mark = (replacement: string) =>
    withSpec(HANDLER_SPEC, (code) =>
      code.replace(
        "it('refuses the 31st booking of a member",
        `${replacement}('refuses the 31st booking of a member`,
      ),
    );

  it.each([
    ['it.skip', 'skip', 'is skipped by `it.skip`'],
    ['xit', 'skip', 'is skipped by `xit`'],
    ['test.skip', 'skip', 'is skipped by `test.skip`'],
    ['it.only', 'only', 'is focused by `it.only`'],
    ['fit', 'only', 'is focused by `fit`'],
    ['it.failing', 'failing', 'is marked `it.failing`'],
  ])('reports a test marked %s, at the link', (marker, messageId, words) => {
    const findings = rule(COMPLETE_PLAN, mark(marker));

    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', messageId, line, column: 3 }),
    ]);
    expect(findings[0].message).toContain(
      `\`${FLOOD_TEST}\` ${words} (packages/zeta/${HANDLER_SPEC}:`,
    );
  });

  it('reports a test in a skipped describe', () => {
    const files = withSpec(HANDLER_SPEC, (code) =>
      code.replace("describe('BookRoomHandler'", "describe.skip('BookRoomHandler'"),
    );

    expect(rule(COMPLETE_PLAN, files)[0].message).toContain('is skipped by `describe.skip`');
  });

  it('reports a todo test', () => {
    const files = withSpec(HANDLER_SPEC, (code) =>
      code.replace(
        /it\('refuses the 31st booking of a member within an hour', async \(\) => \{[\s\S]*?\n {2}\}\);\n/,
        "it.todo('refuses the 31st booking of a member within an hour');\n",
      ),
    );

    expect(rule(COMPLETE_PLAN, files)).toEqual([
      expect.objectContaining({
        messageId: 'todo',
        message: expect.stringMatching(
          /^The cited test `.*` is a todo \(`it\.todo`, packages\/zeta\/.*\.spec\.ts:\d+\): it has no code yet/,
        ),
      }),
    ]);
  });
});

describe('evidence/no-assertion', () => {
  const rule = (text: string, files: Record<string, string>) =>
    findingsOf('evidence/no-assertion', evidence(text, files));

  it('reports a cited test whose body asserts nothing, at the link', () => {
    const files = withSpec(ROOM_NAME_SPEC, (code) =>
      code.replace(
        "Room\\u0000A');\n\n    expect(!result.ok && result.error.issues[0].field).toBe('roomName');",
        "Room\\u0000A');\n\n    void result;",
      ),
    );
    const line = lineOf(COMPLETE_PLAN, `  ${CONTROL_LINK}`);

    expect(rule(COMPLETE_PLAN, files)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line,
        column: columnOf(COMPLETE_PLAN, line, '['),
        message: expect.stringMatching(
          /^The cited test `RoomName › refuses control characters, which would corrupt audit logs` \(packages\/zeta\/src\/domain\/room\/room-name\.value-object\.spec\.ts:\d+\) asserts nothing/,
        ),
      }),
    ]);
  });

  it('reports a test whose body is a function defined elsewhere', () => {
    const files = withSpec(ROOM_NAME_SPEC, (code) =>
      code.replace(
        "it('refuses control characters, which would corrupt audit logs', () => {",
        "it('refuses control characters, which would corrupt audit logs', check);\n  it('x', () => {",
      ),
    );

    expect(rule(COMPLETE_PLAN, files)).toEqual([
      expect.objectContaining({ messageId: 'reference' }),
    ]);
  });
});
