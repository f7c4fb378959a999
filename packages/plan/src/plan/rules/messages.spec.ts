/**
 * The message templates of every built-in rule, filled from real findings. The rules' specs
 * assert message ids and data, not prose; this checks what they cannot see: that each
 * template's `{{names}}` are filled by the data its rule reports it with, and that every key a
 * rule reports fills one of its messages. A placeholder misspelt in a template, or a data key
 * misspelt in a rule's code, fails here.
 *
 * Each message id of each rule has a variant below that makes the rule report it; a rule or a
 * message id without one fails the first test.
 */
import { sectionText, swapSections } from '../__fixtures__/edit';
import {
  approve,
  COMPLETE_DRAFT,
  COMPLETE_PLAN,
  GENERATED_PLAN,
  NOW,
  PLAN_FILE,
  replaceOnce,
  specCodeOf,
  verifyVariant,
  ZETA_FILES,
  zetaModule,
} from '../__fixtures__/plans';
import { DEFAULT_CONFIG, resolveConfig } from '../config/resolve';
import { fillMessage, Finding } from '../finding';
import type { ModuleLayout } from '../module-layout';
import { findingOf, verifyPlan } from '../verify';
import { BUILT_IN_RULES } from '.';
import type { ModuleRule } from './rule';

/** The names a template is filled with, as fillMessage reads them. */
function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((match) => match[1]);
}

/** The complete plan with one spec's code (as it shows it) replaced. */
function withSpecCode(spec: string, code: string): string {
  return replaceOnce(COMPLETE_PLAN, specCodeOf(COMPLETE_PLAN)[spec], code);
}

const THREAT_ROW = '| Booking flood          | Availability   | 30 bookings per member per hour  |';
const EVENT_SPEC = 'src/domain/room/room-booked.event.spec.ts';

/** The findings of the module rules on a module's layout (the `rooms` module unless changed). */
function moduleFindings(layout: Partial<ModuleLayout>): Finding[] {
  const full: ModuleLayout = {
    plansDir: 'docs/features/rooms',
    files: ['BookRoom/BookRoom-plan.md'],
    caseTwins: [],
    projectRoot: 'packages/rooms',
    useCaseFolders: [],
    ...layout,
  };
  const findings: Finding[] = [];
  for (const entry of DEFAULT_CONFIG.defaults.rules) {
    if (entry.rule.scope !== 'module') continue;
    (entry.rule as ModuleRule).check(
      full,
      (file, messageId, data) =>
        findings.push(findingOf(entry, file, { line: 1, column: 1 }, messageId, data)),
      entry.options,
    );
  }
  return findings;
}

/** For each rule id and message id: findings among which the rule reports that message. */
const VARIANTS: Readonly<Record<string, Readonly<Record<string, () => Finding[]>>>> = {
  'plan/unreadable': {
    unreadable: () => verifyVariant(''),
  },
  'plan/front-matter': {
    noFrontMatter: () =>
      verifyVariant(COMPLETE_PLAN.slice(COMPLETE_PLAN.indexOf('# BookRoom plan'))),
    unclosed: () => verifyVariant(COMPLETE_PLAN.replace('\n---\n\n# BookRoom', '\n\n# BookRoom')),
    invalidYaml: () =>
      verifyVariant(COMPLETE_PLAN.replace('useCase: BookRoom', 'useCase: "BookRoom')),
    noModule: () => verifyVariant(GENERATED_PLAN.replace('module: zeta\n', '')),
    badModule: () => verifyVariant(GENERATED_PLAN.replace('module: zeta', 'module: ../etc')),
    noUseCase: () => verifyVariant(GENERATED_PLAN.replace('useCase: BookRoom\n', '')),
    badUseCase: () =>
      verifyVariant(GENERATED_PLAN.replace('useCase: BookRoom', 'useCase: book room')),
    noStatus: () => verifyVariant(GENERATED_PLAN.replace('status: draft\n', '')),
    badStatus: () => verifyVariant(GENERATED_PLAN.replace('status: draft', 'status: done')),
  },
  'plan/path-mismatch': {
    mismatch: () =>
      verifyVariant(COMPLETE_PLAN, { file: 'docs/features/eta/BookRoom/BookRoom-plan.md' }),
  },
  'plan/profile': {
    unknown: () =>
      verifyVariant(COMPLETE_DRAFT.replace('status: draft', 'status: draft\nprofile: light')),
    notAllowed: () =>
      verifyPlan({
        file: PLAN_FILE,
        text: COMPLETE_DRAFT.replace('status: draft', 'status: draft\nprofile: lite'),
        moduleCode: zetaModule(),
        now: NOW,
        config: resolveConfig({ profiles: { lite: { modules: ['billing'] } } }),
      }),
  },
  'plan/section-missing': {
    missing: () => verifyVariant(replaceOnce(COMPLETE_PLAN, '## Threat model', '## Threat Model')),
  },
  'plan/section-duplicate': {
    duplicate: () => verifyVariant(COMPLETE_PLAN + '\n## Components\n\nMore components here.\n'),
  },
  'plan/section-order': {
    outOfOrder: () =>
      verifyVariant(swapSections(COMPLETE_PLAN, 'Domain model', 'Application layer')),
  },
  'plan/section-empty': {
    empty: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          sectionText(COMPLETE_PLAN, 'Implementation steps'),
          '## Implementation steps\n\n<!-- later -->\n\n',
        ),
      ),
  },
  'plan/section-substance': {
    saysNothing: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          sectionText(COMPLETE_PLAN, 'Privacy and compliance'),
          '## Privacy and compliance\n\nN/A\n\n',
        ),
      ),
  },
  'plan/placeholder': {
    left: () => verifyVariant(GENERATED_PLAN),
  },
  'checklist/item-missing': {
    missing: () =>
      verifyVariant(replaceOnce(COMPLETE_PLAN, '- [ ] Rate limiting configured\n', '')),
  },
  'checklist/na-reason': {
    noReason: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          '- [ ] Performance testing — N/A: 5 requests per second at peak',
          '- [ ] Performance testing — N/A:',
        ),
      ),
    vagueReason: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          '- [ ] Performance testing — N/A: 5 requests per second at peak',
          '- [ ] Performance testing — N/A: none',
        ),
      ),
  },
  'checklist/unchecked': {
    notTicked: () =>
      verifyVariant(COMPLETE_PLAN.replace('status: approved', 'status: implemented')),
  },
  'threat-model/no-threats': {
    wrongColumns: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          '| Threat                 | Asset          | Mitigation',
          '| Risk                   | Asset          | Fix       ',
        ),
      ),
    noTable: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          sectionText(COMPLETE_PLAN, 'Threat model'),
          '## Threat model\n\nNo threats.\n\n',
        ),
      ),
    noRows: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          sectionText(COMPLETE_PLAN, 'Threat model'),
          '## Threat model\n\n| Threat | Asset | Mitigation |\n| --- | --- | --- |\n\n',
        ),
      ),
  },
  'threat-model/mitigation-missing': {
    missing: () =>
      verifyVariant(replaceOnce(COMPLETE_PLAN, THREAT_ROW, '| Booking flood | Availability | |')),
  },
  'threat-model/vague-row': {
    vague: () =>
      verifyVariant(replaceOnce(COMPLETE_PLAN, THREAT_ROW, '| Booking flood | . | Rate limit |')),
  },
  'tests/no-code-block': {
    none: () => {
      const tests = sectionText(COMPLETE_PLAN, 'Unit tests');
      return verifyVariant(
        replaceOnce(COMPLETE_PLAN, tests, tests.replace(/```ts\n/g, '```text\n')),
      );
    },
  },
  'tests/syntax-error': {
    syntax: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          "  it('keeps the id it is given', () => {\n",
          "  it('keeps the id it is given', () => {\n    const broken = ;\n",
        ),
      ),
  },
  'tests/no-assertion': {
    noTestRuns: () =>
      verifyVariant(
        withSpecCode(EVENT_SPEC, "describe('RoomBooked', () => {\n  it.todo('x');\n});\n"),
      ),
    nothingAsserted: () =>
      verifyVariant(
        withSpecCode(
          EVENT_SPEC,
          "describe('RoomBooked', () => {\n  it('x', () => {\n    RoomBooked.create();\n  });\n});\n",
        ),
      ),
    noTest: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          sectionText(COMPLETE_PLAN, 'Unit tests'),
          '## Unit tests\n\n```ts\nconst a = 1;\n```\n\n',
        ),
      ),
  },
  'trace/artifact-missing': {
    notDeclared: () => {
      const files = { ...ZETA_FILES };
      delete files['src/domain/room/room-name.value-object.ts'];
      return verifyVariant(COMPLETE_PLAN, { moduleCode: zetaModule(files) });
    },
  },
  'trace/spec-not-in-plan': {
    notNamed: () =>
      verifyVariant(replaceOnce(COMPLETE_PLAN, `### \`${EVENT_SPEC}\``, '### The event')),
  },
  'trace/spec-drift': {
    drift: () => verifyVariant(GENERATED_PLAN),
  },
  'approval/missing': {
    draft: () => verifyVariant(COMPLETE_DRAFT),
  },
  'approval/invalid': {
    noBlock: () => verifyVariant(COMPLETE_DRAFT.replace('status: draft', 'status: approved')),
    notMapping: () =>
      verifyVariant(COMPLETE_DRAFT.replace('status: draft', 'status: approved\napproval: yes')),
    noApprover: () => verifyVariant(approve(COMPLETE_DRAFT, '""')),
    badDate: () => verifyVariant(approve(COMPLETE_DRAFT, 'Ada', '2026-11-20')),
    futureDate: () => verifyVariant(approve(COMPLETE_DRAFT, 'Ada', '2027-01-01T00:00:00Z')),
    badDigest: () =>
      verifyVariant(COMPLETE_PLAN.replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:abc')),
  },
  'approval/stale': {
    stale: () =>
      verifyVariant(
        replaceOnce(
          COMPLETE_PLAN,
          'Out of scope: recurring bookings',
          'Out of scope: all bookings',
        ),
      ),
  },
  'plan/misplaced-file': {
    caseTwin: () => moduleFindings({ caseTwins: ['Rooms'] }),
    loose: () => moduleFindings({ files: ['BookRoom/BookRoom-plan.md', 'notes.md'] }),
    badFolder: () => moduleFindings({ files: ['book-room/BookRoom-plan.md'] }),
    nested: () => moduleFindings({ files: ['BookRoom/old/BookRoom-plan.md'] }),
    misnamed: () => moduleFindings({ files: ['BookRoom/bookroom-plan.md'] }),
    secondMarkdown: () =>
      moduleFindings({ files: ['BookRoom/BookRoom-plan.md', 'BookRoom/notes.md'] }),
    orphan: () =>
      moduleFindings({ files: ['BookRoom/BookRoom-plan.md', 'CancelRoom/diagram.png'] }),
  },
  'plan/no-plans': {
    none: () => moduleFindings({ files: [] }),
  },
  'trace/use-case-without-plan': {
    noPlan: () => moduleFindings({ useCaseFolders: ['book-room', 'cancel-room'] }),
  },
};

/**
 * Messages whose findings need a git history (approvals proved from commits): their specs make
 * real repositories (approval/approval-history.spec.ts); a plan text alone cannot make them.
 */
const PROVED_FROM_HISTORY = new Set([
  'approval/author-mismatch',
  'approval/four-eyes',
  'approval/insufficient',
  'approval/not-allowed',
  'approval/pending',
  'approval/unsigned',
  'approval/unverifiable',
  'approval/invalid badEmail',
  'approval/invalid both',
  'approval/invalid notList',
]);

/** The evidence rules read test files and a test run's report: their specs run real jest. */
const COVERED_BY_REAL_RUNS = (ruleId: string) => ruleId.startsWith('evidence/');

const MESSAGES = BUILT_IN_RULES.flatMap((rule) =>
  Object.entries(rule.meta.messages).map(
    ([messageId, template]) => [rule.meta.id, messageId, template] as const,
  ),
).filter(
  ([ruleId, messageId]) =>
    !COVERED_BY_REAL_RUNS(ruleId) &&
    !PROVED_FROM_HISTORY.has(ruleId) &&
    !PROVED_FROM_HISTORY.has(`${ruleId} ${messageId}`),
);

/** Every name a rule's templates use: the data keys it may report. */
const NAMES_OF_RULE = new Map(
  BUILT_IN_RULES.map((rule) => [
    rule.meta.id,
    new Set(Object.values(rule.meta.messages).flatMap(placeholdersOf)),
  ]),
);

describe('the messages of the built-in rules', () => {
  it('have a variant each, and there is no variant of a message that is gone', () => {
    const variants = Object.entries(VARIANTS).flatMap(([ruleId, byMessage]) =>
      Object.keys(byMessage).map((messageId) => `${ruleId} ${messageId}`),
    );

    expect(variants.sort()).toEqual(
      MESSAGES.map(([ruleId, messageId]) => `${ruleId} ${messageId}`).sort(),
    );
  });

  it.each(MESSAGES)(
    '%s %s is filled from the data the rule reports it with',
    (ruleId, messageId, template) => {
      const findings = (VARIANTS[ruleId]?.[messageId]?.() ?? []).filter(
        (finding) => finding.ruleId === ruleId && finding.messageId === messageId,
      );
      const names = NAMES_OF_RULE.get(ruleId) ?? new Set<string>();

      expect(findings).not.toEqual([]);
      for (const { data, message } of findings) {
        // Each placeholder is filled; each key fills a message of the rule (no misspelt key).
        expect({
          unfilled: placeholdersOf(template).filter((name) => !(name in data)),
          unused: Object.keys(data).filter((key) => !names.has(key)),
        }).toEqual({ unfilled: [], unused: [] });
        expect(message).toBe(fillMessage(template, data));
        expect(message).not.toMatch(/\{\{|\}\}/);
      }
    },
  );
});
