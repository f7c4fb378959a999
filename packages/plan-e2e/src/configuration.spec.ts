/**
 * A team configures the plugin in nx.json alone, in a fresh Nx workspace, through the real `nx`
 * binary: plans under `specs/`, a stricter severity, an extra checklist item, a rule of its own
 * (reported in stylish, JSON and SARIF), and a typo that gets one clear message.
 *
 * The steps share one workspace and run in order. PLAN_E2E_KEEP=1 keeps it for a look.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectExit, freshWorkspace } from './support/fresh-workspace';
import { removeTempDir } from './support/packages';
import { extractJson, parseStylish, Workspace } from './support/workspace';

const PLAN = 'specs/zeta/BookRoom/BookRoom-plan.md';
const DPO_ITEM = 'Data retention period agreed with the DPO';
const CUSTOM_RULE = 'tools/plan-rules/dpo-named.js';
const COMPLETE_PLAN = readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8');

const OPTIONS = {
  plansDir: 'specs',
  rules: { 'trace/spec-drift': 'error' },
  checklists: [{ section: 'feature-checklist', group: 'Security & Privacy', items: [DPO_ITEM] }],
  customRules: [CUSTOM_RULE],
};

describe('a team that configures @mjomeet/plan in nx.json', () => {
  let temp: string;
  let ws: Workspace;

  const setOptions = (options: unknown) => {
    const nxJson = ws.readJson<{ plugins: unknown[] }>('nx.json');
    nxJson.plugins = [
      ...nxJson.plugins.filter(
        (p) =>
          !['@mjomeet/plan', '@mjomeet/plan/plugin'].includes(
            typeof p === 'string' ? p : (p as { plugin: string }).plugin,
          ),
      ),
      { plugin: '@mjomeet/plan/plugin', options },
    ];
    ws.write('nx.json', `${JSON.stringify(nxJson, null, 2)}\n`);
  };
  const verify = (...args: string[]) =>
    ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static', '--skip-nx-cache', ...args]);

  beforeAll(async () => {
    ({ temp, ws } = await freshWorkspace('plan-e2e-config-'));
    expectExit(await ws.nx(['g', '@mjomeet/plan:init', '--no-interactive']), 'success');
    ws.write(
      CUSTOM_RULE,
      `module.exports = {
  scope: 'plan',
  meta: {
    id: 'team/dpo-named',
    severity: 'error',
    description: 'The privacy section names the DPO who agreed to it.',
    docs: 'https://wiki.example.com/plans#dpo',
    messages: { noDpo: 'Name the DPO who agreed to {{section}}.' },
  },
  check(context, report) {
    const section = context.sections.get('privacy');
    const { lines, text } = context.plan;
    const body = section ? text.slice(lines.lineStart(section.heading.line), lines.lineStart(section.endLine + 1)) : '';
    if (section && !/\\bDPO\\b/.test(body)) {
      report(section.heading, 'noDpo', { section: 'the privacy section' });
    }
  },
};
`,
    );
    setOptions(OPTIONS);
  }, 420_000);

  afterAll(() => removeTempDir(temp));

  it('feature writes the plan under plansDir, with the extra checklist item', async () => {
    const result = await ws.nx([
      'g',
      '@mjomeet/plan:feature',
      '--module=zeta',
      '--useCase=BookRoom',
      '--no-interactive',
    ]);

    expectExit(result, 'success');
    expect(ws.read(PLAN)).toContain(`- [ ] ${DPO_ITEM}\n`);
    expect(existsSync(ws.path('docs/features/zeta'))).toBe(false);
  });

  it('verify-plan reads specs/, and the custom rule reports in stylish, JSON and SARIF', async () => {
    const stylish = await verify();
    expectExit(stylish, 'failure');
    const custom = parseStylish(stylish.output).filter((f) => f.ruleId === 'team/dpo-named');
    expect(custom).toEqual([
      expect.objectContaining({
        file: PLAN,
        severity: 'error',
        message: 'Name the DPO who agreed to the privacy section.',
      }),
    ]);

    const json = extractJson<{ findings: Array<{ ruleId: string; file: string }> }>(
      (await verify('--format=json')).output,
    );
    expect(json.findings.filter((f) => f.ruleId === 'team/dpo-named')).toEqual([
      expect.objectContaining({ file: PLAN }),
    ]);

    expectExit(await verify('--format=sarif', '--outputFile=reports/plans.sarif'), 'failure');
    const sarif = ws.readJson<{
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri?: string }> } };
        results: Array<{ ruleId: string }>;
      }>;
    }>('reports/plans.sarif');
    expect(sarif.runs[0].tool.driver.rules).toContainEqual(
      expect.objectContaining({
        id: 'team/dpo-named',
        helpUri: 'https://wiki.example.com/plans#dpo',
      }),
    );
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toContain('team/dpo-named');
  });

  it('the extra item is required: a plan without it fails, saying what to add', async () => {
    // The complete plan of the journey, under specs/, naming the DPO, without the team's item.
    ws.write(
      PLAN,
      COMPLETE_PLAN.replace(
        '## Privacy and compliance\n',
        '## Privacy and compliance\n\nAgreed with our DPO on 2026-11-20.\n',
      ),
    );

    const result = await verify();

    expectExit(result, 'failure');
    const missing = parseStylish(result.output).filter(
      (f) => f.ruleId === 'checklist/item-missing',
    );
    expect(missing).toHaveLength(1);
    expect(missing[0].message).toContain(`add \`- [ ] ${DPO_ITEM}\` word for word`);
  });

  it('approve approves the plan under specs/, and verify-plan passes', async () => {
    ws.write(
      PLAN,
      ws.read(PLAN).replace(/^(- \[[ x]\] Threat model completed.*\n)/m, `$1- [ ] ${DPO_ITEM}\n`),
    );

    await ws.commitAll('zeta: BookRoom planned, with the DPO item');
    const reviewer = { name: 'E2E Reviewer', email: 'reviewer@example.invalid' };
    expectExit(
      await ws.nx(
        ['g', '@mjomeet/plan:approve', '--module=zeta', '--useCase=BookRoom', '--no-interactive'],
        undefined,
        reviewer,
      ),
      'success',
    );
    expect(ws.read(PLAN)).toMatch(/^status: approved$/m);
    // Approvals are proved from the commit that adds them, by the reviewer.
    await ws.commitAll('Approve zeta/BookRoom', reviewer);
    const result = await verify();
    expectExit(result, 'success');
    expect(result.output).toContain('✔ 1 plan verified, no problems');
  });

  it('"trace/spec-drift": "error" turns a drifted spec into a failure', async () => {
    const spec = 'packages/zeta/src/domain/room/room-id.value-object.spec.ts';
    const original = ws.read(spec);
    ws.write(spec, original.replace(/\}\);\s*$/, "  it('was never reviewed', () => {});\n});\n"));
    try {
      const result = await verify();
      expectExit(result, 'failure');
      expect(parseStylish(result.output)).toEqual([
        expect.objectContaining({ ruleId: 'trace/spec-drift', severity: 'error' }),
      ]);
    } finally {
      ws.write(spec, original);
    }
  });

  it('a typo in the configuration gets one clear message naming the key, and nothing is verified', async () => {
    setOptions({ ...OPTIONS, rules: { 'trace/spec-drif': 'error' } });

    const result = await verify();

    expectExit(result, 'failure');
    expect(result.output).toContain(
      '@mjomeet/plan options: rules["trace/spec-drif"]: there is no rule "trace/spec-drif" (did you mean "trace/spec-drift"?)',
    );
    expect(parseStylish(result.output)).toEqual([]);
    expect(result.output).not.toMatch(/^\s+at .+[(:]\d+/m);
    setOptions(OPTIONS);
  });
});
