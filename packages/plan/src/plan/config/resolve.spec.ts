import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sectionText } from '../__fixtures__/edit';
import {
  COMPLETE_DRAFT,
  COMPLETE_PLAN,
  findingsOf,
  NOW,
  PLAN_FILE,
  replaceOnce,
  zetaModule,
} from '../__fixtures__/plans';
import { RULES, verifyPlan } from '../verify';
import { loadConfig } from './load';
import { ConfigError, DEFAULT_CONFIG, resolveConfig } from './resolve';

const verify = (text: string, config = DEFAULT_CONFIG, file = PLAN_FILE) =>
  verifyPlan({ file, text, config, moduleCode: zetaModule(), now: NOW });
const ids = (findings: ReturnType<typeof verify>) =>
  findings.map((f) => `${f.ruleId}:${f.messageId}`);
const configError = (input: unknown) => {
  try {
    resolveConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('resolveConfig: validation', () => {
  it.each([
    [{ rule: {} }, '@mjomeet/plan options: unknown option "rule"'],
    [
      { rules: { 'trace/spec-drif': 'error' } },
      'options: rules["trace/spec-drif"]: there is no rule "trace/spec-drif" (did you mean "trace/spec-drift"?)',
    ],
    [
      { rules: { 'trace/spec-drift': 'fatal' } },
      '@mjomeet/plan options: rules["trace/spec-drift"]: must be "off", "warning", "error", or [severity, { …options }]',
    ],
    [
      { rules: { 'plan/section-substance': ['error', { minWords: 0 }] } },
      'rules["plan/section-substance"][1].minWords: must be >= 1',
    ],
    [
      { rules: { 'plan/section-order': ['error', { any: 1 }] } },
      'rules["plan/section-order"]: the rule takes no options',
    ],
    [
      { rules: { 'approval/missing': 'off' } },
      'rules["approval/missing"]: this rule is part of the gate',
    ],
    [
      { rules: { 'plan/placeholder': 'warning' } },
      'rules["plan/placeholder"]: this rule is part of the gate',
    ],
    [{ plansDir: '../elsewhere' }, 'plansDir "../elsewhere" must be a folder inside the workspace'],
    [{ plansDir: '/abs/plans' }, 'plansDir "/abs/plans" must be a folder inside the workspace'],
    [{ customRules: ['x.js'] }, 'customRules[0]: custom rules cannot be loaded here'],
    [
      { sections: [{ id: 'rollout', title: 'Threat model', guidance: 'x' }] },
      'sections[0]: a section "rollout" (or titled "Threat model") exists already',
    ],
    [
      { sections: [{ id: 'rollout', title: 'Rollout', guidance: 'x', after: 'nope' }] },
      'sections[0].after: there is no section "nope"',
    ],
    [
      {
        checklists: [
          {
            section: 'feature-checklist',
            group: 'Security & Privacy',
            items: ['Threat model completed'],
          },
        ],
      },
      'is in feature-checklist already',
    ],
    [
      { profiles: { lite: { omitSections: ['threat-model'] } } },
      'profiles.lite.omitSections: "threat-model" is a security section',
    ],
    [
      { profiles: { lite: { omitItems: ['Rate limiting configured'] } } },
      'profiles.lite.omitItems: "Rate limiting configured" is a security item',
    ],
    [
      { profiles: { lite: { omitItems: ['No such item'] } } },
      'there is no checklist item or group "No such item"',
    ],
    [
      { overrides: [{ modules: ['legacy'], rules: { 'nope/x': 'off' } }] },
      'overrides[0].rules["nope/x"]: there is no rule',
    ],
    [
      { approval: { approvers: 'everyone' } },
      '@mjomeet/plan options: approval.approvers: must be "codeowners" or a list of emails',
    ],
    [
      { approval: { approvers: ['a@example.com', 'two\nlines'] } },
      'approval.approvers: must be "codeowners" or a list of emails',
    ],
    [{ approval: { requiredApprovals: 0 } }, 'approval.requiredApprovals: must be >= 1'],
    [{ approval: { fourEye: true } }, 'approval: unknown option "fourEye"'],
    [
      { approval: { approvers: 'codeowners', owners: { team: 'a@example.com' } } },
      'approval.owners: maps a CODEOWNERS handle ("@org/team" or "@user") to an email',
    ],
    [
      { approval: { approvers: 'codeowners', owners: { '@acme/team': 'not-an-email' } } },
      'approval.owners["@acme/team"]: maps a CODEOWNERS handle',
    ],
    [
      { approval: { owners: { '@acme/team': 'a@example.com' } } },
      'approval.owners maps CODEOWNERS handles to emails; it applies only with "approvers": "codeowners"',
    ],
    [
      { approval: { allowedSigners: '../keys' } },
      'approval.allowedSigners "../keys" must be a file inside the workspace',
    ],
    [
      { rules: { 'approval/author-mismatch': 'warning' } },
      'rules["approval/author-mismatch"]: this rule is part of the gate',
    ],
  ])('refuses %j with one message naming the key', (input, message) => {
    expect(configError(input)).toContain(message);
  });

  it('accepts the empty configuration: the seed catalog and every rule at its default', () => {
    const config = resolveConfig(undefined);

    expect(config.plansDir).toBe('docs/features');
    expect(config.defaults.rules.map((entry) => [entry.rule.meta.id, entry.severity])).toEqual(
      RULES.map((rule) => [rule.id, rule.severity]),
    );
    expect(verify(COMPLETE_PLAN, config)).toEqual([]);
  });
});

describe('resolveConfig: the approval policy', () => {
  it('is open by default: anyone, one approval, no four eyes, no signatures', () => {
    expect(DEFAULT_CONFIG.approval).toEqual({
      approvers: undefined,
      owners: new Map(),
      requiredApprovals: 1,
      fourEyes: false,
      requireSignedApprovals: false,
      allowedSigners: undefined,
    });
  });

  it('turns four eyes on with approvers, reads emails, "Name <email>" and names, and maps handles', () => {
    const listed = resolveConfig({
      approval: { approvers: ['Ada@Example.com', 'Bo Li <bo@example.com>', 'Grace Hopper'] },
    }).approval;
    expect(listed).toMatchObject({
      approvers: { emails: ['ada@example.com', 'bo@example.com'], names: ['grace hopper'] },
      fourEyes: true,
    });

    const owned = resolveConfig({
      approval: {
        approvers: 'codeowners',
        owners: { '@Acme/Reviewers': ['A@example.com', 'b@example.com'], '@cy': 'cy@example.com' },
        fourEyes: false,
        requiredApprovals: 2,
      },
    }).approval;
    expect(owned).toMatchObject({ approvers: 'codeowners', fourEyes: false, requiredApprovals: 2 });
    expect([...owned.owners]).toEqual([
      ['@acme/reviewers', ['a@example.com', 'b@example.com']],
      ['@cy', ['cy@example.com']],
    ]);
  });
});

describe('resolveConfig: rules', () => {
  const driftedSpec = { 'src/domain/room/room-id.value-object.spec.ts': '// changed\n' };
  const withDrift = (config = DEFAULT_CONFIG) =>
    verifyPlan({
      file: PLAN_FILE,
      text: COMPLETE_PLAN,
      config,
      moduleCode: zetaModule({
        ...Object.fromEntries([...zetaModule().specSources].map(([path, code]) => [path, code])),
        ...driftedSpec,
        ...Object.fromEntries(
          [...zetaModule().declarations].map(([name, path]) => [path, `export class ${name} {}\n`]),
        ),
      }),
      now: NOW,
    });

  it('turns a warning into an error', () => {
    expect(findingsOf('trace/spec-drift', withDrift()).map((f) => f.severity)).toEqual(['warning']);
    const strict = resolveConfig({ rules: { 'trace/spec-drift': 'error' } });

    expect(findingsOf('trace/spec-drift', withDrift(strict)).map((f) => f.severity)).toEqual([
      'error',
    ]);
  });

  it('switches a rule off', () => {
    const relaxed = resolveConfig({ rules: { 'trace/spec-drift': 'off' } });

    expect(findingsOf('trace/spec-drift', withDrift(relaxed))).toEqual([]);
  });

  it('switches a rule off for one module only (overrides)', () => {
    const config = resolveConfig({
      overrides: [{ modules: ['legacy'], rules: { 'plan/section-order': 'off' } }],
    });
    const swapped = COMPLETE_PLAN.replace('## Domain model', '## Xdomain')
      .replace('## Application layer', '## Domain model')
      .replace('## Xdomain', '## Application layer');

    expect(ids(findingsOf('plan/section-order', verify(swapped, config)))).not.toEqual([]);
    expect(
      findingsOf(
        'plan/section-order',
        verify(
          swapped.replace(/^module: zeta$/m, 'module: legacy'),
          config,
          'docs/features/legacy/BookRoom/BookRoom-plan.md',
        ),
      ),
    ).toEqual([]);
  });

  it('passes options: a stricter substance threshold', () => {
    const privacy = sectionText(COMPLETE_PLAN, 'Privacy and compliance');
    const short = replaceOnce(
      COMPLETE_DRAFT,
      privacy,
      '## Privacy and compliance\n\nNo personal data kept.\n\n',
    );
    const strict = resolveConfig({
      rules: { 'plan/section-substance': ['error', { minWords: 10 }] },
    });

    expect(findingsOf('plan/section-substance', verify(short))).toEqual([]);
    expect(findingsOf('plan/section-substance', verify(short, strict))).toEqual([
      expect.objectContaining({
        messageId: 'saysNothing',
        data: expect.objectContaining({ minWords: 10 }),
      }),
    ]);
  });
});

describe('resolveConfig: sections and checklists', () => {
  it('requires an extra section, where the configuration puts it', () => {
    const config = resolveConfig({
      sections: [
        {
          id: 'rollout',
          title: 'Rollout and rollback',
          guidance: 'how it is rolled out, and back.',
          after: 'implementation-steps',
        },
      ],
    });
    const missing = findingsOf('plan/section-missing', verify(COMPLETE_PLAN, config));

    expect(missing).toEqual([
      expect.objectContaining({
        messageId: 'missing',
        data: expect.objectContaining({
          title: 'Rollout and rollback',
          place: ' after `## Implementation steps`',
        }),
      }),
    ]);
  });

  it('fails an approved plan that lacks a newly required item, saying what to add, and keeps its approval', () => {
    const config = resolveConfig({
      checklists: [
        {
          section: 'feature-checklist',
          group: 'Security & Privacy',
          items: ['Data retention period agreed with the DPO'],
        },
      ],
    });
    const findings = verify(COMPLETE_PLAN, config);

    expect(ids(findings)).toEqual(['checklist/item-missing:missing']);
    expect(findings[0].message).toContain(
      'add `- [ ] Data retention period agreed with the DPO` word for word',
    );
  });
});

describe('resolveConfig: profiles', () => {
  const lite = {
    profiles: {
      lite: {
        omitSections: ['event-storming', 'performance', 'implementation-checklist'],
        omitItems: ['Performance testing', 'Performance monitoring'],
        rules: { 'trace/spec-drift': 'off' as const },
        modules: ['zeta'],
      },
    },
  };
  const litePlan = [
    'Domain event storming',
    'Performance and scalability',
    'Implementation checklist',
  ]
    .reduce((text, title) => text.replace(sectionText(text, title), ''), COMPLETE_PLAN)
    .replace(/^- \[[ x]\] Performance (testing|monitoring)\n/gm, '')
    .replace(/^status: approved$/m, 'profile: lite\nstatus: approved');

  it('a plan of a lighter profile passes without the sections and items it leaves out', () => {
    const config = resolveConfig(lite);

    expect(ids(verify(litePlan, config)).filter((id) => !id.startsWith('approval/'))).toEqual([]);
    // The full plan would miss them.
    expect(ids(verify(litePlan.replace('profile: lite\n', ''), config))).toEqual(
      expect.arrayContaining(['plan/section-missing:missing', 'checklist/item-missing:missing']),
    );
  });

  it('an unknown profile is an error, and the plan is checked in full', () => {
    const findings = verify(
      litePlan.replace('profile: lite', 'profile: tiny'),
      resolveConfig(lite),
    );

    expect(ids(findings)).toEqual(
      expect.arrayContaining(['plan/profile:unknown', 'plan/section-missing:missing']),
    );
  });

  it('a module that may not use the profile gets an error', () => {
    const config = resolveConfig({
      profiles: { lite: { ...lite.profiles.lite, modules: ['billing'] } },
    });

    expect(ids(verify(litePlan, config))).toContain('plan/profile:notAllowed');
  });

  it('may leave out security items only when it says so', () => {
    expect(() =>
      resolveConfig({
        profiles: { bare: { omitSections: ['threat-model'], allowOmittingSecurity: true } },
      }),
    ).not.toThrow();
  });
});

describe('loadConfig: custom rules', () => {
  let root: string;
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const RULE_BODY = `{
    scope: 'plan',
    meta: {
      id: 'team/dpo-named',
      severity: 'error',
      description: 'The privacy section names the DPO.',
      messages: { noDpo: 'Name the DPO in {{section}}.' },
    },
    check(context, report) {
      const section = context.sections.get('privacy');
      if (section && !context.plan.text.includes('DPO')) report(section.heading, 'noDpo', { section: 'Privacy' });
    },
  }`;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'plan-custom-rules-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['JavaScript', 'tools/rules/dpo.js', `module.exports = ${RULE_BODY};`],
    [
      'TypeScript',
      'tools/rules/dpo.ts',
      `const rule: { scope: 'plan' } & Record<string, unknown> = ${RULE_BODY.replace('check(context, report)', 'check(context: any, report: any)')};\nexport default rule;`,
    ],
  ])(
    'loads a rule written in %s and reports its finding, tagged custom',
    (_language, file, source) => {
      write(file, source);
      const config = loadConfig({ customRules: [file] }, root);

      const [finding] = findingsOf('team/dpo-named', verify(COMPLETE_PLAN, config));

      expect(finding).toMatchObject({
        severity: 'error',
        messageId: 'noDpo',
        message: 'Name the DPO in Privacy.',
      });
      expect(
        config.knownRules.find((rule) => rule.meta.id === 'team/dpo-named')?.meta.tags,
      ).toContain('custom');
    },
  );

  it.each([
    [
      'a missing file',
      'tools/rules/none.js',
      undefined,
      'customRules ("tools/rules/none.js"): there is no file',
    ],
    [
      'a path outside the workspace',
      '../x.js',
      undefined,
      'give the path relative to the workspace root, inside it',
    ],
    [
      'a file that does not load',
      'tools/rules/bad.js',
      'module.exports = ;',
      'the module cannot be loaded',
    ],
    [
      'a rule without a namespace of its own',
      'tools/rules/bad.js',
      `module.exports = ${RULE_BODY.replace('team/dpo-named', 'plan/dpo-named')};`,
      'must be namespaced with your own prefix, like "team/dpo-named"',
    ],
    [
      'something that is no rule',
      'tools/rules/bad.js',
      'module.exports = { hello: 1 };',
      'a rule module exports a rule object',
    ],
  ])('refuses %s with one message', (_case, file, source, message) => {
    if (source !== undefined) write(file, source);

    expect(() => loadConfig({ customRules: [file] }, root)).toThrow(ConfigError);
    expect(() => loadConfig({ customRules: [file] }, root)).toThrow(message);
  });
});
