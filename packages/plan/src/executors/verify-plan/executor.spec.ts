import type { ExecutorContext } from '@nx/devkit';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  COMPLETE_PLAN,
  GENERATED_PLAN,
  GENERATED_ZETA_FILES,
  PLAN_FILE,
  ZETA_FILES,
} from '../../plan/__fixtures__/plans';
import { GitRepo } from '../../plan/__fixtures__/git-repo';
import verifyPlanExecutor from './executor';

/** The approver the fixture plan names (a single `approval` block, by name). */
const ADA = { name: 'Ada Reviewer', email: 'ada@example.com' };

describe('verify-plan executor', () => {
  let temp: string;
  let root: string;
  let repo: GitRepo;
  let output: string;
  let savedCi: string | undefined;

  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const context = (projectName = 'zeta', cache = false): ExecutorContext =>
    ({
      root,
      cwd: root,
      isVerbose: false,
      projectName,
      target: { executor: '@mjomeet/plan:verify-plan', cache },
      projectsConfigurations: {
        version: 2,
        projects: { zeta: { root: 'packages/zeta' }, empty: { root: 'packages/empty' } },
      },
    }) as unknown as ExecutorContext;

  beforeEach(() => {
    temp = mkdtempSync(join(tmpdir(), 'verify-plan-'));
    repo = GitRepo.init(temp, 'workspace');
    root = repo.root;
    // Each test says whether it is a CI run; the runner's own CI variable plays no part.
    savedCi = process.env.CI;
    delete process.env.CI;
    for (const [file, content] of Object.entries(ZETA_FILES))
      write(`packages/zeta/${file}`, content);
    output = '';
    jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output += String(chunk);
        // The executor waits for the write's callback (last argument) before it resolves.
        const callback = rest.find((arg) => typeof arg === 'function');
        (callback as ((error?: Error) => void) | undefined)?.();
        return true;
      });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    if (savedCi === undefined) delete process.env.CI;
    else process.env.CI = savedCi;
    rmSync(temp, { recursive: true, force: true });
  });

  it('fails on an unfinished plan and lists each finding as file:line:col  severity  message  rule', async () => {
    // The specs as the generator wrote them, as the generated plan shows them.
    for (const [file, content] of Object.entries(GENERATED_ZETA_FILES))
      write(`packages/zeta/${file}`, content);
    write(PLAN_FILE, GENERATED_PLAN);

    const result = await verifyPlanExecutor({}, context());

    expect(result).toEqual({ success: false });
    expect(output).toMatch(
      /^docs\/features\/zeta\/BookRoom\/BookRoom-plan\.md:\d+:\d+ {2}error {2}.+ {2}plan\/placeholder$/m,
    );
    expect(output).toMatch(/approval\/missing$/m);
    expect(output).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\) in 1 plan/);
  });

  it('passes a complete plan, approved in a commit by its approver', async () => {
    write(PLAN_FILE, COMPLETE_PLAN);
    repo.commit('Approve zeta/BookRoom', ADA);

    const result = await verifyPlanExecutor({}, context());

    expect(output).toContain('✔ 1 plan verified, no problems');
    expect(result).toEqual({ success: true });
  });

  it('warns of an approval not committed yet, and fails it in CI (--ci, or CI=true)', async () => {
    write(PLAN_FILE, COMPLETE_PLAN);

    expect(await verifyPlanExecutor({}, context())).toEqual({ success: true });
    expect(output).toMatch(
      /:\d+:\d+ {2}warning {2}The approval by Ada Reviewer is not committed yet.+ {2}approval\/pending$/m,
    );

    output = '';
    expect(await verifyPlanExecutor({ ci: true }, context())).toEqual({ success: false });
    expect(output).toMatch(
      / {2}error {2}The approval by Ada Reviewer is not committed.+ {2}approval\/unverifiable$/m,
    );

    output = '';
    process.env.CI = 'true';
    expect(await verifyPlanExecutor({}, context())).toEqual({ success: false });
    expect(output).toMatch(/approval\/unverifiable$/m);
    // --ci=false wins over the environment.
    expect(await verifyPlanExecutor({ ci: false }, context())).toEqual({ success: true });
  });

  it('passes with a warning when a spec has changed since the plan showed it', async () => {
    const spec = 'src/domain/room/room-id.value-object.spec.ts';
    write(PLAN_FILE, COMPLETE_PLAN);
    repo.commit('Approve zeta/BookRoom', ADA);
    write(
      `packages/zeta/${spec}`,
      ZETA_FILES[spec].replace(/\}\);\s*$/, "  it('is new', () => {});\n});\n"),
    );

    const result = await verifyPlanExecutor({}, context());

    expect(result).toEqual({ success: true });
    expect(output).toMatch(
      /^docs\/features\/zeta\/BookRoom\/BookRoom-plan\.md:\d+:1 {2}warning {2}The code of `src\/domain\/room\/room-id\.value-object\.spec\.ts` in this plan differs from the file \(first at line \d+ of the file: `it\('is new', \(\) => \{\}\);`\)\..+ {2}trace\/spec-drift$/m,
    );
    expect(output).toContain('✖ 1 problem (0 errors, 1 warning) in 1 plan');
  });

  it('writes JSON and SARIF with the same findings, and still prints the summary', async () => {
    write(PLAN_FILE, GENERATED_PLAN);

    await verifyPlanExecutor({ format: 'json', outputFile: 'reports/plan.json' }, context());
    await verifyPlanExecutor({ format: 'sarif', outputFile: 'reports/plan.sarif' }, context());

    const json = JSON.parse(readFileSync(join(root, 'reports/plan.json'), 'utf-8'));
    const sarif = JSON.parse(readFileSync(join(root, 'reports/plan.sarif'), 'utf-8'));
    const fromJson = json.findings.map(
      (f: { ruleId: string; line: number }) => `${f.ruleId}@${f.line}`,
    );
    const fromSarif = sarif.runs[0].results.map(
      (r: {
        ruleId: string;
        locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      }) => `${r.ruleId}@${r.locations[0].physicalLocation.region.startLine}`,
    );
    expect(fromJson.length).toBeGreaterThan(0);
    expect(fromSarif).toEqual(fromJson);
    expect(sarif.version).toBe('2.1.0');
    expect(output).toMatch(/✖ \d+ problems/);
  });

  it('prints JSON on stdout when there is no output file', async () => {
    write(PLAN_FILE, GENERATED_PLAN);

    await verifyPlanExecutor({ format: 'json' }, context());

    expect(JSON.parse(output).findings.length).toBeGreaterThan(0);
  });

  it('verifies one use-case with --useCase, and says so when it has no plan', async () => {
    write(PLAN_FILE, COMPLETE_PLAN);
    repo.commit('Approve zeta/BookRoom', ADA);

    expect(await verifyPlanExecutor({ useCase: 'BookRoom' }, context())).toEqual({ success: true });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await verifyPlanExecutor({ useCase: 'CancelBooking' }, context())).toEqual({
      success: false,
    });
    expect(error.mock.calls.flat().join('\n')).toMatch(/no plan of CancelBooking/);
  });

  it.each([
    ['broken YAML', '---\nmodule: [zeta\n---\n# Plan\n'],
    ['no front matter', '# Plan\n\nText.\n'],
    ['binary junk', 'binary \0\x01\x02 junk'],
    ['an empty file', ''],
    ['a 5 MB file', `---\nmodule: zeta\n---\n${'x'.repeat(5 * 1024 * 1024)}`],
  ])('reports %s as findings, not as a crash', async (_case, text) => {
    write(PLAN_FILE, text);

    const result = await verifyPlanExecutor({}, context());

    expect(result).toEqual({ success: false });
    expect(output).toMatch(/BookRoom-plan\.md:\d+:\d+ {2}error {2}/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  describe('--outputFile', () => {
    let outside: string;
    let errors: jest.SpyInstance;
    let warnings: jest.SpyInstance;

    beforeEach(() => {
      outside = mkdtempSync(join(tmpdir(), 'verify-plan-outside-'));
      write(PLAN_FILE, GENERATED_PLAN);
      errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    });

    afterEach(() => rmSync(outside, { recursive: true, force: true }));

    it('writes an absolute path there, and nothing under the workspace', async () => {
      const file = join(outside, 'reports', 'plan.json');
      const before = readdirSync(root).sort();

      await verifyPlanExecutor({ format: 'json', outputFile: file }, context());

      expect(JSON.parse(readFileSync(file, 'utf-8')).findings.length).toBeGreaterThan(0);
      expect(readdirSync(root).sort()).toEqual(before);
      expect(output).toMatch(/✖ \d+ problems/);
    });

    it('writes a relative path from the workspace root, wherever nx was started', async () => {
      const cwd = jest.spyOn(process, 'cwd').mockReturnValue(join(root, 'packages', 'zeta'));

      await verifyPlanExecutor({ format: 'json', outputFile: 'reports/plan.json' }, context());

      cwd.mockRestore();
      expect(existsSync(join(root, 'reports', 'plan.json'))).toBe(true);
      expect(existsSync(join(root, 'packages', 'zeta', 'reports'))).toBe(false);
    });

    const outsideFile = (dir: string) => join(dir, 'plan.json');
    const insideFile = () => join(root, 'reports', 'plan.json');
    const escapingFile = () => '../escaped-plan.json';
    it.each([
      ['outside the workspace, in a cached run', 'warns', outsideFile, true, undefined],
      ['outside the workspace, with --skip-nx-cache', 'does not warn', outsideFile, true, 'true'],
      ['outside the workspace, not cached', 'does not warn', outsideFile, false, undefined],
      ['absolute inside the workspace', 'does not warn', insideFile, true, undefined],
      ['relative, out of the workspace', 'warns', escapingFile, true, undefined],
    ])(
      'a report path %s: the executor %s that Nx cannot cache it',
      async (_case, expected, path, cache, skipNxCache) => {
        const file = path(outside);
        const previous = process.env.NX_SKIP_NX_CACHE;
        if (skipNxCache) process.env.NX_SKIP_NX_CACHE = skipNxCache;
        else delete process.env.NX_SKIP_NX_CACHE;
        try {
          await verifyPlanExecutor({ format: 'json', outputFile: file }, context('zeta', cache));
          // Written in every case: the warning does not stop it.
          expect(existsSync(resolve(root, file))).toBe(true);
        } finally {
          if (previous === undefined) delete process.env.NX_SKIP_NX_CACHE;
          else process.env.NX_SKIP_NX_CACHE = previous;
          rmSync(resolve(root, file), { force: true });
        }

        const said = warnings.mock.calls.flat().join('\n');
        const found = said.match(/--outputFile=.+ is outside the workspace/g) ?? [];
        expect(found).toHaveLength(expected === 'warns' ? 1 : 0);
        if (expected === 'warns') expect(said).toContain('--skip-nx-cache');
      },
    );

    it.each([
      [
        'a folder',
        () => {
          mkdirSync(join(outside, 'a-folder'));
          return join(outside, 'a-folder');
        },
        /it is a folder/,
      ],
      [
        'a path under a regular file',
        () => {
          writeFileSync(join(outside, 'a-file'), 'text');
          return join(outside, 'a-file', 'plan.json');
        },
        /a part of the path is a file, not a folder/,
      ],
      [
        'a relative path under a regular file',
        () => {
          write('a-file', 'text');
          return 'a-file/reports/plan.json';
        },
        /a part of the path is a file, not a folder/,
      ],
    ])('refuses %s with one message naming --outputFile and the path', async (_case, make, why) => {
      const outputFile = make();

      const result = await verifyPlanExecutor({ format: 'json', outputFile }, context());

      expect(result).toEqual({ success: false });
      const said = errors.mock.calls.flat().map(String);
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(`--outputFile=${outputFile}`);
      expect(said[0]).toMatch(why);
      expect(said[0]).not.toMatch(/\n\s+at /);
      expect(output).toBe('');
    });
  });

  describe('stdout on a pipe', () => {
    /**
     * The executor in a child process that exits as soon as it resolves, as Nx's task process
     * does, with stdout on a pipe that this test starts reading only once the child has exited, or
     * a second after it started the executor: a slow reader, as a CI log collector can be.
     */
    function runInChild(options: object): Promise<{ code: number | null; stdout: string }> {
      const repoRoot = resolve(__dirname, '..', '..', '..', '..', '..');
      const child = spawn(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          join(__dirname, '__fixtures__', 'run-and-exit.ts'),
          root,
          'zeta',
          JSON.stringify(options),
        ],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      return new Promise((resolvePromise, reject) => {
        let stdout = '';
        let stderr = '';
        let reading = false;
        let code: number | null = null;
        let timer: NodeJS.Timeout | undefined;
        const startReading = () => {
          if (reading) return;
          reading = true;
          child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf-8')));
        };
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf-8');
          if (stderr.includes('running\n')) timer ??= setTimeout(startReading, 1_000);
        });
        child.on('error', reject);
        child.on('exit', (exitCode) => {
          code = exitCode;
          startReading();
        });
        child.on('close', () => {
          clearTimeout(timer);
          if (code === 2) reject(new Error(`the child failed:\n${stderr}`));
          else resolvePromise({ code, stdout });
        });
      });
    }

    it('prints a JSON report of thousands of findings whole, even when the process exits at once', async () => {
      const placeholders = Array.from({ length: 2_000 }, (_, i) => `\nTODO(plan) item ${i}\n`);
      write(PLAN_FILE, `${GENERATED_PLAN}${placeholders.join('')}`);

      const { code, stdout } = await runInChild({ format: 'json' });

      expect(code).toBe(1);
      expect(stdout.length).toBeGreaterThan(500_000);
      const report = JSON.parse(stdout);
      expect(report.findings.length).toBeGreaterThan(2_000);
      expect(report.summary.problems).toBe(report.findings.length);
    }, 30_000);
  });
});
