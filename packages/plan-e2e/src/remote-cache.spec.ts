/**
 * verify-plan beyond one process and one machine, through the real `nx` binary:
 *
 * - two clones of one workspace, at different paths, share Nx's self-hosted remote cache (an HTTP
 *   store on 127.0.0.1 that this suite starts and stops, support/remote-cache-server.ts): the
 *   second clone reads every verify-plan, and every test run and verify-evidence, from it, with
 *   the first clone's output;
 * - Nx's batch mode (`preferBatch`, one process for every verify-plan task of a run) changes
 *   nothing a user sees: the same findings and exit code per task, and the same cache hits.
 *
 * The steps share the workspaces and run in order. PLAN_E2E_KEEP=1 keeps them for a look.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expectExit, freshWorkspace } from './support/fresh-workspace';
import { removeTempDir } from './support/packages';
import { assertSucceeded, run, RunResult, userEnv } from './support/process';
import { RemoteCacheServer, startRemoteCacheServer } from './support/remote-cache-server';
import { npmInstall, parseStylish, Workspace } from './support/workspace';

const COMPLETE_PLAN = readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8');
/** Modules with an approved, complete plan: their verify-plan passes and is cached. */
const PASSING = ['zeta', 'beta'];
/** The approver: an approval counts once its approver commits it (CI verifies committed ones). */
const REVIEWER = { name: 'E2E Reviewer', email: 'reviewer@example.invalid' };
const CACHE_LINE =
  /Nx read the output from the cache instead of running the command for (\d+) out of (\d+) tasks?/;

/** How Nx's static output marks a task replayed from a cache. */
const HIT = /\s+\[(local cache|remote cache|existing outputs match the cache, left as is)\]$/;
/** Lines of Nx's own around the tasks' output: its banners and the run's summary. */
const NX_LINE = /^\s*(NX\s|—+$|Failed tasks:|(Run duration|Cache|Critical path|Recoverable time):)/;

/**
 * Each task's block of static output: from its `> nx run project:target` line (which says
 * `[local cache]` or `[remote cache]` on a hit) to the next task or Nx's next line of its own.
 */
function taskOutputs(output: string): Map<string, { cache?: string; text: string }> {
  const tasks = new Map<string, { cache?: string; text: string }>();
  let current: { id: string; cache?: string; lines: string[] } | undefined;
  const close = () => {
    if (current)
      tasks.set(current.id, { cache: current.cache, text: current.lines.join('\n').trim() });
    current = undefined;
  };
  for (const line of output.split('\n')) {
    const header = /^> nx run (\S+)(.*)$/.exec(line.trimEnd());
    if (header) {
      close();
      current = { id: header[1], cache: HIT.exec(header[2])?.[1], lines: [] };
    } else if (NX_LINE.test(line)) close();
    else current?.lines.push(line);
  }
  close();
  return tasks;
}

describe('verify-plan across clones and in one process', () => {
  let temp: string;
  let first: Workspace;
  let second: Workspace;
  let cache: RemoteCacheServer;
  let firstRun: RunResult;

  /**
   * nx in a workspace, as on a machine of its own, with the remote cache's variables when
   * `remote` is set. Nx 23 shares its local cache between the checkouts of one repository on one
   * machine (in `~/.nx/<workspace id>/cache`), so each clone gets a home of its own: what the
   * second one finds, it can only have from the remote cache.
   */
  const nx = (
    ws: Workspace,
    args: string[],
    remote = true,
    env: Record<string, string> = {},
  ): Promise<RunResult> => {
    const home = join(temp, `home-of-${basename(ws.root)}`);
    mkdirSync(home, { recursive: true });
    return run(ws.path('node_modules/.bin/nx'), args, {
      cwd: ws.root,
      env: userEnv({ HOME: home, ...(remote ? cache.nxEnv() : {}), ...env }),
      timeoutMs: 240_000,
    });
  };
  const verifyAll = (ws: Workspace, ...args: string[]) =>
    nx(ws, ['run-many', '-t', 'verify-plan', '--outputStyle=static', ...args]);
  /** The same, with the batch's tasks shared with a worker thread (three tasks start none). */
  const verifyAllThreaded = (ws: Workspace, ...args: string[]) =>
    nx(ws, ['run-many', '-t', 'verify-plan', '--outputStyle=static', ...args], true, {
      MJOMEET_PLAN_THREADS: '1',
    });

  beforeAll(async () => {
    cache = await startRemoteCacheServer();
    ({ temp, ws: first } = await freshWorkspace('plan-e2e-remote-'));
    expectExit(await first.nx(['g', '@mjomeet/plan:init', '--no-interactive']), 'success');
    for (const module of PASSING) {
      expectExit(
        await first.nx([
          'g',
          '@mjomeet/plan:feature',
          `--module=${module}`,
          '--useCase=BookRoom',
          '--no-interactive',
        ]),
        'success',
      );
      // The fixture is zeta's; another module's plan is the same text with its name.
      first.write(
        `docs/features/${module}/BookRoom/BookRoom-plan.md`,
        COMPLETE_PLAN.replace(/\bzeta\b/g, module),
      );
    }
    await first.commitAll('two plans');
    for (const module of PASSING) {
      expectExit(
        await first.nx(
          [
            'g',
            '@mjomeet/plan:approve',
            `--module=${module}`,
            '--useCase=BookRoom',
            '--no-interactive',
          ],
          undefined,
          REVIEWER,
        ),
        'success',
      );
    }
    await first.commitAll('two approved plans', REVIEWER);
  }, 600_000);

  afterAll(async () => {
    await cache?.close();
    removeTempDir(temp);
  });

  it('the first clone verifies every module and stores each result in the remote cache', async () => {
    firstRun = await verifyAll(first);
    expectExit(firstRun, 'success');

    expect(firstRun.output).toMatch(
      new RegExp(`Successfully ran target verify-plan for ${PASSING.length} projects`),
    );
    const puts = cache.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(PASSING.length);
    expect(puts.every((r) => r.status === 200)).toBe(true);
    expect(cache.hashes()).toHaveLength(PASSING.length);
    expect(cache.requests.every((r) => r.status !== 401)).toBe(true);
  });

  it('a second clone at another path reads every verify-plan from the remote cache', async () => {
    const root = join(temp, 'second-clone');
    assertSucceeded(await run('git', ['clone', '-q', first.root, root], { cwd: temp }));
    second = new Workspace(root);
    await npmInstall(root);
    const before = cache.requests.length;

    const result = await verifyAll(second);

    expectExit(result, 'success');
    expect(CACHE_LINE.exec(result.output)?.slice(1)).toEqual([
      String(PASSING.length),
      String(PASSING.length),
    ]);
    const tasks = taskOutputs(result.output);
    const expected = taskOutputs(firstRun.output);
    expect([...tasks.keys()].sort()).toEqual(PASSING.map((m) => `${m}:verify-plan`).sort());
    for (const [id, task] of tasks) {
      // A hit (Nx may apply a remote entry to its local cache before it reports the task).
      expect({ id, hit: task.cache !== undefined }).toEqual({ id, hit: true });
      // The first clone's output, replayed.
      expect(task.text).toBe(expected.get(id)?.text);
      expect(task.text).toContain('✔ 1 plan verified, no problems');
    }
    // Only reads: a hit, the same hashes the first clone stored; nothing written back.
    const requests = cache.requests.slice(before);
    expect(requests.map((r) => `${r.method} ${r.status}`)).toEqual(PASSING.map(() => 'GET 200'));
    expect(requests.map((r) => r.hash).sort()).toEqual(cache.hashes());
  });

  describe('the tests and verify-evidence', () => {
    const TASKS = PASSING.flatMap((m) =>
      ['verify-plan', 'test', 'verify-evidence'].map((t) => `${m}:${t}`),
    );
    const verifyEvidence = (ws: Workspace) =>
      nx(ws, ['run-many', '-t', 'verify-evidence', '--outputStyle=static']);
    let firstEvidence: RunResult;

    it('the first clone runs the tests and checks their evidence, each result stored remotely', async () => {
      const before = cache.hashes().length;

      firstEvidence = await verifyEvidence(first);

      expectExit(firstEvidence, 'success');
      expect(firstEvidence.output).toMatch(/✔ \d+ cited tests ran and passed/);
      // verify-plan was this clone's own hit; test and verify-evidence are stored.
      expect(cache.hashes().length - before).toBe(PASSING.length * 2);
    });

    it('the second clone reads the test runs and verify-evidence from it: jest does not run', async () => {
      const result = await verifyEvidence(second);

      expectExit(result, 'success');
      expect(CACHE_LINE.exec(result.output)?.slice(1)).toEqual([
        String(TASKS.length),
        String(TASKS.length),
      ]);
      const tasks = taskOutputs(result.output);
      expect([...tasks.keys()].sort()).toEqual([...TASKS].sort());
      const expected = taskOutputs(firstEvidence.output);
      for (const module of PASSING) {
        const id = `${module}:verify-evidence`;
        expect({ id, hit: tasks.get(id)?.cache !== undefined }).toEqual({ id, hit: true });
        expect(tasks.get(id)?.text).toBe(expected.get(id)?.text);
        // The report came with the test run: verify-evidence reads it on a later miss too.
        expect(existsSync(second.path(`packages/${module}/jest-results.json`))).toBe(true);
      }
    });
  });

  describe('batch mode', () => {
    const FAILING = 'iota';

    beforeAll(async () => {
      // A module whose plan is a draft: its verify-plan fails.
      expectExit(
        await first.nx([
          'g',
          '@mjomeet/plan:feature',
          `--module=${FAILING}`,
          '--useCase=BookRoom',
          '--no-interactive',
        ]),
        'success',
      );
    }, 120_000);

    it('gives each task the findings, output and exit code it has without batching', async () => {
      const batched = await verifyAll(first, '--skip-nx-cache');
      const alone = await verifyAll(first, '--skip-nx-cache', '--batch=false');
      const threaded = await verifyAllThreaded(first, '--skip-nx-cache');

      expectExit(batched, 'failure');
      expectExit(alone, 'failure');
      expectExit(threaded, 'failure');
      expect(batched.code).toBe(alone.code);
      expect(threaded.code).toBe(alone.code);
      // One process for the three tasks, against one process each.
      expect(batched.output).toMatch(/Running 3 tasks with @mjomeet\/plan:verify-plan/);
      expect(alone.output).not.toMatch(/Running \d+ tasks with/);

      const batchedTasks = taskOutputs(batched.output);
      const aloneTasks = taskOutputs(alone.output);
      expect([...batchedTasks.keys()].sort()).toEqual([...aloneTasks.keys()].sort());
      expect(batchedTasks.size).toBe(3);
      const threadedTasks = taskOutputs(threaded.output);
      expect([...threadedTasks.keys()].sort()).toEqual([...aloneTasks.keys()].sort());
      for (const [id, task] of batchedTasks) {
        expect({ id, text: task.text }).toEqual({ id, text: aloneTasks.get(id)?.text });
        expect({ id, text: threadedTasks.get(id)?.text }).toEqual({ id, text: task.text });
      }
      const failing = parseStylish(batchedTasks.get(`${FAILING}:verify-plan`)?.text ?? '');
      expect(failing.length).toBeGreaterThan(0);
      expect(new Set(failing.map((f) => f.ruleId))).toEqual(
        new Set(['plan/placeholder', 'approval/missing']),
      );
    });

    it('caches each task as without batching: the same hits on a second run, either way', async () => {
      // Local cache only (no remote cache configured), so that the hits are this clone's own.
      const local = (...args: string[]) =>
        nx(first, ['run-many', '-t', 'verify-plan', '--outputStyle=static', ...args], false);
      const populate = await local();
      const batched = await local();
      const alone = await local('--batch=false');

      for (const result of [populate, batched, alone]) expectExit(result, 'failure');
      const hits = (result: RunResult) =>
        [...taskOutputs(result.output)]
          .filter(([, task]) => task.cache !== undefined)
          .map(([id]) => id)
          .sort();
      // A failure is not cached (Nx's default): the failing module runs again each time.
      expect(hits(batched)).toEqual(PASSING.map((m) => `${m}:verify-plan`).sort());
      expect(hits(alone)).toEqual(hits(batched));
      for (const result of [batched, alone]) {
        const tasks = taskOutputs(result.output);
        for (const module of PASSING) {
          expect(tasks.get(`${module}:verify-plan`)?.text).toBe(
            taskOutputs(firstRun.output).get(`${module}:verify-plan`)?.text,
          );
        }
      }
    });
  });
});
