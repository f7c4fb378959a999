import {
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  GENERATED_ZETA_FILES,
  NOW,
  PLAN_FILE,
  replaceOnce,
  ruleIds,
  verifyVariant,
  zetaModule,
} from './__fixtures__/plans';
import { RULES, verifyPlan } from './verify';

describe('verifyPlan', () => {
  it('finds nothing in the complete, approved plan', () => {
    expect(verifyVariant(COMPLETE_PLAN)).toEqual([]);
  });

  it('finds nothing in the complete plan without module code either', () => {
    expect(verifyVariant(COMPLETE_PLAN, { moduleCode: null })).toEqual([]);
  });

  /** The generated plan against the code the generator wrote with it. */
  const generatedCode = () => zetaModule(GENERATED_ZETA_FILES);

  it('finds only placeholders and the missing approval in the generated plan: template and rules agree', () => {
    const findings = verifyVariant(GENERATED_PLAN, { moduleCode: generatedCode() });

    expect(ruleIds(findings)).toEqual(['approval/missing', 'plan/placeholder']);
    expect(findingsOf('approval/missing', findings)).toHaveLength(1);
    // One per line still holding TODO(plan); the introduction's `TODO(plan)` is a mention.
    const placeholderLines = GENERATED_PLAN.split('\n').filter((line) =>
      /(?<!`)TODO\(plan\)(?!`)/.test(line),
    );
    expect(findingsOf('plan/placeholder', findings)).toHaveLength(placeholderLines.length);
  });

  it('reports only what the approve generator checks when approval is skipped', () => {
    expect(
      ruleIds(verifyVariant(GENERATED_PLAN, { moduleCode: generatedCode(), skipApproval: true })),
    ).toEqual(['plan/placeholder']);
    const stale = replaceOnce(COMPLETE_PLAN, 'Out of scope:', 'Not in scope:');
    expect(verifyVariant(stale, { skipApproval: true })).toEqual([]);
  });

  it('sorts findings by line, then column', () => {
    const findings = verifyVariant(GENERATED_PLAN);
    const positions = findings.map((f) => f.line * 10_000 + f.column);

    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('gives every finding a known rule, its severity, one of its messages, a position and a one-line message', () => {
    const broken = replaceOnce(GENERATED_PLAN, '## Components', '## Componentz');
    const severity = new Map(RULES.map((rule) => [rule.id, rule.severity]));
    const messages = new Map(RULES.map((rule) => [rule.id, Object.keys(rule.messages)]));

    for (const finding of verifyVariant(broken)) {
      expect(severity.get(finding.ruleId)).toBe(finding.severity);
      expect(messages.get(finding.ruleId)).toContain(finding.messageId);
      expect(finding.file).toBe(PLAN_FILE);
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.message).not.toMatch(/\n/);
    }
  });

  describe('mangled input gives findings, never a throw', () => {
    it.each([
      ['an empty file', '', ['plan/unreadable']],
      ['binary junk', 'binary \u0000 junk', ['plan/unreadable']],
      ['a 5 MB plan', COMPLETE_PLAN + 'x'.repeat(5 * 1024 * 1024), ['plan/unreadable']],
      [
        'broken YAML',
        COMPLETE_PLAN.replace('module: zeta', 'module: [zeta'),
        ['plan/front-matter'],
      ],
      [
        'no front matter',
        COMPLETE_PLAN.slice(COMPLETE_PLAN.indexOf('# BookRoom plan')),
        ['plan/front-matter'],
      ],
      ['a random text', 'hello\n', ['plan/front-matter', 'plan/section-missing']],
    ])('%s', (_case, text, expected) => {
      let findings: ReturnType<typeof verifyPlan> = [];
      expect(() => {
        findings = verifyVariant(text as string);
      }).not.toThrow();
      expect(ruleIds(findings)).toEqual(expected);
    });

    it('reports an unreadable file once, at 1:1, and nothing else', () => {
      expect(verifyVariant('')).toEqual([
        expect.objectContaining({
          ruleId: 'plan/unreadable',
          severity: 'error',
          line: 1,
          column: 1,
        }),
      ]);
    });

    it('points at the first binary character', () => {
      const [finding] = verifyVariant('---\nmodule: a\n---\n\nab\u0000cd\n');

      expect(finding).toMatchObject({ ruleId: 'plan/unreadable', line: 5, column: 3 });
    });

    describe('stays quick on hostile input just under the size limit', () => {
      const room = 1000 * 1000 - COMPLETE_PLAN.length;
      const inject = (extra: string) =>
        replaceOnce(
          COMPLETE_PLAN,
          '## Implementation steps\n',
          `## Implementation steps\n\n${extra}\n`,
        );

      it.each([
        ['a line of spaces', () => inject(' '.repeat(room - 10) + 'x')],
        [
          'many comments before text',
          () => inject('<!-- a -->'.repeat(Math.floor(room / 11)) + ' x'),
        ],
        ['unclosed comments', () => inject('<!--'.repeat(Math.floor(room / 5)))],
        ['a deep quote', () => inject('>'.repeat(room - 10))],
        [
          'a long generic artifact',
          () => replaceOnce(COMPLETE_PLAN, '`Room`  ', '`Room<' + ' '.repeat(room - 10) + '`'),
        ],
        [
          'braces nested too deep for the TypeScript parser',
          () => inject('```ts\n' + '{'.repeat(room - 20) + '\n```'),
        ],
      ])(
        '%s',
        (_case, make) => {
          const text = make();
          const started = Date.now();

          const findings = verifyVariant(text);

          // Generous: CI machines are slow and busy; a backtracking regex takes minutes, not seconds.
          expect(Date.now() - started).toBeLessThan(10_000);
          expect(findings.length).toBeGreaterThan(0);
        },
        30_000,
      );

      it('reports code the parser cannot cope with as a syntax error', () => {
        const text = inject('```ts\n' + '{'.repeat(200_000) + '\n```');

        expect(findingsOf('tests/syntax-error', verifyVariant(text))).toEqual([
          expect.objectContaining({
            messageId: 'syntax',
            data: expect.objectContaining({
              problem: expect.stringContaining(
                "TypeScript's parser gave up: it is nested too deeply to parse",
              ),
            }),
          }),
        ]);
      });
    });

    it('survives random byte soup', () => {
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const alphabet = '-#|`[]x :\n\t>*_!N/A01TODO(plan)---\r';
      for (let round = 0; round < 200; round++) {
        const length = Math.floor(random() * 400);
        let text = round % 2 ? '---\nmodule: zeta\nstatus: approved\n---\n' : '';
        for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
        expect(() =>
          verifyPlan({ file: PLAN_FILE, text, moduleCode: zetaModule(), now: NOW }),
        ).not.toThrow();
      }
    });
  });

  it('lists every rule once with an id, a severity and a one-line description', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z-]+\/[a-z-]+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description).toMatch(/^\S.*\.$/);
      expect(rule.description).not.toMatch(/\n/);
    }
  });
});
