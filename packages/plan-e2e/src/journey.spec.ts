/**
 * The user's journey in a fresh Nx workspace, through the real `nx` binary: set the plugin up,
 * plan a use-case, be stopped by the gate, complete and approve the plan, test, edit, plan a
 * second use-case, and make the mistakes users make.
 *
 * The steps share one workspace and run in order; a failed step makes later ones fail too, so
 * read the first failure first. PLAN_E2E_KEEP=1 keeps the workspace for a look afterwards.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expectExit, freshWorkspace } from './support/fresh-workspace';
import { removeTempDir } from './support/packages';
import { assertSucceeded } from './support/process';
import {
  body,
  extractJson,
  frontMatter,
  parseStylish,
  StylishFinding,
  Workspace,
} from './support/workspace';

const PLAN = 'docs/features/zeta/BookRoom/BookRoom-plan.md';
const MODULE = 'packages/zeta';
/** The reviewer: approve records their git identity, and they commit the approval. */
const REVIEWER = { name: 'E2E Reviewer', email: 'reviewer@example.invalid' };
const COMPLETE_PLAN = readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8');

/** What `feature --module=zeta --useCase=BookRoom` writes into the module, besides the plan. */
const BOOK_ROOM_SPECS = [
  'src/domain/room/room.aggregate.spec.ts',
  'src/domain/room/room-id.value-object.spec.ts',
  'src/domain/room/room-booked.event.spec.ts',
  'src/domain/room/room.repository.port.spec.ts',
  'src/application/book-room/book-room.command.spec.ts',
  'src/application/book-room/book-room.handler.spec.ts',
  'src/application/book-room/on-room-booked.listener.spec.ts',
  'src/application/book-room/book-room-follow-up.scheduled-command.spec.ts',
];
const BOOK_ROOM_FILES = [
  ...BOOK_ROOM_SPECS,
  ...BOOK_ROOM_SPECS.map((spec) => spec.replace(/\.spec\.ts$/, '.ts')),
  'src/index.ts',
  // What @nx/js:library and @nx/jest:configuration make in this workspace (no npm workspaces,
  // a tsconfig.base.json): a project.json project, Nx's tsconfigs, a jest.config.cjs.
  'project.json',
  'tsconfig.json',
  'tsconfig.lib.json',
  'tsconfig.spec.json',
  'jest.config.cjs',
];

/** Jest's summary line, e.g. `Tests:       2 todo, 22 passed, 24 total`. */
function jestTestsLine(output: string): string | undefined {
  return output.split('\n').find((line) => /^\s*Tests:\s/.test(line));
}

function findingKeys(findings: ReadonlyArray<Omit<StylishFinding, 'message'>>): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
}

describe('a user of @mjomeet/plan, in a fresh Nx workspace', () => {
  let temp: string;
  let ws: Workspace;
  let draftFindings: StylishFinding[] = [];
  let approvedPlan = '';

  beforeAll(async () => {
    ({ temp, ws } = await freshWorkspace('plan-e2e-'));
  }, 420_000);

  afterAll(() => removeTempDir(temp));

  it('init registers the plugin and gates build, test, typecheck and lint on verify-plan', async () => {
    const result = await ws.nx(['g', '@mjomeet/plan:init', '--no-interactive']);
    expectExit(result, 'success');

    const nxJson = ws.readJson<{
      plugins?: Array<string | { plugin: string }>;
      targetDefaults?: Record<string, { dependsOn?: unknown[] }>;
    }>('nx.json');
    const plugins = (nxJson.plugins ?? []).map((p) => (typeof p === 'string' ? p : p.plugin));
    expect(plugins).toContain('@mjomeet/plan/plugin');
    for (const target of ['build', 'test', 'typecheck', 'lint']) {
      expect(nxJson.targetDefaults?.[target]?.dependsOn).toContain('verify-plan');
    }
    // What was there stays.
    expect(nxJson).toMatchObject({ analytics: false, neverConnectToCloud: true });
  });

  it('nx list shows the generators and the executor with their descriptions', async () => {
    const result = await ws.nx(['list', '@mjomeet/plan']);
    expectExit(result, 'success');
    const installed = join(ws.root, 'node_modules/@mjomeet/plan');
    const read = (file: string) => JSON.parse(readFileSync(join(installed, file), 'utf-8'));
    const described = {
      ...read('generators.json').generators,
      ...read('executors.json').executors,
    } as Record<string, { description: string }>;
    expect(Object.keys(described).sort()).toEqual([
      'approve',
      'audit',
      'complete',
      'feature',
      'init',
      'verify-evidence',
      'verify-plan',
    ]);
    for (const [name, { description }] of Object.entries(described)) {
      expect(description.length).toBeGreaterThan(20);
      expect(result.output).toContain(`${name} : ${description}`);
    }
  });

  it('feature plans a use-case: the draft plan and the skeletons, formatted', async () => {
    const before = ws.read('package.json');
    const result = await ws.nx([
      'g',
      '@mjomeet/plan:feature',
      '--module=zeta',
      '--useCase=BookRoom',
      '--no-interactive',
    ]);
    expectExit(result, 'success');

    expect(frontMatter(ws.read(PLAN))).toMatchObject({
      module: 'zeta',
      useCase: 'BookRoom',
      status: 'draft',
    });
    for (const file of BOOK_ROOM_FILES) expect(existsSync(ws.path(`${MODULE}/${file}`))).toBe(true);
    // Every dependency of the generated code is installed already: nothing added, no install.
    expect(ws.read('package.json')).toBe(before);
    // Formatted with the workspace's prettier config (.prettierrc: singleQuote).
    expectExit(await ws.bin('prettier', ['--check', MODULE]), 'success');
  });

  it('verify-plan fails on the draft, listing each gap as file:line:col, severity, message, rule', async () => {
    const result = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
    expectExit(result, 'failure');

    draftFindings = parseStylish(result.output);
    expect(draftFindings.length).toBeGreaterThan(0);
    const rules = new Set(draftFindings.map((f) => f.ruleId));
    expect(rules).toEqual(new Set(['plan/placeholder', 'approval/missing']));
    expect(draftFindings.every((f) => f.file === PLAN && f.severity === 'error')).toBe(true);
    expect(result.output).toMatch(
      new RegExp(
        `✖ ${draftFindings.length} problems \\(${draftFindings.length} errors, 0 warnings\\) in 1 plan`,
      ),
    );

    // The positions point at what is wrong.
    const lines = ws.read(PLAN).split('\n');
    const at = (f: StylishFinding) => lines[f.line - 1].slice(f.column - 1);
    for (const f of draftFindings.filter((f) => f.ruleId === 'plan/placeholder')) {
      expect(at(f)).toMatch(/^TODO\(plan\)/);
    }
    const [missing] = draftFindings.filter((f) => f.ruleId === 'approval/missing');
    expect(at(missing)).toMatch(/^draft/);
    expect(missing.message).toContain(
      'nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom',
    );
  });

  it('nx test is refused by the gate: verify-plan fails and jest never runs', async () => {
    const result = await ws.nx(['test', 'zeta', '--outputStyle=static']);
    expectExit(result, 'failure');
    expect(result.output).toContain('zeta:verify-plan');
    expect(result.output).toMatch(/approval\/missing/);
    expect(jestTestsLine(result.output)).toBeUndefined();
  });

  it('--format=json prints the same findings as JSON', async () => {
    const result = await ws.nx([
      'run',
      'zeta:verify-plan',
      '--format=json',
      '--outputStyle=static',
    ]);
    expectExit(result, 'failure');
    const report = extractJson<{
      tool: string;
      summary: { plans: number; problems: number; errors: number };
      findings: StylishFinding[];
    }>(result.output);
    expect(report.tool).toBe('@mjomeet/plan');
    expect(report.summary).toMatchObject({
      plans: 1,
      problems: draftFindings.length,
      errors: draftFindings.length,
    });
    expect(findingKeys(report.findings)).toEqual(findingKeys(draftFindings));
  });

  it('--format=sarif --outputFile writes a SARIF log of the same findings', async () => {
    const result = await ws.nx([
      'run',
      'zeta:verify-plan',
      '--format=sarif',
      '--outputFile=reports/zeta-plans.sarif',
      '--outputStyle=static',
    ]);
    expectExit(result, 'failure');
    // People still see the findings in the terminal.
    expect(findingKeys(parseStylish(result.output))).toEqual(findingKeys(draftFindings));

    const sarif = ws.readJson<{
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number };
            };
          }>;
        }>;
      }>;
    }>('reports/zeta-plans.sarif');
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe('@mjomeet/plan');
    const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['plan/placeholder', 'approval/missing']));
    const asFindings = run.results.map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      return {
        file: artifactLocation.uri,
        line: region.startLine,
        column: region.startColumn,
        severity: r.level,
        ruleId: r.ruleId,
      };
    });
    expect(findingKeys(asFindings)).toEqual(findingKeys(draftFindings));
  });

  it('approve refuses the unfinished plan and leaves every file as it was', async () => {
    const plan = ws.readBytes(PLAN);
    const before = ws.snapshot();
    const result = await ws.nx(
      ['g', '@mjomeet/plan:approve', '--module=zeta', '--useCase=BookRoom', '--no-interactive'],
      undefined,
      REVIEWER,
    );
    expectExit(result, 'failure');
    expect(result.output).toContain('cannot be approved yet');
    expect(result.output).toMatch(/plan\/placeholder/);
    expect(ws.readBytes(PLAN).equals(plan)).toBe(true);
    expect(ws.snapshot()).toEqual(before);
  });

  it('approve records who (the git identity), when and a digest once the plan is complete', async () => {
    // The author commits the finished plan and code; the reviewer approves it and commits that.
    ws.write(PLAN, COMPLETE_PLAN);
    await ws.commitAll('zeta: BookRoom planned');
    const started = Date.now();
    const result = await ws.nx(
      [
        'g',
        '@mjomeet/plan:approve',
        '--module=zeta',
        '--useCase=BookRoom',
        '--by=the room owners',
        '--no-interactive',
      ],
      undefined,
      REVIEWER,
    );
    expectExit(result, 'success');
    expect(result.output).toContain(
      `Approved as ${REVIEWER.name} <${REVIEWER.email}>. The approval counts once you commit it as yourself`,
    );

    approvedPlan = ws.read(PLAN);
    const fields = frontMatter(approvedPlan);
    expect(fields).toMatchObject({ module: 'zeta', useCase: 'BookRoom', status: 'approved' });
    // One approval: the git identity, the label --by gave it, the time and the digest.
    const approval =
      /^approvals:\n {2}- by: (.+)\n {4}email: (.+)\n {4}at: (.+)\n {4}digest: (.+)\n {4}label: (.+)\n---$/m.exec(
        approvedPlan,
      );
    expect(approval?.slice(1, 3)).toEqual([REVIEWER.name, REVIEWER.email]);
    expect(approval?.[4]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(approval?.[5]).toBe('the room owners');
    const at = Date.parse(approval?.[3] ?? '');
    expect(at).toBeGreaterThanOrEqual(started - 2_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 2_000);
    // Only the front matter changed.
    expect(body(approvedPlan)).toBe(body(COMPLETE_PLAN));

    // Not committed yet, it proves nothing: in CI (the suite runs with CI=true) that fails.
    const pending = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
    expectExit(pending, 'failure');
    expect(parseStylish(pending.output).map((f) => f.ruleId)).toEqual(['approval/unverifiable']);

    await ws.commitAll('Approve zeta/BookRoom', REVIEWER);
  });

  it('verify-plan, test and build (tsc) pass, and the generated specs really run', async () => {
    // This workspace has no @nx/js/typescript plugin, so no inferred typecheck: the module's
    // build (@nx/js:tsc, from @nx/js:library) type-checks its code, and ts-jest its specs.
    const result = await ws.nx([
      'run-many',
      '-t',
      'verify-plan',
      'test',
      'build',
      '-p',
      'zeta',
      '--outputStyle=static',
    ]);
    expectExit(result, 'success');
    expect(result.output).toContain('✔ 1 plan verified, no problems');
    const tests = jestTestsLine(result.output);
    expect(tests).toMatch(/\b\d+ passed\b/);
    expect(tests).not.toMatch(/failed/);
    expect(Number(/(\d+) passed/.exec(tests ?? '')?.[1])).toBeGreaterThanOrEqual(
      BOOK_ROOM_SPECS.length,
    );
    expect(result.output).toMatch(new RegExp(`Test Suites:\\s+${BOOK_ROOM_SPECS.length} passed`));
    expect(result.output).toMatch(/Successfully ran targets? verify-plan, test, build/);
  });

  it('a second verify-plan is read from the cache', async () => {
    const result = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
    expectExit(result, 'success');
    expect(result.output).toMatch(/existing outputs match the cache|\[local cache\]/);
    // The cached terminal output is replayed.
    expect(result.output).toContain('✔ 1 plan verified, no problems');
  });

  it('editing a sentence of the approved plan makes the approval stale: test is refused again', async () => {
    const sentence = 'Out of scope: recurring bookings, invitations and the calendar view.';
    expect(approvedPlan).toContain(sentence);
    ws.write(PLAN, approvedPlan.replace(sentence, 'Out of scope: recurring bookings.'));

    const result = await ws.nx(['test', 'zeta', '--outputStyle=static']);
    expectExit(result, 'failure');
    const findings = parseStylish(result.output);
    expect(findings.map((f) => f.ruleId)).toEqual(['approval/stale']);
    expect(findings[0]).toMatchObject({ file: PLAN, severity: 'error' });
    expect(result.output).toMatch(/Failed tasks:\s*\n\s*- zeta:verify-plan/);
    expect(jestTestsLine(result.output)).toBeUndefined();
  });

  it('ticking a checklist box keeps the approval', async () => {
    const unticked = '- [ ] Value objects with robust validation';
    expect(approvedPlan).toContain(unticked);
    ws.write(PLAN, approvedPlan.replace(unticked, '- [x] Value objects with robust validation'));

    const result = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
    expectExit(result, 'success');
    expect(result.output).toContain('✔ 1 plan verified, no problems');
    expect(result.output).not.toMatch(/existing outputs match the cache|\[local cache\]/);
  });

  it('a spec changed after approval is a warning naming its first changed line', async () => {
    const spec = `${MODULE}/src/domain/room/room-id.value-object.spec.ts`;
    const original = ws.read(spec);
    const added = "  it('is a test nobody reviewed', () => {});";
    ws.write(spec, original.replace(/\}\);\s*$/, `${added}\n});\n`));

    try {
      const result = await ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
      expectExit(result, 'success');
      const findings = parseStylish(result.output);
      expect(findings).toEqual([
        expect.objectContaining({ file: PLAN, severity: 'warning', ruleId: 'trace/spec-drift' }),
      ]);
      expect(findings[0].message).toContain(
        `(first at line ${ws.read(spec).split('\n').indexOf(added) + 1} of the file: \`${added.trim()}\`)`,
      );
      expect(result.output).toContain('✖ 1 problem (0 errors, 1 warning) in 1 plan');
    } finally {
      ws.write(spec, original);
    }
  });

  it('a second use-case on the same aggregate adds to it and keeps the first one', async () => {
    const before = ws.snapshot();
    const result = await ws.nx([
      'g',
      '@mjomeet/plan:feature',
      '--module=zeta',
      '--useCase=CancelBooking',
      '--aggregate=Room',
      '--no-interactive',
    ]);
    expectExit(result, 'success');
    const after = ws.snapshot();

    const shared = [`${MODULE}/src/domain/room/room.aggregate.ts`, `${MODULE}/src/index.ts`];
    const changed = [...before.keys()].filter((file) => after.get(file) !== before.get(file));
    expect(changed.sort()).toEqual(shared.sort());
    const added = [...after.keys()].filter((file) => !before.has(file));
    expect(added).toContain('docs/features/zeta/CancelBooking/CancelBooking-plan.md');
    expect(
      added.filter((file) => file.startsWith(`${MODULE}/src/application/cancel-booking/`)).length,
    ).toBeGreaterThan(0);
    expect(added.filter((file) => file.startsWith(`${MODULE}/src/application/book-room/`))).toEqual(
      [],
    );

    const aggregate = ws.read(shared[0]);
    expect(aggregate).toMatch(/\bbookRoom\(/);
    expect(aggregate).toMatch(/\bcancelBooking\(/);
    const barrel = ws.read(shared[1]);
    expect(barrel).toContain("export * from './application/book-room/book-room.command';");
    expect(barrel).toContain(
      "export * from './application/cancel-booking/cancel-booking.command';",
    );

    // The extended module compiles and both use-cases' specs pass (run directly: the gate
    // rightly refuses `nx test` while CancelBooking's plan is a draft).
    for (const config of ['tsconfig.lib.json', 'tsconfig.spec.json']) {
      expectExit(await ws.bin('tsc', ['-p', `${MODULE}/${config}`, '--noEmit']), 'success');
    }
    const jest = await ws.bin('jest', ['--config', `${MODULE}/jest.config.cjs`, '--ci']);
    expectExit(jest, 'success');
    expect(jestTestsLine(jest.output)).toMatch(/\b\d+ passed\b/);
  });

  it('--dry-run writes nothing', async () => {
    await ws.commitAll('two use-cases planned');
    expect(await ws.gitStatus()).toBe('');

    const result = await ws.nx([
      'g',
      '@mjomeet/plan:feature',
      '--module=zeta',
      '--useCase=ReleaseRoom',
      '--aggregate=Room',
      '--dry-run',
      '--no-interactive',
    ]);
    expectExit(result, 'success');
    expect(result.output).toContain('docs/features/zeta/ReleaseRoom/ReleaseRoom-plan.md');
    expect(result.output).toMatch(/dry-?run/i);
    expect(await ws.gitStatus()).toBe('');
    expect(existsSync(ws.path('docs/features/zeta/ReleaseRoom'))).toBe(false);
  });

  it.each([
    ['a path in the use-case', ['--module=zeta', '--useCase=../escape'], /'useCase'|The use-case/],
    ['an empty use-case', ['--module=zeta', '--useCase='], /'useCase'|The use-case/],
    [
      'a module name with a non-ASCII letter',
      ['--module=Über', '--useCase=BookRoom'],
      /'module'|The module/,
    ],
  ])('%s is refused with a message about it, and nothing changes', async (_case, args, names) => {
    expect(await ws.gitStatus()).toBe('');
    const outside = readdirSync(temp).sort();

    const result = await ws.nx(['g', '@mjomeet/plan:feature', ...args, '--no-interactive']);
    expectExit(result, 'failure');
    // Refused for the name, not because the generator could not be loaded.
    expect(result.output).toMatch(names);
    expect(result.output).not.toMatch(/Unable to resolve|Cannot find module/);
    expect(await ws.gitStatus()).toBe('');
    expect(readdirSync(temp).sort()).toEqual(outside);
    expect(existsSync(join(temp, 'escape'))).toBe(false);
    expect(existsSync(ws.path('docs/escape'))).toBe(false);
  });

  it('two feature runs started together on one module: one is refused and asked to run again, nothing is lost', async () => {
    const feature = (useCase: string) => [
      'g',
      '@mjomeet/plan:feature',
      '--module=zeta',
      `--useCase=${useCase}`,
      '--aggregate=Room',
      '--no-interactive',
    ];
    const useCases = ['ReleaseRoom', 'MoveBooking'];
    const methods = ['releaseRoom', 'moveBooking'];

    const results = await Promise.all(useCases.map((useCase) => ws.nx(feature(useCase))));

    // Each Nx run holds the workspace in memory until it writes: two at once must not let the
    // second drop what the first wrote. One takes the module's lock; the other is refused.
    const refused = results.findIndex((result) => result.code !== 0);
    expect(results.map((result) => result.code === 0).sort()).toEqual([false, true]);
    expect(results[refused].output).toMatch(
      /Another run of @mjomeet\/plan:feature (is changing|changed) the module "zeta".*Nothing was written\. Run this command again/,
    );
    expect(existsSync(ws.path(`docs/features/zeta/${useCases[refused]}`))).toBe(false);
    expect(ws.read(`${MODULE}/src/domain/room/room.aggregate.ts`)).toMatch(
      new RegExp(`\\b${methods[1 - refused]}\\(`),
    );

    expectExit(await ws.nx(feature(useCases[refused])), 'success');

    const aggregate = ws.read(`${MODULE}/src/domain/room/room.aggregate.ts`);
    const barrel = ws.read(`${MODULE}/src/index.ts`);
    for (const [index, useCase] of useCases.entries()) {
      expect(aggregate).toMatch(new RegExp(`\\b${methods[index]}\\(`));
      expect(existsSync(ws.path(`docs/features/zeta/${useCase}/${useCase}-plan.md`))).toBe(true);
      const folder = useCase.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();
      expect(barrel).toContain(`export * from './application/${folder}/${folder}.handler';`);
    }
    expect(aggregate).toMatch(/\bbookRoom\(/);
    expect(aggregate).toMatch(/\bcancelBooking\(/);
    for (const config of ['tsconfig.lib.json', 'tsconfig.spec.json']) {
      expectExit(await ws.bin('tsc', ['-p', `${MODULE}/${config}`, '--noEmit']), 'success');
    }
  });

  describe('the gate fails closed', () => {
    const bookRoomCode = `${MODULE}/src/application/book-room`;
    const restore = async () => {
      // Back to the last commit, renames in the index included.
      assertSucceeded(await ws.git(['reset', '-q', '--hard', 'HEAD']));
      assertSucceeded(await ws.git(['clean', '-fdq']));
    };

    beforeAll(async () => {
      await restore();
    });
    afterEach(restore);

    /** `nx test zeta` fails before jest, and names the plan the use-case's code expects. */
    async function expectTestRefusedNamingThePlan(): Promise<StylishFinding[]> {
      const result = await ws.nx(['test', 'zeta', '--outputStyle=static']);
      expectExit(result, 'failure');
      expect(jestTestsLine(result.output)).toBeUndefined();
      const findings = parseStylish(result.output);
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: bookRoomCode,
            severity: 'error',
            ruleId: 'trace/use-case-without-plan',
          }),
        ]),
      );
      const [missing] = findings.filter((f) => f.ruleId === 'trace/use-case-without-plan');
      expect(missing.message).toContain(`expected ${PLAN}`);
      return findings;
    }

    it('a renamed plan makes nx test fail, naming the plan it expects', async () => {
      assertSucceeded(await ws.git(['mv', PLAN, 'docs/features/zeta/BookRoom/bookroom-plan.md']));

      const findings = await expectTestRefusedNamingThePlan();

      expect(findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: 'docs/features/zeta/BookRoom/bookroom-plan.md',
            ruleId: 'plan/misplaced-file',
          }),
        ]),
      );
    });

    it('a renamed plan folder makes nx test fail too', async () => {
      assertSucceeded(
        await ws.git(['mv', 'docs/features/zeta/BookRoom', 'docs/features/zeta/Bookroom']),
      );
      assertSucceeded(
        await ws.git([
          'mv',
          'docs/features/zeta/Bookroom/BookRoom-plan.md',
          'docs/features/zeta/Bookroom/Bookroom-plan.md',
        ]),
      );

      await expectTestRefusedNamingThePlan();
    });

    it('a deleted plan makes nx test fail, naming the plan it expects', async () => {
      rmSync(ws.path(PLAN));

      await expectTestRefusedNamingThePlan();
    });

    it('a package.json-only project with a draft plan is gated', async () => {
      const rootPackage = ws.readJson<Record<string, unknown>>('package.json');
      ws.write(
        'package.json',
        `${JSON.stringify({ ...rootPackage, workspaces: ['packages/billing'] }, null, 2)}\n`,
      );
      ws.write(
        'packages/billing/package.json',
        `${JSON.stringify(
          {
            name: '@e2e/billing',
            version: '0.0.0',
            private: true,
            scripts: { test: 'node -e "console.log(\'BILLING TESTS RAN\')"' },
          },
          null,
          2,
        )}\n`,
      );
      ws.write(
        'docs/features/billing/IssueInvoice/IssueInvoice-plan.md',
        COMPLETE_PLAN.replace(/BookRoom/g, 'IssueInvoice').replace(/zeta/g, 'billing'),
      );

      const result = await ws.nx(['test', '@e2e/billing', '--outputStyle=static']);

      expectExit(result, 'failure');
      expect(result.output).toContain('@e2e/billing:verify-plan');
      expect(result.output).not.toContain('BILLING TESTS RAN');
      expect(result.output).not.toMatch(/no project named|no Nx project has the module/);
      expect(parseStylish(result.output).map((f) => f.ruleId)).toContain('approval/missing');
    });
  });
});
