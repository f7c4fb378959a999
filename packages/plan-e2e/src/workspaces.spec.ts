/**
 * The workspaces people have today, made by `create-nx-workspace` from a registry, with the
 * plugin added as users add it: `nx add @mjomeet/plan`. A local registry (verdaccio) holds the
 * packed @mjomeet packages and proxies everything else.
 *
 * The matrix: `--preset=apps`; `--preset=ts` on TypeScript 6.0 (what it installs) and on 5.9;
 * then TypeScript 7 added to the 6.0 workspace. In each: nx add, feature, verify-plan fails on
 * the draft, test is gated, the completed plan is approved, then typecheck and test pass. The
 * 6.0 workspace also plans in a library made by `nx g @nx/js:library`. The TypeScript 7 case
 * checks that our plugin, registered alone, verifies as on 6.0 (Nx 23.2.1's own plugins do not
 * run on TypeScript 7: see docs/typescript.md).
 *
 * Wall time: the cases run at once after a shared set-up (both presets created at once; the 5.9
 * workspace is a copy of the 6.0 one with its TypeScript changed). Measured on 2 cores shared
 * with other jobs: set-up 220 s, then the cases at once 350 s (TypeScript 7 after 6.0: 24 s),
 * 12 minutes in all for this file. It prints its own timings at the end of its set-up.
 * PLAN_E2E_KEEP=1 keeps the workspaces and the registry's storage.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expectExit } from './support/fresh-workspace';
import { makeTempDir, NX_VERSION, removeTempDir } from './support/packages';
import { LocalRegistry, publishPackages, startRegistry } from './support/registry';
import { assertSucceeded, run, RunResult } from './support/process';
import { parseStylish, Workspace } from './support/workspace';

const COMPLETE_PLAN = readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8');
const ROOMS_PLAN = 'docs/features/rooms/BookRoom/BookRoom-plan.md';
const BILLING_PLAN = 'docs/features/billing/IssueInvoice/IssueInvoice-plan.md';
/** The approver: an approval counts once its approver commits it (CI verifies committed ones). */
const REVIEWER = { name: 'E2E Reviewer', email: 'reviewer@example.invalid' };
const ROOMS_SPECS = 8;

interface Case {
  /** The test names' prefix. */
  readonly id: string;
  readonly preset: 'apps' | 'ts';
  /** The TypeScript the workspace is set to before the plugin is added; the preset's if none. */
  readonly typescript?: string;
  /** The module's Nx project: a package.json project in a --preset=ts workspace. */
  readonly project: string;
  /** Whether relative imports carry `.js` (nodenext, the --preset=ts workspaces). */
  readonly nodenext: boolean;
}

const APPS: Case = { id: '--preset=apps', preset: 'apps', project: 'rooms', nodenext: false };
const TS6: Case = {
  id: '--preset=ts, TypeScript 6.0',
  preset: 'ts',
  project: '@tsw/rooms',
  nodenext: true,
};
const TS59: Case = {
  id: '--preset=ts, TypeScript 5.9',
  preset: 'ts',
  typescript: '~5.9.3',
  project: '@tsw/rooms',
  nodenext: true,
};
const CASES = [APPS, TS6, TS59];

/** What a case's steps gave; a step that did not run is missing. */
interface Outcome {
  ws?: Workspace;
  readonly steps: Map<string, RunResult>;
  /** Why the case stopped early: a set-up step failed. */
  error?: unknown;
  /** Seconds the case took, set-up shared with others excluded. */
  seconds?: number;
}

/** Jest's summary line, e.g. `Tests:       5 todo, 23 passed, 28 total`. */
function jestTestsLine(output: string): string | undefined {
  return output.split('\n').find((line) => /^\s*Tests:\s/.test(line));
}

/** The fixture plan, completed for `zeta`, as the module `rooms` of this workspace writes it. */
function completePlanFor(useCase: Case): string {
  const plan = COMPLETE_PLAN.replace(/zeta/g, 'rooms');
  return useCase.nodenext
    ? plan.replace(
        /(\bfrom ')(\.{1,2}\/[^']+)(')/g,
        (_whole, from, path, end) => `${from}${path}.js${end}`,
      )
    : plan;
}

describe('nx add @mjomeet/plan from a registry, in the workspaces create-nx-workspace makes', () => {
  let temp: string;
  let registry: LocalRegistry | undefined;
  const outcomes = new Map<Case | 'typescript 7', Outcome>(
    [...CASES, 'typescript 7' as const].map((key) => [key, { steps: new Map() }]),
  );
  let setupSeconds = 0;

  async function createWorkspace(name: string, preset: string): Promise<Workspace> {
    const dir = join(temp, preset);
    assertSucceeded(await run('mkdir', ['-p', dir], { cwd: temp }));
    const env = registry!.env();
    assertSucceeded(
      await run(
        'npx',
        [
          '-y',
          `create-nx-workspace@${NX_VERSION}`,
          name,
          `--preset=${preset}`,
          '--nxCloud=skip',
          '--packageManager=npm',
          '--interactive=false',
          '--skipGit=true',
        ],
        { cwd: dir, env, timeoutMs: 600_000 },
      ),
    );
    const ws = new Workspace(join(dir, name), env);
    // A git repository, as create-nx-workspace makes one without --skipGit: approvals are proved
    // from its history. (Made here so that the machine's git configuration plays no part.)
    assertSucceeded(await ws.git(['init', '-q', '-b', 'main']));
    await ws.commitAll('create-nx-workspace');
    return ws;
  }

  /** Records a step's result under its name; returns it. */
  async function step(outcome: Outcome, name: string, result: Promise<RunResult>) {
    const done = await result;
    outcome.steps.set(name, done);
    return done;
  }

  /** The steps every case takes, in order; stops at a step whose failure makes the rest moot. */
  async function runCase(useCase: Case, ws: Workspace): Promise<void> {
    const outcome = outcomes.get(useCase)!;
    outcome.ws = ws;
    const started = Date.now();
    try {
      const added = await step(outcome, 'add', ws.nx(['add', '@mjomeet/plan'], 300_000));
      expectExit(added, 'success');
      const feature = await step(
        outcome,
        'feature',
        ws.nx(
          [
            'g',
            '@mjomeet/plan:feature',
            '--module=rooms',
            '--useCase=BookRoom',
            '--no-interactive',
          ],
          600_000,
        ),
      );
      expectExit(feature, 'success');
      await step(
        outcome,
        'verify draft',
        ws.nx(['run', `${useCase.project}:verify-plan`, '--outputStyle=static']),
      );
      await step(outcome, 'test draft', ws.nx(['test', useCase.project, '--outputStyle=static']));

      ws.write(ROOMS_PLAN, completePlanFor(useCase));
      await ws.commitAll('rooms: BookRoom planned');
      const approve = await step(
        outcome,
        'approve',
        ws.nx(
          [
            'g',
            '@mjomeet/plan:approve',
            '--module=rooms',
            '--useCase=BookRoom',
            '--no-interactive',
          ],
          undefined,
          REVIEWER,
        ),
      );
      expectExit(approve, 'success');
      await ws.commitAll('Approve rooms/BookRoom', REVIEWER);
      // --preset=ts infers typecheck (@nx/js/typescript); --preset=apps has none: build (tsc)
      // checks the code there, and tsc the specs.
      const targets = useCase.preset === 'ts' ? ['typecheck', 'test'] : ['build', 'test'];
      await step(
        outcome,
        'approved',
        ws.nx(
          [
            'run-many',
            '-t',
            'verify-plan',
            ...targets,
            '-p',
            useCase.project,
            '--outputStyle=static',
          ],
          300_000,
        ),
      );
      if (useCase.preset === 'apps') {
        await step(
          outcome,
          'tsc specs',
          ws.bin('tsc', ['-p', 'packages/rooms/tsconfig.spec.json', '--noEmit']),
        );
      }
      if (useCase === TS6) await adoptLibrary(outcome, ws);
    } catch (error) {
      outcome.error = error;
    } finally {
      outcome.seconds = Math.round((Date.now() - started) / 1000);
    }
  }

  /** `nx g @nx/js:library packages/billing`, then a use-case planned in it with --project. */
  async function adoptLibrary(outcome: Outcome, ws: Workspace): Promise<void> {
    const library = await step(
      outcome,
      'library',
      ws.nx(
        [
          'g',
          '@nx/js:library',
          'packages/billing',
          '--bundler=tsc',
          '--unitTestRunner=jest',
          '--linter=none',
          '--no-interactive',
        ],
        600_000,
      ),
    );
    expectExit(library, 'success');
    const feature = await step(
      outcome,
      'feature --project',
      ws.nx(
        [
          'g',
          '@mjomeet/plan:feature',
          '--project=@tsw/billing',
          '--useCase=IssueInvoice',
          '--no-interactive',
        ],
        300_000,
      ),
    );
    expectExit(feature, 'success');
    await step(outcome, 'billing test', ws.nx(['test', '@tsw/billing', '--outputStyle=static']));
    // What TypeScript 7 must match: the findings on 6.0, as JSON.
    await step(
      outcome,
      'billing report on 6.0',
      ws.nx([
        'run',
        '@tsw/billing:verify-plan',
        '--format=json',
        '--outputFile=reports/billing-typescript-6.json',
        '--outputStyle=static',
        '--skip-nx-cache',
      ]),
    );
  }

  /** TypeScript 7 installed in the 6.0 workspace, and our plugin registered alone. */
  async function typescript7(ws: Workspace): Promise<void> {
    const outcome = outcomes.get('typescript 7')!;
    outcome.ws = ws;
    const started = Date.now();
    try {
      const install = await step(
        outcome,
        'install',
        ws.npm(['install', '-D', '--no-audit', '--no-fund', 'typescript@7']),
      );
      expectExit(install, 'success');
      // Nx 23.2.1's @nx/js/typescript and @nx/jest/plugin call TypeScript's API while they
      // compute the project graph, which 7.x does not have: only our plugin stays registered.
      const nxJson = ws.readJson<{ plugins?: unknown[] }>('nx.json');
      ws.write(
        'nx.json',
        `${JSON.stringify({ ...nxJson, plugins: ['@mjomeet/plan/plugin'] }, null, 2)}\n`,
      );
      await step(
        outcome,
        'billing report on 7',
        ws.nx([
          'run',
          '@tsw/billing:verify-plan',
          '--format=json',
          '--outputFile=reports/billing-typescript-7.json',
          '--outputStyle=static',
          '--skip-nx-cache',
        ]),
      );
      await step(
        outcome,
        'rooms on 7',
        ws.nx(['run', '@tsw/rooms:verify-plan', '--outputStyle=static', '--skip-nx-cache']),
      );
    } catch (error) {
      outcome.error = error;
    } finally {
      outcome.seconds = Math.round((Date.now() - started) / 1000);
    }
  }

  beforeAll(async () => {
    const started = Date.now();
    temp = makeTempDir('plan-e2e-workspaces-');
    registry = await startRegistry(join(temp, 'registry'));
    await publishPackages(registry, temp);
    const [ts, apps] = await Promise.all([
      createWorkspace('tsw', 'ts'),
      createWorkspace('appsw', 'apps'),
    ]);
    // The 5.9 workspace shares the 6.0 one's install: a copy, its TypeScript changed.
    const copy = join(temp, 'ts59');
    assertSucceeded(await run('cp', ['-a', join(temp, 'ts'), copy], { cwd: temp }));
    rmSync(join(copy, 'tsw', '.nx'), { recursive: true, force: true });
    const ts59 = new Workspace(join(copy, 'tsw'), ts.env);
    assertSucceeded(
      await ts59.npm(['install', '-D', '--no-audit', '--no-fund', `typescript@${TS59.typescript}`]),
    );
    setupSeconds = Math.round((Date.now() - started) / 1000);

    await Promise.all([
      runCase(APPS, apps),
      runCase(TS6, ts).then(() => typescript7(ts)),
      runCase(TS59, ts59),
    ]);
    const timings = [...outcomes].map(
      ([key, outcome]) => `${typeof key === 'string' ? key : key.id}: ${outcome.seconds ?? '-'} s`,
    );
    process.stdout.write(
      `plan-e2e workspaces: set-up ${setupSeconds} s, then at once: ${timings.join('; ')}; in all ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
  }, 3_000_000);

  afterAll(async () => {
    await registry?.stop();
    removeTempDir(temp);
  });

  /** The outcome of a case; fails with the reason when the case stopped before `name`. */
  function stepOf(useCase: Case | 'typescript 7', name: string): RunResult {
    const outcome = outcomes.get(useCase)!;
    const result = outcome.steps.get(name);
    if (!result) {
      throw new Error(
        `the step "${name}" did not run: ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error ?? 'set-up failed')}`,
      );
    }
    return result;
  }
  const wsOf = (useCase: Case | 'typescript 7') => outcomes.get(useCase)!.ws!;
  type TargetDefault = { dependsOn?: unknown[]; filter?: unknown };

  describe.each(CASES)('$id', (useCase) => {
    it('nx add installs the plugin from the registry and registers it and the gate', () => {
      expectExit(stepOf(useCase, 'add'), 'success');
      const ws = wsOf(useCase);
      const nxJson = ws.readJson<{
        plugins?: Array<string | { plugin: string }>;
        targetDefaults?: Record<string, TargetDefault | TargetDefault[]>;
      }>('nx.json');
      // The plugin's own entry, as init registers it.
      expect((nxJson.plugins ?? []).map((p) => (typeof p === 'string' ? p : p.plugin))).toContain(
        '@mjomeet/plan/plugin',
      );
      // Read once the case is done: feature's @nx/jest:configuration registered @nx/jest/plugin,
      // whose test targets got an entry of their own (the report): the gate is the unfiltered one.
      for (const target of ['build', 'test', 'typecheck', 'lint']) {
        const defaults = nxJson.targetDefaults?.[target];
        const gate = (Array.isArray(defaults) ? defaults : [defaults]).find(
          (entry) => entry !== undefined && entry.filter === undefined,
        );
        expect({ target, dependsOn: gate?.dependsOn }).toEqual({
          target,
          dependsOn: expect.arrayContaining(['verify-plan']),
        });
      }
      expect(
        ws.readJson<{ devDependencies: Record<string, string> }>('package.json').devDependencies[
          '@mjomeet/plan'
        ],
      ).toBeDefined();
    });

    it("feature makes the module project in the workspace's style and installs the kernel", () => {
      expectExit(stepOf(useCase, 'feature'), 'success');
      const ws = wsOf(useCase);
      expect(
        ws.readJson<{ dependencies: Record<string, string> }>('package.json').dependencies[
          '@mjomeet/ddd'
        ],
      ).toBeDefined();
      expect(existsSync(ws.path('node_modules/@mjomeet/ddd/package.json'))).toBe(true);
      if (useCase.preset === 'ts') {
        expect(existsSync(ws.path('packages/rooms/project.json'))).toBe(false);
        expect(ws.readJson('packages/rooms/package.json')).toMatchObject({
          name: '@tsw/rooms',
          type: 'module',
          nx: { tags: ['type:module', 'plan:required'] },
        });
        expect(ws.readJson<{ references: unknown[] }>('tsconfig.json').references).toContainEqual({
          path: './packages/rooms',
        });
        expect(ws.read('packages/rooms/src/index.ts')).toContain(
          "export * from './domain/room/room.aggregate.js';",
        );
      } else {
        expect(ws.readJson('packages/rooms/project.json')).toMatchObject({
          name: 'rooms',
          tags: ['type:module', 'plan:required'],
        });
        expect(ws.read('packages/rooms/src/index.ts')).toMatch(
          /export \* from ["']\.\/domain\/room\/room\.aggregate["'];/,
        );
      }
      expect(existsSync(ws.path('packages/rooms/jest.config.cjs'))).toBe(true);
    });

    it('verify-plan fails on the draft', () => {
      const result = stepOf(useCase, 'verify draft');
      expectExit(result, 'failure');
      const rules = new Set(parseStylish(result.output).map((finding) => finding.ruleId));
      expect(rules).toEqual(new Set(['plan/placeholder', 'approval/missing']));
    });

    it('test is gated: verify-plan fails and jest never runs', () => {
      const result = stepOf(useCase, 'test draft');
      expectExit(result, 'failure');
      expect(result.output).toContain(`${useCase.project}:verify-plan`);
      expect(jestTestsLine(result.output)).toBeUndefined();
    });

    it('once the completed plan is approved, verify-plan, typecheck and test pass', () => {
      expectExit(stepOf(useCase, 'approve'), 'success');
      const result = stepOf(useCase, 'approved');
      expectExit(result, 'success');
      expect(result.output).toContain('✔ 1 plan verified, no problems');
      expect(result.output).toMatch(new RegExp(`Test Suites:\\s+${ROOMS_SPECS} passed`));
      expect(jestTestsLine(result.output)).not.toMatch(/failed/);
      if (useCase.preset === 'apps') expectExit(stepOf(useCase, 'tsc specs'), 'success');
    });
  });

  describe('--preset=ts, TypeScript 6.0: a library made by nx g @nx/js:library', () => {
    it('feature --project=@tsw/billing plans and scaffolds in it, keeping its layout', () => {
      expectExit(stepOf(TS6, 'library'), 'success');
      expectExit(stepOf(TS6, 'feature --project'), 'success');
      const ws = wsOf(TS6);
      expect(ws.read(BILLING_PLAN)).toMatch(/^module: billing$/m);
      expect(existsSync(ws.path('packages/billing/src/lib/billing.ts'))).toBe(true);
      expect(
        existsSync(
          ws.path('packages/billing/src/application/issue-invoice/issue-invoice.handler.ts'),
        ),
      ).toBe(true);
      expect(
        ws.readJson<{ nx?: { tags?: string[] } }>('packages/billing/package.json').nx?.tags,
      ).toContain('plan:required');
    });

    it('its test is gated', () => {
      const result = stepOf(TS6, 'billing test');
      expectExit(result, 'failure');
      expect(result.output).toContain('@tsw/billing:verify-plan');
      expect(parseStylish(result.output).map((finding) => finding.ruleId)).toContain(
        'approval/missing',
      );
      expect(jestTestsLine(result.output)).toBeUndefined();
    });
  });

  describe('TypeScript 7 added to the --preset=ts workspace, our plugin registered alone', () => {
    it('installs with no peer conflict of ours; the plugin keeps its own TypeScript 5.9', () => {
      const result = stepOf('typescript 7', 'install');
      expectExit(result, 'success');
      // npm does warn, for ts-jest (peer typescript <7), which Nx's jest set-up installs:
      // nothing of npm's peer warnings names our packages.
      const warnings = result.output.split('\n').filter((line) => line.startsWith('npm warn'));
      expect(warnings.filter((line) => /@mjomeet\//.test(line))).toEqual([]);
      const ws = wsOf('typescript 7');
      expect(
        ws.readJson<{ version: string }>('node_modules/typescript/package.json').version,
      ).toMatch(/^7\./);
      expect(
        ws.readJson<{ version: string }>(
          'node_modules/@mjomeet/plan/node_modules/typescript/package.json',
        ).version,
      ).toBe('5.9.3');
    });

    it('verify-plan gives the same findings as on TypeScript 6.0', () => {
      expectExit(stepOf(TS6, 'billing report on 6.0'), 'failure');
      const result = stepOf('typescript 7', 'billing report on 7');
      expectExit(result, 'failure');
      const ws = wsOf('typescript 7');
      const findings = (file: string) =>
        ws.readJson<{ findings: unknown[] }>(`reports/billing-typescript-${file}.json`).findings;
      expect(findings('7').length).toBeGreaterThan(0);
      expect(findings('7')).toEqual(findings('6'));
    });

    it('the approved module verifies', () => {
      const result = stepOf('typescript 7', 'rooms on 7');
      expectExit(result, 'success');
      expect(result.output).toContain('✔ 1 plan verified, no problems');
    });
  });
});
