/**
 * In a fresh Nx workspace, through the real `nx` binary: the audit passes a gated workspace and
 * reports the two ways a project.json drops the gate, and verify-plan's reports reach where they
 * are sent (a large JSON report on stdout, an absolute --outputFile, an unwritable one).
 *
 * The steps share one workspace and run in order. PLAN_E2E_KEEP=1 keeps it for a look.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectExit, freshWorkspace } from './support/fresh-workspace';
import { removeTempDir } from './support/packages';
import { extractJson, Workspace } from './support/workspace';

const PROJECT_JSON = 'packages/zeta/project.json';
const PLAN = 'docs/features/zeta/BookRoom/BookRoom-plan.md';
/** A finished but unapproved plan, plus a thousand placeholders: over a thousand findings. */
const BIG_PLAN = `${readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8')}${Array.from(
  { length: 1_000 },
  (_, i) => `\nTODO(plan) item ${i}\n`,
).join('')}`;

interface ProjectJson {
  name: string;
  targets: Record<string, Record<string, unknown>>;
}

const ZETA: ProjectJson = {
  name: 'zeta',
  targets: {
    test: {
      executor: 'nx:run-commands',
      options: { command: 'node -e "console.log(\'zeta tests ran\')"' },
    },
  },
};

/** A stack trace line, as Node prints them. */
const STACK_LINE = /^\s+at .+[(:]\d+/m;

describe('the audit and the reports of verify-plan, in a fresh Nx workspace', () => {
  let temp: string;
  let ws: Workspace;

  const writeZeta = (project: ProjectJson) =>
    ws.write(PROJECT_JSON, `${JSON.stringify(project, null, 2)}\n`);
  const audit = () => ws.nx(['g', '@mjomeet/plan:audit', '--no-interactive']);

  beforeAll(async () => {
    ({ temp, ws } = await freshWorkspace('plan-e2e-audit-'));
    expectExit(await ws.nx(['g', '@mjomeet/plan:init', '--no-interactive']), 'success');
    writeZeta(ZETA);
    ws.write(PLAN, BIG_PLAN);
    await ws.commitAll('a workspace with one plan-required project');
  }, 420_000);

  afterAll(() => removeTempDir(temp));

  it('the audit passes a workspace whose plan-required project is gated, and changes nothing', async () => {
    const result = await audit();

    expectExit(result, 'success');
    // verify-plan inferred by the plugin, test gated through nx.json's targetDefaults.
    expect(result.output).toContain(
      '✔ 1 plan-required project audited: each has its own verify-plan target',
    );
    expect(await ws.gitStatus()).toBe('');
  });

  it('the audit reports a verify-plan that project.json overrides as nx:noop', async () => {
    writeZeta({ ...ZETA, targets: { ...ZETA.targets, 'verify-plan': { executor: 'nx:noop' } } });
    const before = ws.snapshot();
    try {
      const result = await audit();

      expectExit(result, 'failure');
      expect(result.output).toContain('The plan audit found 1 problem in 1 plan-required project:');
      expect(result.output).toMatch(
        /^zeta:verify-plan {2}zeta:verify-plan runs "nx:noop" instead of "@mjomeet\/plan:verify-plan".+ {2}audit\/verify-plan-overridden$/m,
      );
      expect(result.output).not.toMatch(STACK_LINE);
      expect(ws.snapshot()).toEqual(before);
    } finally {
      writeZeta(ZETA);
    }
  });

  it("the audit reports a test whose own dependsOn drops targetDefaults' gate, which nx test really skips", async () => {
    writeZeta({ ...ZETA, targets: { test: { ...ZETA.targets.test, dependsOn: ['^build'] } } });
    try {
      // The evasion is real: the tests run although the plan fails verify-plan.
      const test = await ws.nx(['test', 'zeta', '--outputStyle=static']);
      expectExit(test, 'success');
      expect(test.output).toContain('zeta tests ran');
      expect(test.output).not.toContain('zeta:verify-plan');

      const before = ws.snapshot();
      const result = await audit();

      expectExit(result, 'failure');
      expect(result.output).toMatch(
        /^zeta:test {2}zeta:test does not depend on zeta:verify-plan \(its dependsOn is \["\^build"\]\).+ {2}audit\/ungated-target$/m,
      );
      expect(result.output).not.toMatch(STACK_LINE);
      expect(ws.snapshot()).toEqual(before);
    } finally {
      writeZeta(ZETA);
    }
    expect(await ws.gitStatus()).toBe('');
  });

  it('--format=json prints a report of over a thousand findings whole through nx run', async () => {
    const result = await ws.nx([
      'run',
      'zeta:verify-plan',
      '--format=json',
      '--outputStyle=static',
      '--skip-nx-cache',
    ]);

    expectExit(result, 'failure');
    const report = extractJson<{ findings: unknown[]; summary: { problems: number } }>(
      result.output,
    );
    expect(report.findings.length).toBeGreaterThan(1_000);
    expect(report.summary.problems).toBe(report.findings.length);
    // Past the ~250 KB where the report used to be cut.
    expect(JSON.stringify(report, null, 2).length).toBeGreaterThan(300_000);
  });

  it('--outputFile with an absolute path outside the workspace writes there', async () => {
    const file = join(temp, 'reports', 'zeta.json');

    const result = await ws.nx([
      'run',
      'zeta:verify-plan',
      '--format=json',
      `--outputFile=${file}`,
      '--outputStyle=static',
    ]);

    expectExit(result, 'failure');
    const report = JSON.parse(readFileSync(file, 'utf-8')) as { findings: unknown[] };
    expect(report.findings.length).toBeGreaterThan(1_000);
    expect(existsSync(ws.path(file.slice(1)))).toBe(false);
    expect(await ws.gitStatus()).toBe('');
    // Said before Nx would refuse to cache it.
    expect(result.output).toContain(`--outputFile=${file} is outside the workspace`);
  });

  it.each([
    ['a folder', 'packages', 'it is a folder'],
    ['a path under a file', 'nx.json/zeta.json', 'a part of the path is a file, not a folder'],
  ])(
    'an unwritable --outputFile (%s) is one message that names it, without a stack trace',
    async (_case, outputFile, reason) => {
      const result = await ws.nx([
        'run',
        'zeta:verify-plan',
        '--format=json',
        `--outputFile=${outputFile}`,
        '--outputStyle=static',
      ]);

      expectExit(result, 'failure');
      expect(result.output).toContain(`Cannot write the report to --outputFile=${outputFile} (`);
      expect(result.output).toContain(reason);
      expect(result.output).not.toMatch(STACK_LINE);
      expect(await ws.gitStatus()).toBe('');
    },
  );
});
