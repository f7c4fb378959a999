/**
 * Evidence, in a fresh Nx workspace through the real `nx` binary: a plan whose threats and
 * ticked items cite the tests that prove them is approved; `verify-evidence` runs the tests once
 * and checks the run; a cache hit restores the run's report; `complete` records the plan as
 * implemented; a cited test that jest no longer runs, or that was renamed, fails the checks at
 * the link. And `init` sets up the test targets `@nx/jest/plugin` infers.
 *
 * The steps share one workspace and run in order. PLAN_E2E_KEEP=1 keeps it for a look.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expectExit, freshWorkspace } from './support/fresh-workspace';
import { removeTempDir } from './support/packages';
import { frontMatter, parseStylish, Workspace } from './support/workspace';

const REVIEWER = { name: 'E2E Reviewer', email: 'reviewer@example.invalid' };

const PLAN = 'docs/features/zeta/BookRoom/BookRoom-plan.md';
const MODULE = 'packages/zeta';
const REPORT = `${MODULE}/jest-results.json`;
const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8');
const HANDLER = '/packages/zeta/src/application/book-room/book-room.handler.spec.ts';
const FOLLOW_UP =
  '/packages/zeta/src/application/book-room/book-room-follow-up.scheduled-command.spec.ts';
const TAMPERED =
  'BookRoomFollowUpScheduledCommand › refuses a stored command whose payload was tampered with';

/** The Feature checklist's security and testing items, done: with a cited test, or N/A. */
const DONE: Record<string, string> = {
  'Enumeration attack prevention implemented': `[BookRoomHandler › answers NOT_FOUND for an unknown Room](${HANDLER})`,
  'Rate limiting configured': 'N/A: the HTTP adapter, not yet written, rate limits',
  'PII protection in telemetry': 'N/A: the use-case records no telemetry',
  'Consistent error responses': `[BookRoomHandler › answers NOT_FOUND for an unknown Room](${HANDLER})`,
  'Authentication/authorization implemented': `[BookRoomCommand › carries tracing metadata](/packages/zeta/src/application/book-room/book-room.command.spec.ts)`,
  'Security test cases': `[${TAMPERED}](${FOLLOW_UP})`,
  'Domain logic unit tests': `[Room › records RoomBooked and hands it out once](../../../../packages/zeta/src/domain/room/room.aggregate.spec.ts)`,
  'Integration tests for workflows': 'N/A: the module has no adapters yet',
  'Code duplication eliminated': `[Room › keeps the id it is given](${'/packages/zeta/src/domain/room/room.aggregate.spec.ts'})`,
};

/** The complete fixture with every checklist item done. */
function donePlan(): string {
  const at = FIXTURE.indexOf('## Feature checklist');
  let features = FIXTURE.slice(at);
  for (const [item, done] of Object.entries(DONE)) {
    const open = `- [ ] ${item}\n`;
    if (!features.includes(open)) throw new Error(`the fixture has no open "${item}"`);
    features = features.replace(open, `- [x] ${item} — ${done}\n`);
  }
  return (FIXTURE.slice(0, at) + features).replace(/^- \[ \] /gm, '- [x] ');
}

/** Jest's summary lines, e.g. `Tests:       2 todo, 22 passed, 24 total`. */
function jestRuns(output: string): number {
  return output.split('\n').filter((line) => /^\s*Tests:\s/.test(line)).length;
}

describe('evidence: the tests a plan cites, checked before and after they run', () => {
  let temp: string;
  let ws: Workspace;

  beforeAll(async () => {
    ({ temp, ws } = await freshWorkspace('plan-e2e-evidence-'));
    expectExit(await ws.nx(['g', '@mjomeet/plan:init', '--no-interactive']), 'success');
    expectExit(
      await ws.nx([
        'g',
        '@mjomeet/plan:feature',
        '--module=zeta',
        '--useCase=BookRoom',
        '--no-interactive',
      ]),
      'success',
    );
  }, 600_000);

  afterAll(() => removeTempDir(temp));

  it("feature's module writes jest's report as a cached output of its test target, ignored by git", async () => {
    // The test target is the one @nx/jest/plugin infers for the project @nx/js:library made:
    // nx.json's targetDefaults give it the report's arguments and output.
    const shown = await ws.nx(['show', 'project', 'zeta', '--json']);
    expectExit(shown, 'success');
    const project = JSON.parse(shown.stdout) as {
      targets: { test: { outputs: string[]; options: { args?: string[] } } };
    };
    expect(project.targets.test.outputs).toContain('{projectRoot}/jest-results.json');
    expect(project.targets.test.options.args).toEqual(
      expect.arrayContaining(['--json', '--outputFile=jest-results.json']),
    );
    expect(ws.read('.gitignore').split('\n')).toContain('jest-results.json');
  });

  it('a plan citing its evidence is approved, and verify-evidence runs the tests once and passes', async () => {
    ws.write(PLAN, donePlan());
    expectExit(
      await ws.nx(
        ['g', '@mjomeet/plan:approve', '--module=zeta', '--useCase=BookRoom', '--no-interactive'],
        undefined,
        REVIEWER,
      ),
      'success',
    );
    // An approval counts once its approver commits it (CI verifies committed approvals only).
    await ws.commitAll('Approve zeta/BookRoom', REVIEWER);

    const result = await ws.nx(['run', 'zeta:verify-evidence', '--outputStyle=static']);

    expectExit(result, 'success');
    expect(jestRuns(result.output)).toBe(1);
    expect(result.output).toMatch(
      /✔ \d+ cited tests ran and passed \(1 plan; packages\/zeta\/jest-results\.json\)/,
    );
    expect(existsSync(ws.path(REPORT))).toBe(true);
    expect(await ws.gitStatus()).not.toContain('jest-results.json');
  });

  it("a cache hit restores the run's report: verify-evidence passes, jest does not run", async () => {
    rmSync(ws.path(REPORT));

    const result = await ws.nx(['run', 'zeta:verify-evidence', '--outputStyle=static']);

    expectExit(result, 'success');
    expect(result.output).toMatch(/nx run zeta:test +\[local cache\]/);
    expect(existsSync(ws.path(REPORT))).toBe(true);
    expect(result.output).toMatch(/✔ \d+ cited tests ran and passed/);
  });

  it('complete records the plan as implemented, and the approval stays current', async () => {
    const result = await ws.nx([
      'g',
      '@mjomeet/plan:complete',
      '--module=zeta',
      '--useCase=BookRoom',
      '--no-interactive',
    ]);
    expectExit(result, 'success');

    expect(frontMatter(ws.read(PLAN)).status).toBe('implemented');
    const verify = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
    expectExit(verify, 'success');
    expect(verify.output).toContain('✔ 1 plan verified, no problems');
    await ws.commitAll('BookRoom implemented');
  });

  it('a cited test that jest no longer runs fails verify-evidence, naming the threat, at its link', async () => {
    const config = `${MODULE}/jest.config.cjs`;
    const original = ws.read(config);
    ws.write(
      config,
      original.replace(
        "testEnvironment: 'node',",
        "testEnvironment: 'node',\n  testPathIgnorePatterns: ['/node_modules/', 'book-room-follow-up'],",
      ),
    );
    expect(ws.read(config)).toContain('testPathIgnorePatterns');

    try {
      const result = await ws.nx(['run', 'zeta:verify-evidence', '--outputStyle=static']);

      expectExit(result, 'failure');
      const findings = parseStylish(result.output).filter((f) => f.ruleId === 'evidence/not-run');
      const lines = ws.read(PLAN).split('\n');
      const row = lines.findIndex((line) => line.startsWith('| Tampered follow-up')) + 1;
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: PLAN,
            line: row,
            severity: 'error',
            message: expect.stringMatching(
              /^threat "Tampered follow-up" cites `BookRoomFollowUpScheduledCommand › refuses a stored command whose payload was tampered with`, which did not run in the last test run: jest did not run packages\/zeta\/src\/application\/book-room\/book-room-follow-up\.scheduled-command\.spec\.ts/,
            ),
          }),
          expect.objectContaining({
            message: expect.stringMatching(
              /^`Security test cases` cites `BookRoomFollowUpScheduledCommand/,
            ),
          }),
        ]),
      );
      expect(lines[row - 1].slice(findings[0].column - 1)).toMatch(
        /^\[BookRoomFollowUpScheduledCommand/,
      );
      // The complete plan cannot be recorded again while its evidence fails.
      const complete = await ws.nx([
        'g',
        '@mjomeet/plan:complete',
        '--module=zeta',
        '--useCase=BookRoom',
        '--no-interactive',
      ]);
      expectExit(complete, 'failure');
      expect(complete.output).toContain('evidence/not-run');
    } finally {
      ws.write(config, original);
    }
  });

  it('a renamed cited test fails verify-plan at the link, with the current name', async () => {
    const spec = `${MODULE}/src/domain/room/room.aggregate.spec.ts`;
    const original = ws.read(spec);
    ws.write(
      spec,
      original.replace("it('keeps the id it is given'", "it('keeps the id it was given'"),
    );

    try {
      const result = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);

      expectExit(result, 'failure');
      const findings = parseStylish(result.output).filter(
        (f) => f.ruleId === 'evidence/unknown-test',
      );
      expect(findings).toHaveLength(1);
      const line = ws.read(PLAN).split('\n')[findings[0].line - 1];
      expect(line.slice(findings[0].column - 1)).toMatch(/^\[Room › keeps the id it is given\]/);
      expect(findings[0].message).toContain(
        "rename the link to the test's current name: `Room › keeps the id it was given`.",
      );
    } finally {
      ws.write(spec, original);
    }
  });

  it("init sets up the test targets @nx/jest/plugin infers, and leaves project.json's alone", async () => {
    // zeta's @nx/jest:configuration registered @nx/jest/plugin already.
    const nxJson = ws.readJson<{ plugins: Array<string | { plugin: string }> }>('nx.json');
    const plugins = nxJson.plugins.map((p) => (typeof p === 'string' ? p : p.plugin));
    expect(plugins).toContain('@nx/jest/plugin');
    ws.write('packages/billing/project.json', `${JSON.stringify({ name: 'billing' }, null, 2)}\n`);
    // A project whose project.json runs jest itself, as a workspace may have written it.
    ws.write(
      'packages/ledger/project.json',
      `${JSON.stringify(
        {
          name: 'ledger',
          targets: {
            test: {
              executor: 'nx:run-commands',
              options: { command: 'jest --config {projectRoot}/jest.config.js' },
            },
          },
        },
        null,
        2,
      )}\n`,
    );
    ws.write('packages/ledger/jest.config.js', "module.exports = { testEnvironment: 'node' };\n");
    ws.write(
      'packages/billing/jest.config.js',
      "module.exports = {\n  testEnvironment: 'node',\n  transform: {},\n  coverageDirectory: '../../coverage/packages/billing',\n};\n",
    );
    ws.write(
      'packages/billing/src/invoice.spec.js',
      "describe('Invoice', () => {\n  it('adds up', () => {\n    expect(1 + 1).toBe(2);\n  });\n});\n",
    );

    expectExit(await ws.nx(['g', '@mjomeet/plan:init', '--no-interactive']), 'success');
    const show = async (project: string) => {
      const result = await ws.nx(['show', 'project', project, '--json']);
      expectExit(result, 'success');
      return JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
        targets: Record<string, { outputs?: string[]; options?: Record<string, unknown> }>;
      };
    };

    const billing = (await show('billing')).targets.test;
    expect(billing.options?.args).toEqual(['--json', '--outputFile=jest-results.json']);
    // The output the plugin infers (from coverageDirectory) is kept, and the report added.
    expect(billing.outputs).toEqual([
      '{workspaceRoot}/coverage/packages/billing',
      '{projectRoot}/jest-results.json',
    ]);
    // A project.json test target is not the plugin's: init writes the report into its command.
    const ledger = (await show('ledger')).targets.test;
    expect(ledger.options?.args).toBeUndefined();
    expect(String(ledger.options?.command)).toContain(
      '--json --outputFile=packages/ledger/jest-results.json',
    );
    expect(ledger.outputs).toContain('{projectRoot}/jest-results.json');

    const test = await ws.nx(['run', 'billing:test', '--outputStyle=static']);
    expectExit(test, 'success');
    const report = JSON.parse(ws.read('packages/billing/jest-results.json')) as {
      testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
    };
    expect(report.testResults[0].assertionResults).toEqual([
      expect.objectContaining({ title: 'adds up', status: 'passed' }),
    ]);
  });
});
