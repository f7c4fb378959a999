/**
 * The on-disk proof: the feature generator's output, written to a real workspace folder,
 * type-checks under `strict` against the @mjomeet/ddd kernel, and its generated specs pass
 * under jest. Slow (a TypeScript program and a jest child process), so everything generated
 * goes into one temporary workspace and is checked with one program and one jest run.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { flushChanges, FsTree } from 'nx/src/generators/tree';
import { resetWorkspaceContext } from 'nx/src/utils/workspace-context';
import * as prettier from 'prettier';
import * as ts from 'typescript';
import { readModuleCode } from '../../plan/module-code';
import { verifyPlan } from '../../plan/verify';
import { featureGenerator } from './generator';
import type { FeatureGeneratorSchema } from './schema';

// Nx's jest set-up, which the module project's creation composes, reads the project graph to
// register its plugin; a unit test has no workspace on disk to compute one from.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(async () => ({ nodes: {}, dependencies: {} })),
}));

jest.setTimeout(180_000);

const REPO = join(__dirname, '../../../../..');
const KERNEL = join(REPO, 'packages/ddd/src/index.ts');

/** Each is one `nx g @mjomeet/plan:feature` run, in this order, on the same workspace. */
const RUNS: FeatureGeneratorSchema[] = [
  { module: 'zeta', useCase: 'BookRoom' },
  { module: 'meetings', useCase: 'schedule-meeting', valueObjects: 'MeetingTitle,Duration' },
  {
    module: 'meetings',
    useCase: 'CancelMeeting',
    aggregate: 'Meeting',
    valueObjects: 'CancellationReason',
  },
  // Names next to reserved ones, which the generator accepts: they must compile. Event is a DOM
  // global, not one of the es2022 lib, and `event` is a variable of the templates only inside
  // nested functions; the value objects differ from Date, URL and JSON.
  {
    module: 'calendar',
    useCase: 'RecordAttendance',
    aggregate: 'Event',
    valueObjects: 'DateRange,Url,Json',
    events: 'AttendanceRecorded',
    scheduledCommands: 'CommandReminder',
  },
];

/**
 * What jest must report, counted from the templates:
 * - zeta/BookRoom: aggregate 3 (+1 todo), RoomId 2 + 4 refusals, RoomBooked 2, repository 2,
 *   command 3 (+1), handler 2 (+2), scheduled command 3 (+1), listener 2 = 23 (+5 todo), 8 suites.
 * - meetings/ScheduleMeeting with MeetingTitle and Duration: aggregate 3 (+1), MeetingId 6,
 *   each value object 2 + 3 refusals (+1), event 2, repository 2, command 4 (+1), handler 2 (+2),
 *   scheduled command 3 (+1), listener 2 = 34 (+7 todo), 10 suites.
 * - meetings/CancelMeeting: the shared aggregate, id and repository are kept; CancellationReason
 *   5 (+1), MeetingCanceled 2, command 4 (+1), handler 2 (+2), scheduled command 3 (+1),
 *   listener 2 = 18 (+5 todo), 6 suites.
 * - calendar/RecordAttendance with three value objects: aggregate 3 (+1), EventId 6, each value
 *   object 5 (+1), event 2, repository 2, command 4 (+1), handler 2 (+2), scheduled command 3
 *   (+1), listener 2 = 39 (+8 todo), 11 suites.
 */
const EXPECTED = { suites: 24 + 11, passed: 23 + 34 + 18 + 39, todo: 5 + 7 + 5 + 8 };

let workspace: string;

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function filesUnder(dir: string, accept: (file: string) => boolean): string[] {
  return readdirSync(dir)
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? filesUnder(path, accept) : accept(path) ? [path] : [];
    })
    .sort();
}

const read = (path: string) => readFileSync(join(workspace, path), 'utf-8');

/**
 * A workspace like this repository: its devDependencies, its prettier style, the kernel's path.
 * `dependencies` may list the kernel too, so that the generator's callback has nothing to install.
 */
function createWorkspace(root: string, dependencies: Record<string, string> = {}): void {
  const rootPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf-8'));
  writeFile(
    join(root, 'package.json'),
    JSON.stringify(
      {
        name: 'disk-workspace',
        private: true,
        dependencies,
        devDependencies: rootPackage.devDependencies,
      },
      null,
      2,
    ),
  );
  writeFile(join(root, 'nx.json'), JSON.stringify({ analytics: false }, null, 2));
  writeFile(join(root, '.prettierrc'), readFileSync(join(REPO, '.prettierrc'), 'utf-8'));
  writeFile(
    join(root, 'tsconfig.base.json'),
    JSON.stringify(
      {
        compilerOptions: {
          baseUrl: '.',
          paths: { '@mjomeet/ddd': [KERNEL] },
          // The workspace has no node_modules of its own: types come from the repository's.
          typeRoots: [join(REPO, 'node_modules/@types')],
        },
      },
      null,
      2,
    ),
  );
}

/** One generator run as `nx g` does it: a tree on the workspace folder, flushed to disk. */
async function runGenerator(root: string, schema: FeatureGeneratorSchema): Promise<void> {
  // Nx caches the workspace's file list per process; each `nx g` is a new process that sees
  // what the previous one wrote.
  resetWorkspaceContext();
  const tree = new FsTree(root, false);
  await featureGenerator(tree, schema); // Its install callback is not run: nothing is installed.
  flushChanges(root, tree.listChanges());
}

function runJest(
  configPath: string,
  cwd: string,
): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.JEST_WORKER_ID;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO, 'node_modules/jest/bin/jest.js'),
        '--config',
        configPath,
        '--ci',
        '--json',
        '--outputFile',
        join(cwd, 'jest-result.json'),
        '--maxWorkers=2',
      ],
      { cwd, env },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'plan-feature-disk-'));
  createWorkspace(workspace);
  for (const schema of RUNS) await runGenerator(workspace, schema);
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('feature generator output on disk', () => {
  it('writes every use-case to the workspace', () => {
    expect(read('docs/features/zeta/BookRoom/BookRoom-plan.md')).toContain('status: draft');
    expect(read('docs/features/meetings/ScheduleMeeting/ScheduleMeeting-plan.md')).toContain(
      'status: draft',
    );
    expect(read('docs/features/meetings/CancelMeeting/CancelMeeting-plan.md')).toContain(
      'status: draft',
    );
    expect(JSON.parse(read('packages/meetings/project.json')).name).toBe('meetings');
    expect(JSON.parse(read('packages/zeta/project.json')).name).toBe('zeta');
    expect(JSON.parse(read('nx.json')).plugins).toContain('@mjomeet/plan/plugin');
  });

  it("formats every .ts file with the workspace's prettier config", async () => {
    const unformatted: string[] = [];
    const files = filesUnder(join(workspace, 'packages'), (file) => file.endsWith('.ts'));
    for (const file of files) {
      const source = readFileSync(file, 'utf-8');
      const config = (await prettier.resolveConfig(file)) ?? {};
      if ((await prettier.format(source, { ...config, filepath: file })) !== source) {
        unformatted.push(relative(workspace, file));
      }
    }

    expect(files.length).toBeGreaterThan(40);
    expect(read('packages/zeta/src/domain/room/room.aggregate.ts')).toContain(
      "from '@mjomeet/ddd';",
    );
    expect(unformatted).toEqual([]);
  });

  it('shares the aggregate between the two meetings use-cases', () => {
    const aggregate = read('packages/meetings/src/domain/meeting/meeting.aggregate.ts');
    const barrel = read('packages/meetings/src/index.ts').trimEnd().split('\n');

    expect(aggregate).toContain('  scheduleMeeting(details: {');
    expect(aggregate).toContain('  cancelMeeting(details: {');
    expect(barrel).toHaveLength(new Set(barrel).size);
    expect(barrel).toContain(
      "export * from './application/cancel-meeting/cancel-meeting.handler';",
    );
  });

  it('writes plans that pass markdownlint-cli2 with its default rules', () => {
    const plans = filesUnder(join(workspace, 'docs'), (file) => file.endsWith('-plan.md'));
    const cli = join(REPO, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');

    const run = spawnSync(
      process.execPath,
      [cli, ...plans.map((plan) => relative(workspace, plan))],
      {
        cwd: workspace,
        encoding: 'utf-8',
      },
    );

    expect(plans).toHaveLength(RUNS.length);
    expect({ status: run.status, output: run.status === 0 ? '' : run.stdout + run.stderr }).toEqual(
      {
        status: 0,
        output: '',
      },
    );
  });

  it("shows each spec's code in its plan as the file has it, formatting aside (no trace/spec-drift)", () => {
    const plans = [
      ['docs/features/zeta/BookRoom/BookRoom-plan.md', 'packages/zeta'],
      ['docs/features/meetings/ScheduleMeeting/ScheduleMeeting-plan.md', 'packages/meetings'],
      ['docs/features/meetings/CancelMeeting/CancelMeeting-plan.md', 'packages/meetings'],
    ];
    let rewrapped = 0;
    for (const [file, project] of plans) {
      const text = read(file);
      const moduleCode = readModuleCode(workspace, project);
      // The plan is wrapped at 80 columns, the specs at the workspace's 100: some differ.
      for (const [spec, source] of moduleCode.specSources) {
        if (text.includes(`### \`${spec}\``) && !text.includes(source)) rewrapped++;
      }
      const drift = verifyPlan({ file, text, moduleCode }).filter(
        (finding) => finding.ruleId === 'trace/spec-drift',
      );

      expect({ file, drift }).toEqual({ file, drift: [] });
    }
    expect(rewrapped).toBeGreaterThan(0);
  });

  describe("type-checks under strict with the module's tsconfigs (Nx's), against the kernel", () => {
    let diagnostics: string[];

    beforeAll(() => {
      const host: ts.ParseConfigFileHost = {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      };
      // The code (tsconfig.lib.json) and the specs (tsconfig.spec.json) of each module.
      const configs = ['zeta', 'meetings', 'calendar'].flatMap((module) =>
        ['tsconfig.lib.json', 'tsconfig.spec.json'].map((file) => {
          const config = ts.getParsedCommandLineOfConfigFile(
            join(workspace, 'packages', module, file),
            {},
            host,
          );
          if (!config) throw new Error(`packages/${module}/${file} could not be read`);
          expect(config.errors).toEqual([]);
          expect(config.options).toMatchObject({ strict: true });
          expect(config.options.paths?.['@mjomeet/ddd']).toEqual([KERNEL]);
          return config;
        }),
      );
      const fileNames = [...new Set(configs.flatMap((config) => config.fileNames))];
      expect([...fileNames].sort()).toEqual(
        filesUnder(join(workspace, 'packages'), (file) => file.endsWith('.ts')),
      );

      const program = ts.createProgram(fileNames, {
        ...configs[1].options,
        strict: true,
        noEmit: true,
        // What a --preset=ts workspace adds: unused imports are errors there.
        noUnusedLocals: true,
        // Nx's tsconfig imports tslib's helpers; this workspace has no node_modules of its own.
        importHelpers: false,
      });
      expect(program.getSourceFile(KERNEL)).toBeDefined();
      // The generated code's; the kernel's sources (mapped here in place of its package) are
      // checked by its own project, and a workspace sees only its declarations.
      const kernelSources = `${dirname(KERNEL)}/`;
      diagnostics = ts
        .getPreEmitDiagnostics(program)
        .filter((diagnostic) => !diagnostic.file?.fileName.startsWith(kernelSources))
        .map((diagnostic) =>
          ts.formatDiagnostic(diagnostic, {
            getCanonicalFileName: (name) => name,
            getCurrentDirectory: () => workspace,
            getNewLine: () => '',
          }),
        );
    });

    it('with zero diagnostics', () => {
      expect(diagnostics).toEqual([]);
    });
  });

  describe('passes its generated specs under jest', () => {
    interface JestResult {
      numFailedTests: number;
      numPassedTests: number;
      numTodoTests: number;
      numPassedTestSuites: number;
      testResults: Array<{
        name: string;
        assertionResults: Array<{ fullName: string; status: string }>;
      }>;
    }
    let code: number | null;
    let output: string;
    let result: JestResult;
    let specs: string[];

    beforeAll(async () => {
      const configPath = join(workspace, 'jest.config.cjs');
      writeFile(
        configPath,
        `module.exports = ${JSON.stringify(
          {
            rootDir: join(workspace, 'packages'),
            testEnvironment: 'node',
            transform: { '^.+\\.ts$': require.resolve('@swc/jest') },
            moduleFileExtensions: ['ts', 'js'],
            moduleNameMapper: { '^@mjomeet/ddd$': KERNEL },
            cacheDirectory: join(workspace, '.jest-cache'),
          },
          null,
          2,
        )};\n`,
      );
      specs = filesUnder(join(workspace, 'packages'), (file) => file.endsWith('.spec.ts'));
      ({ code, output } = await runJest(configPath, workspace));
      result = JSON.parse(readFileSync(join(workspace, 'jest-result.json'), 'utf-8'));
    });

    const failures = () =>
      result.testResults.flatMap((suite) =>
        suite.assertionResults
          .filter((assertion) => assertion.status === 'failed')
          .map((assertion) => `${relative(workspace, suite.name)}: ${assertion.fullName}`),
      );

    it('runs every generated spec file', () => {
      expect(result.testResults.map((suite) => suite.name).sort()).toEqual(specs);
      expect(specs).toHaveLength(EXPECTED.suites);
    });

    it('with every test passing', () => {
      expect({ code, failures: failures(), output: code === 0 ? '' : output }).toEqual({
        code: 0,
        failures: [],
        output: '',
      });
      expect({
        suites: result.numPassedTestSuites,
        passed: result.numPassedTests,
        todo: result.numTodoTests,
      }).toEqual(EXPECTED);
    });
  });
});

/**
 * Two `nx g` runs on one module, each in a process of its own (as two terminals would run them),
 * started at one moment. Each holds the workspace in memory until it writes: without the module's
 * lock, the second to write dropped the first's aggregate method and barrel exports, and both
 * exited 0.
 */
describe('two feature runs on one module at the same time', () => {
  const RUNNER = join(__dirname, '__fixtures__/run-feature.ts');
  const MEETING = 'packages/meetings/src/domain/meeting/meeting.aggregate.ts';
  const BARREL = 'packages/meetings/src/index.ts';
  const CANCEL: FeatureGeneratorSchema = {
    module: 'meetings',
    useCase: 'CancelMeeting',
    aggregate: 'Meeting',
  };
  const RESCHEDULE: FeatureGeneratorSchema = {
    module: 'meetings',
    useCase: 'RescheduleMeeting',
    aggregate: 'Meeting',
  };
  let root: string;
  let outcomes: Array<{ schema: FeatureGeneratorSchema; code: number | null; stderr: string }>;
  let afterBoth: Map<string, string>;

  interface Run {
    readonly ready: Promise<void>;
    readonly child: ChildProcess;
    readonly done: Promise<{ code: number | null; stderr: string }>;
  }

  /** run-feature.ts in a node process of its own; it waits for a message before it generates. */
  function start(schema: FeatureGeneratorSchema): Run {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', RUNNER, root, JSON.stringify(schema)],
      {
        cwd: REPO,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    // Bounded: a run that hangs fails the test instead of holding the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    return {
      child,
      ready: new Promise((resolve) => child.once('message', () => resolve())),
      done: new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
      }),
    };
  }

  async function runAlone(schema: FeatureGeneratorSchema) {
    const run = start(schema);
    await run.ready;
    run.child.send('go');
    return run.done;
  }

  const readIn = (file: string) => readFileSync(join(root, file), 'utf-8');
  const planOf = (useCase: string) => `docs/features/meetings/${useCase}/${useCase}-plan.md`;
  const codeOf = (useCase: string) =>
    `packages/meetings/src/application/${useCase.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase()}`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'plan-feature-concurrent-'));
    createWorkspace(root, { '@mjomeet/ddd': '*' });
    // The module project is made here, in-process: Nx's jest set-up reads the project graph,
    // which this workspace (no node_modules) cannot give a process of its own.
    await runGenerator(root, { module: 'meetings', useCase: 'ScheduleMeeting' });
    // Its callback (which releases the module's lock, then installs) is not run here.
    rmSync(join(root, '.nx/workspace-data/mjomeet-plan/feature-meetings.lock'), { force: true });

    const runs = [start(CANCEL), start(RESCHEDULE)];
    await Promise.all(runs.map((run) => run.ready));
    runs.forEach((run) => run.child.send('go'));
    outcomes = await Promise.all(
      runs.map(async (run, index) => ({
        schema: [CANCEL, RESCHEDULE][index],
        ...(await run.done),
      })),
    );
    afterBoth = new Map([MEETING, BARREL].map((file) => [file, readIn(file)]));
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('completes one and refuses the other, asking to run it again', () => {
    const crashes = outcomes.filter(({ code }) => code !== 0 && code !== 1);
    const refused = outcomes.find(({ code }) => code === 1);

    expect(crashes).toEqual([]);
    expect(outcomes.map(({ code }) => code).sort()).toEqual([0, 1]);
    expect(refused!.stderr).toMatch(
      /^Another run of @mjomeet\/plan:feature (is changing|changed) the module "meetings" .*Nothing was written\. Run this command again/,
    );
  });

  it('loses nothing of the one that completed, and writes nothing of the refused one', () => {
    const done = outcomes.find((outcome) => outcome.code === 0)!.schema.useCase;
    const refused = outcomes.find((outcome) => outcome.code === 1)!.schema.useCase;
    const method = (useCase: string) => `  ${useCase.charAt(0).toLowerCase()}${useCase.slice(1)}(`;

    expect(afterBoth.get(MEETING)).toContain(method('ScheduleMeeting'));
    expect(afterBoth.get(MEETING)).toContain(method(done));
    expect(afterBoth.get(MEETING)).not.toContain(method(refused));
    expect(afterBoth.get(BARREL)).toContain(
      `${codeOf(done).slice('packages/meetings/src/'.length)}/`,
    );
    expect(existsSync(join(root, planOf(done)))).toBe(true);
    expect(existsSync(join(root, planOf(refused)))).toBe(false);
    expect(existsSync(join(root, codeOf(refused)))).toBe(false);
  });

  it('once the refused one is run again, has both use-cases complete', async () => {
    const refused = outcomes.find((outcome) => outcome.code === 1)!.schema;

    expect(await runAlone(refused)).toEqual({ code: 0, stderr: '' });

    const aggregate = readIn(MEETING);
    const barrel = readIn(BARREL).trimEnd().split('\n');
    for (const useCase of ['ScheduleMeeting', 'CancelMeeting', 'RescheduleMeeting']) {
      expect(aggregate).toContain(`  ${useCase.charAt(0).toLowerCase()}${useCase.slice(1)}(`);
      expect(existsSync(join(root, planOf(useCase)))).toBe(true);
      const dir = codeOf(useCase).slice('packages/meetings/src/'.length);
      expect(barrel).toEqual(
        expect.arrayContaining([
          `export * from './${dir}/${dir.split('/').pop()}.command';`,
          `export * from './${dir}/${dir.split('/').pop()}.handler';`,
        ]),
      );
    }
    expect(barrel).toHaveLength(new Set(barrel).size);
  });

  it('leaves no lock behind', () => {
    expect(existsSync(join(root, '.nx/workspace-data/mjomeet-plan/feature-meetings.lock'))).toBe(
      false,
    );
  });
});
