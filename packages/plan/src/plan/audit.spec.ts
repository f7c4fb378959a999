import {
  AuditFinding,
  AuditInput,
  AuditProject,
  AuditTarget,
  auditReport,
  auditWorkspace,
  planRequiredProjects,
} from './audit';
import type { DependsOnEntry } from './depends-on';

const VERIFY_PLAN: AuditTarget = { executor: '@mjomeet/plan:verify-plan' };
const GATED = { dependsOn: ['verify-plan'] } satisfies AuditTarget;

/** A project as Nx merged it; gated and with its own verify-plan unless told otherwise. */
function project(
  name: string,
  targets: Record<string, AuditTarget | undefined> = {},
  tags: string[] = [],
): AuditProject {
  const merged = { 'verify-plan': VERIFY_PLAN, build: GATED, test: GATED, ...targets };
  return {
    name,
    root: `packages/${name.replace(/^@[^/]+\//, '')}`,
    tags,
    targets: Object.fromEntries(
      Object.entries(merged).filter((entry): entry is [string, AuditTarget] => !!entry[1]),
    ),
  };
}

function audit(projects: AuditProject[], input: Partial<AuditInput> = {}): AuditFinding[] {
  return auditWorkspace({
    projects,
    modulesWithPlans: ['billing', 'shipping', 'payments'],
    targetName: 'verify-plan',
    gatedTargets: ['build', 'test', 'typecheck', 'lint'],
    plansDir: 'docs/features',
    pluginRegistered: true,
    ...input,
  });
}

const keys = (findings: AuditFinding[]) =>
  findings.map((finding) => `${finding.id} ${finding.project}:${finding.target}`);

describe('auditWorkspace', () => {
  it('finds nothing in a workspace where every plan-required project is gated', () => {
    expect(
      audit([
        project('billing'),
        project('@org/shipping', { lint: GATED, typecheck: GATED }),
        project('ledger', {}, ['plan:module:payments']),
        project('tools', { 'verify-plan': undefined, test: {} }),
      ]),
    ).toEqual([]);
  });

  describe('which projects it judges', () => {
    // Each of these has no verify-plan target: judged, it is reported; not judged, it is not.
    it.each<[string, boolean, string, string[]]>([
      ['tagged plan:required, without plans', true, 'catalog', ['plan:required']],
      ['with plans of its name', true, 'billing', []],
      ['scoped, with plans of its unscoped name', true, '@org/billing', []],
      ['with plans of the module its tag names', true, 'ledger', ['plan:module:payments']],
      ['tagged with another module, without plans', false, 'billing', ['plan:module:invoices']],
      ['without tag or plans', false, 'catalog', []],
      ['scoped, whose scope only has plans', false, '@billing/api', []],
      ['tagged with a look-alike tag', false, 'catalog', ['plan:required:no', 'plan-required']],
    ])('a project %s is judged: %s', (_case, judged, name, tags) => {
      const findings = audit([project(name, { 'verify-plan': undefined }, tags)]);

      expect(findings.some((finding) => finding.id === 'audit/no-verify-plan')).toBe(judged);
    });

    it('lists the plan-required projects for the summary', () => {
      const projects = [
        project('billing'),
        project('catalog', {}, ['plan:required']),
        project('tools'),
      ];
      expect(planRequiredProjects(projects, ['billing']).map((p) => p.name)).toEqual([
        'billing',
        'catalog',
      ]);
    });
  });

  describe('audit/no-verify-plan', () => {
    it('says how to get the target when the plugin is not registered', () => {
      const [finding] = audit(
        [project('catalog', { 'verify-plan': undefined }, ['plan:required'])],
        {
          pluginRegistered: false,
        },
      );

      expect(finding).toEqual({
        id: 'audit/no-verify-plan',
        project: 'catalog',
        target: 'verify-plan',
        message:
          'catalog is plan-required (tagged plan:required) but has no "verify-plan" target, so nothing verifies its plans. Register the plugin, which infers the target: nx g @mjomeet/plan:init.',
      });
    });

    it("points at the plugin entry's include/exclude when the plugin is registered", () => {
      const [finding] = audit([project('@org/billing', { 'verify-plan': undefined })]);

      expect(finding.message).toBe(
        '@org/billing is plan-required (it has plans in docs/features/billing) but has no "verify-plan" target, so nothing verifies its plans. @mjomeet/plan is in nx.json\'s plugins but inferred none for it: check that entry\'s "include"/"exclude", or give the project the target: {"executor": "@mjomeet/plan:verify-plan", "options": {"plansDir": "docs/features/billing"}}.',
      );
    });
  });

  describe('audit/verify-plan-overridden', () => {
    it.each<[string, AuditTarget, string | undefined]>([
      ['nx:noop', { executor: 'nx:noop' }, '"nx:noop"'],
      ['nx:run-commands', { executor: 'nx:run-commands' }, '"nx:run-commands"'],
      ['another plugin', { executor: '@acme/plan:verify-plan' }, '"@acme/plan:verify-plan"'],
      ['no executor', {}, 'no executor'],
      ['the plugin', VERIFY_PLAN, undefined],
    ])('verify-plan run by %s', (_case, target, shown) => {
      const findings = audit([project('billing', { 'verify-plan': target })]);

      if (shown === undefined) {
        expect(findings).toEqual([]);
        return;
      }
      expect(findings).toEqual([
        {
          id: 'audit/verify-plan-overridden',
          project: 'billing',
          target: 'verify-plan',
          message: `billing:verify-plan runs ${shown} instead of "@mjomeet/plan:verify-plan", so its plans are not verified. Remove the "verify-plan" target from the project's configuration (packages/billing/project.json, or "nx" in its package.json): the plugin infers it.`,
        },
      ]);
    });
  });

  describe('audit/verify-plan-options', () => {
    const gate = (options: Record<string, unknown>): AuditTarget => ({ ...VERIFY_PLAN, options });
    const nxOptions = { targetName: 'verify-plan', rules: { 'trace/spec-drift': 'error' } };

    it.each<[string, Record<string, unknown>, string | undefined]>([
      [
        "another module's plans",
        { plansDir: 'docs/features/payments' },
        'plansDir "docs/features/payments" (not docs/features/billing)',
      ],
      ['one use-case only', { plansDir: 'docs/features/billing', useCase: 'Pay' }, 'useCase "Pay"'],
      [
        'ci false, so that unproved approvals only warn in CI',
        { plansDir: 'docs/features/billing', ci: false },
        'ci false',
      ],
      [
        'a laxer configuration',
        { config: { rules: { 'trace/spec-drift': 'off' } } },
        "a config other than nx.json's",
      ],
      [
        'what the plugin infers',
        { plansDir: 'docs/features/billing', config: { rules: { 'trace/spec-drift': 'error' } } },
        undefined,
      ],
    ])('a verify-plan given %s', (_case, options, shown) => {
      const findings = audit([project('billing', { 'verify-plan': gate(options) })], {
        pluginOptions: nxOptions,
      });

      if (shown === undefined) {
        expect(findings).toEqual([]);
        return;
      }
      expect(keys(findings)).toEqual(['audit/verify-plan-options billing:verify-plan']);
      expect(findings[0].message).toContain(`is given ${shown} by the project's configuration`);
    });
  });

  describe('audit/ungated-target', () => {
    it.each<[string, boolean, DependsOnEntry[] | undefined]>([
      ['no dependsOn', false, undefined],
      ['an empty dependsOn', false, []],
      ["its own dependsOn that drops targetDefaults'", false, ['^build']],
      ["the dependencies' verify-plan only", false, ['^build', '^verify-plan']],
      ["another project's verify-plan", false, ['shipping:verify-plan']],
      ['a glob the audit does not expand', false, ['{verify,check}-plan']],
      ['verify-plan', true, ['^build', 'verify-plan']],
      ['{ target: verify-plan }', true, [{ target: 'verify-plan' }]],
      [
        '{ target: verify-plan, projects: self }',
        true,
        [{ target: 'verify-plan', projects: 'self' }],
      ],
      ['verify-plan after other entries', true, ['^build', { target: 'lint' }, 'verify-plan']],
    ])('test with %s is gated: %s', (_case, gated, dependsOn) => {
      const findings = audit([
        project('billing', { test: { executor: 'nx:run-commands', dependsOn } }),
        project('shipping'),
      ]);

      expect(keys(findings)).toEqual(gated ? [] : ['audit/ungated-target billing:test']);
    });

    it.each<[string, DependsOnEntry[] | undefined, string]>([
      [
        'no dependsOn',
        undefined,
        'billing:test does not depend on billing:verify-plan (it has no dependsOn), so it runs without the plans being verified. Add "verify-plan" to its dependsOn: in the project\'s configuration if that sets one (it replaces nx.json\'s targetDefaults), else in targetDefaults.',
      ],
      [
        'its own dependsOn',
        ['^build'],
        'billing:test does not depend on billing:verify-plan (its dependsOn is ["^build"]), so it runs without the plans being verified. Add "verify-plan" to its dependsOn: in the project\'s configuration if that sets one (it replaces nx.json\'s targetDefaults), else in targetDefaults.',
      ],
      [
        "the dependencies' verify-plan",
        ['^verify-plan'],
        'billing:test does not depend on billing:verify-plan (its dependsOn is ["^verify-plan"]), so it runs without the plans being verified. Add "verify-plan" to its dependsOn: in the project\'s configuration if that sets one (it replaces nx.json\'s targetDefaults), else in targetDefaults. "^verify-plan" runs the dependencies\' verify-plan, not this project\'s.',
      ],
      [
        'a glob',
        [{ target: 'verify-plan', projects: ['tag:plan:*'] }],
        'billing:test does not depend on billing:verify-plan (its dependsOn is [{"target":"verify-plan","projects":["tag:plan:*"]}]), so it runs without the plans being verified. Add "verify-plan" to its dependsOn: in the project\'s configuration if that sets one (it replaces nx.json\'s targetDefaults), else in targetDefaults. The audit does not expand glob patterns in dependsOn: name "verify-plan" itself.',
      ],
    ])('says what to do about test with %s', (_case, dependsOn, message) => {
      const [finding] = audit([project('billing', { test: { dependsOn } })]);

      expect(finding.message).toBe(message);
    });

    it('judges only the gated targets the project has', () => {
      const findings = audit([
        project('billing', {
          build: undefined,
          test: { dependsOn: ['^build'] },
          serve: { executor: 'nx:run-commands' },
        }),
      ]);

      expect(keys(findings)).toEqual(['audit/ungated-target billing:test']);
    });

    it('judges the gated targets it is given', () => {
      const projects = [project('billing', { e2e: {}, test: {} })];

      expect(keys(audit(projects, { gatedTargets: ['e2e'] }))).toEqual([
        'audit/ungated-target billing:e2e',
      ]);
    });

    it('looks for the target name the plugin is configured with', () => {
      const projects = [
        project('billing', {
          'verify-plan': undefined,
          'check-plan': VERIFY_PLAN,
          build: { dependsOn: ['check-plan'] },
          test: { dependsOn: ['verify-plan'] },
        }),
      ];

      expect(keys(audit(projects, { targetName: 'check-plan' }))).toEqual([
        'audit/ungated-target billing:test',
      ]);
    });
  });

  it('reports every problem of a project, in a stable order whatever the input order', () => {
    const projects = [
      project('shipping', {
        test: { dependsOn: ['^build'] },
        'verify-plan': { executor: 'nx:noop' },
      }),
      project('billing', {
        'verify-plan': undefined,
        lint: {},
        build: { dependsOn: ['^build'] },
        test: {},
      }),
      project('payments'),
    ];
    const expected = [
      'audit/no-verify-plan billing:verify-plan',
      'audit/ungated-target billing:build',
      'audit/ungated-target billing:test',
      'audit/ungated-target billing:lint',
      'audit/verify-plan-overridden shipping:verify-plan',
      'audit/ungated-target shipping:test',
    ];

    expect(keys(audit(projects))).toEqual(expected);
    expect(keys(audit([...projects].reverse()))).toEqual(expected);
  });
});

describe('auditReport', () => {
  const summary = { targetName: 'verify-plan', gatedTargets: ['build', 'test'], planRequired: 2 };

  it('is one line when nothing is found', () => {
    expect(auditReport({ ...summary, findings: [] })).toBe(
      '✔ 2 plan-required projects audited: each has its own verify-plan target, and every gated target it has (build, test) depends on it.',
    );
  });

  it('is a title, then one line per finding: project:target  message  id', () => {
    const findings = audit([
      project('billing', {
        'verify-plan': { executor: 'nx:noop' },
        test: { dependsOn: ['^build'] },
      }),
    ]);

    const lines = auditReport({ ...summary, findings }).split('\n');

    expect(lines[0]).toBe('✖ The plan audit found 2 problems in 1 plan-required project:');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^billing:verify-plan {2}billing:verify-plan runs "nx:noop" .+ {2}audit\/verify-plan-overridden$/,
      ),
      expect.stringMatching(
        /^billing:test {2}billing:test does not depend .+ {2}audit\/ungated-target$/,
      ),
    ]);
  });
});
