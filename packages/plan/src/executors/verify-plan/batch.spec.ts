import type { ExecutorContext, Task, TaskGraph } from '@nx/devkit';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import {
  COMPLETE_PLAN,
  GENERATED_PLAN,
  GENERATED_ZETA_FILES,
  PLAN_FILE,
  ZETA_FILES,
} from '../../plan/__fixtures__/plans';
import { verifyProjectPlans } from '../../plan/verify-project';
import verifyPlanBatch, { BatchTaskResult, runBatch, tasksInOrder } from './batch';
import { BatchThreads, groupsOf, ThreadMessage, threadCount } from './batch-threads';
import verifyPlanExecutor, { prepareTask, taskConfig } from './executor';
import type { VerifyPlanExecutorSchema } from './schema';

/**
 * Batch mode must change nothing but the number of processes: each task's success and terminal
 * output (what Nx prints, caches and replays) are those of the executor run on its own.
 */
describe('verify-plan in batch mode', () => {
  let root: string;

  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };

  /** Projects: a module whose plan passes, one whose plan fails, and some to misconfigure. */
  const PROJECTS = ['zeta', 'beta', 'gamma', 'delta', 'kappa', 'omega'];
  /** The options each task gets, as Nx combines them from the target and the command line. */
  const INPUTS: Record<string, VerifyPlanExecutorSchema> = {
    'zeta:verify-plan': { plansDir: 'docs/features/zeta', config: {} },
    'beta:verify-plan': { plansDir: 'docs/features/beta', config: {} },
    'gamma:verify-plan': {
      plansDir: 'docs/features/beta',
      config: {},
      format: 'json',
      outputFile: 'reports/gamma.json',
    },
    'delta:verify-plan': { plansDir: 'docs/features/zeta', config: {}, useCase: 'CancelBooking' },
    'kappa:verify-plan': {
      plansDir: 'docs/features/zeta',
      config: { rules: { 'plan/no-such-rule': 'error' } },
    },
    'omega:verify-plan': { plansDir: 42 as unknown as string, config: {} },
  };

  const context = (): ExecutorContext =>
    ({
      root,
      cwd: root,
      isVerbose: false,
      projectsConfigurations: {
        version: 2,
        projects: Object.fromEntries(
          PROJECTS.map((name) => [
            name,
            {
              root: `packages/${name === 'gamma' ? 'beta' : name}`,
              targets: { 'verify-plan': { executor: '@mjomeet/plan:verify-plan', cache: true } },
            },
          ]),
        ),
      },
      nxJsonConfiguration: {},
    }) as unknown as ExecutorContext;

  const task = (id: string): Task =>
    ({
      id,
      target: { project: id.split(':')[0], target: 'verify-plan' },
      overrides: {},
      outputs: [],
      parallelism: true,
    }) as unknown as Task;

  const graph = (ids: string[]): TaskGraph => ({
    roots: ids,
    tasks: Object.fromEntries(ids.map((id) => [id, task(id)])),
    dependencies: Object.fromEntries(ids.map((id) => [id, []])),
    continuousDependencies: Object.fromEntries(ids.map((id) => [id, []])),
  });

  /** The executor on its own, as in a process of its own: everything it writes, in order. */
  async function alone(id: string): Promise<{ success: boolean; output: string }> {
    let output = '';
    const capture = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      output += String(chunk);
      (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
      return true;
    };
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      const [project] = id.split(':');
      const result = await verifyPlanExecutor(INPUTS[id], {
        ...context(),
        projectName: project,
        targetName: 'verify-plan',
        target: context().projectsConfigurations.projects[project].targets?.['verify-plan'],
      });
      return { success: result.success, output };
    } catch (error) {
      return { success: false, output: `${output}${(error as Error).stack}\n` };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  let ci: string | undefined;

  async function batch(ids: string[]): Promise<BatchTaskResult[]> {
    const inputs = Object.fromEntries(ids.map((id) => [id, INPUTS[id]]));
    const results: BatchTaskResult[] = [];
    for await (const result of verifyPlanBatch(graph(ids), inputs, {}, context())) {
      results.push(result);
    }
    return results;
  }

  beforeEach(() => {
    // Node's console writes to process.stdout/stderr at each call; jest's buffers instead.
    for (const [method, stream] of [
      ['log', process.stdout],
      ['info', process.stdout],
      ['warn', process.stderr],
      ['error', process.stderr],
    ] as const) {
      jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void stream.write(`${format(...args)}\n`));
    }
    // Outside CI, as on a developer's machine, whatever runs this suite: the fixtures are not in a
    // git repository, so their approvals cannot be proved (a warning here, an error in CI).
    ci = process.env.CI;
    process.env.CI = 'false';
    root = mkdtempSync(join(tmpdir(), 'verify-plan-batch-'));
    for (const [file, content] of Object.entries(ZETA_FILES))
      write(`packages/zeta/${file}`, content);
    write(PLAN_FILE, COMPLETE_PLAN);
    for (const [file, content] of Object.entries(GENERATED_ZETA_FILES))
      write(`packages/beta/${file}`, content);
    write('docs/features/beta/BookRoom/BookRoom-plan.md', GENERATED_PLAN);
  });

  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives every task the success and terminal output of the executor run on its own', async () => {
    const ids = Object.keys(INPUTS);
    const expected: Record<string, { success: boolean; output: string }> = {};
    for (const id of ids) expected[id] = await alone(id);
    const gammaReport = readFileSync(join(root, 'reports/gamma.json'), 'utf-8');
    rmSync(join(root, 'reports'), { recursive: true });

    const results = await batch(ids);

    expect(results.map((r) => r.task)).toEqual(ids);
    // Stack frames differ, and only they: those of the task that throws.
    const output = (text: string) => text.replace(/^\s+at .*\n/gm, '');
    for (const { task: id, result } of results) {
      expect({ id, success: result.success, output: output(result.terminalOutput) }).toEqual({
        id,
        success: expected[id].success,
        output: output(expected[id].output),
      });
      expect(result.endTime).toBeGreaterThanOrEqual(result.startTime);
    }
    // The cases are what they claim to be.
    const byId = Object.fromEntries(results.map((r) => [r.task, r.result]));
    expect(byId['zeta:verify-plan']).toMatchObject({ success: true });
    // Approved, but outside a git repository: the approval cannot be proved, a warning locally.
    expect(byId['zeta:verify-plan'].terminalOutput).toContain('(0 errors, 1 warning)');
    expect(byId['zeta:verify-plan'].terminalOutput).toMatch(/approval\/pending$/m);
    expect(byId['beta:verify-plan'].success).toBe(false);
    expect(byId['beta:verify-plan'].terminalOutput).toMatch(
      / {2}error {2}.+ {2}plan\/placeholder$/m,
    );
    expect(byId['delta:verify-plan'].terminalOutput).toMatch(/no plan of CancelBooking/);
    expect(byId['kappa:verify-plan'].terminalOutput).toMatch(/plan\/no-such-rule/);
    expect(byId['omega:verify-plan'].terminalOutput).toMatch(/TypeError/);
    expect(readFileSync(join(root, 'reports/gamma.json'), 'utf-8')).toBe(gammaReport);
  });

  it('writes nothing to the batch process’s own streams, and leaves them as they were', async () => {
    const stdoutWrite = process.stdout.write;
    const stderrWrite = process.stderr.write;
    const written: string[] = [];
    const spy = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(spy);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(spy);
    try {
      await batch(Object.keys(INPUTS));
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }

    expect(written).toEqual([]);
    expect(process.stdout.write).toBe(stdoutWrite);
    expect(process.stderr.write).toBe(stderrWrite);
  });

  describe('on the other cores (worker threads)', () => {
    /** A thread's code from the TypeScript sources (a build runs batch-worker.js). */
    const SOURCE_WORKER = `require('@swc-node/register'); require(${JSON.stringify(
      join(__dirname, 'batch-worker.ts'),
    )});`;
    const threadsOf = (work: ConstructorParameters<typeof BatchThreads>[0], count: number) =>
      new BatchThreads(work, count, SOURCE_WORKER);
    /** What a thread is given for these tasks, as the batch gives it. */
    const work = (ids: string[], inputs = INPUTS) => ({
      root,
      nxJson: {},
      tasks: ids.map((id) => ({
        id,
        options: inputs[id],
        projectName: id.split(':')[0],
        project: context().projectsConfigurations.projects[id.split(':')[0]],
      })),
      groups: groupsOf(ids.length, 1),
      claims: new SharedArrayBuffer(4),
    });
    const all = async (threads: BatchThreads) => {
      const messages: ThreadMessage[] = [];
      for (let next = await threads.next(); next.length > 0; next = await threads.next())
        messages.push(...next);
      return messages;
    };

    it('verifies in a thread each task as the executor verifies it', async () => {
      const ids = Object.keys(INPUTS);
      // The batch's own thread takes no group here: the thread verifies every task.
      const messages = await all(threadsOf(work(ids), 1));

      expect(messages.map((message) => message.id).sort()).toEqual([...ids].sort());
      for (const message of messages) {
        const [project] = message.id.split(':');
        const prepared = prepareTask(
          INPUTS[message.id],
          { ...context(), projectName: project },
          taskConfig,
        );
        if (!('verify' in prepared)) {
          // A configuration error: the batch's thread reports it, as it prepared the task too.
          expect(message).toEqual({ id: message.id, output: '' });
        } else if (message.thrown) {
          expect(() => verifyProjectPlans(prepared.verify)).toThrow(
            'message' in message.thrown ? message.thrown.message : message.thrown.value,
          );
        } else {
          expect(message.result).toEqual(verifyProjectPlans(prepared.verify));
        }
      }
      expect(messages.find((m) => m.id === 'omega:verify-plan')?.thrown).toMatchObject({
        message: expect.any(String),
        stack: expect.stringContaining('TypeError'),
      });
      expect(messages.find((m) => m.id === 'zeta:verify-plan')?.result?.plans).toEqual([PLAN_FILE]);
    });

    it('says when a thread cannot run: the batch verifies everything itself', async () => {
      const threads = new BatchThreads(work(['zeta:verify-plan']), 1, 'throw new Error("no");');
      expect(await all(threads)).toEqual([]);
    });

    it('loses no task, and changes no output, when a thread dies in the middle of a batch', async () => {
      // A custom rule that kills the thread it runs in (process.exit ends a worker thread only),
      // and, in the batch's own thread, waits until a thread has died: so the thread surely took a
      // group, and died with it.
      write(
        'rules/thread-dies.js',
        `const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { isMainThread } = require('node:worker_threads');
const root = ${JSON.stringify(root)};
module.exports = {
  scope: 'plan',
  meta: { id: 'team/thread-dies', description: 'dies in a thread', severity: 'error', messages: {} },
  check() {
    if (!isMainThread) {
      writeFileSync(join(root, 'died'), '');
      process.exit(3);
    }
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 400 && existsSync(join(root, 'wait')) && !existsSync(join(root, 'died')); i++)
      Atomics.wait(sleep, 0, 0, 50);
  },
};
`,
      );
      const config = { customRules: ['rules/thread-dies.js'] };
      const inputs: Record<string, VerifyPlanExecutorSchema> = {};
      for (const project of PROJECTS.slice(0, 4))
        inputs[`${project}:verify-plan`] = {
          plansDir: `docs/features/${project === 'gamma' || project === 'beta' ? 'beta' : 'zeta'}`,
          config,
        };
      const ids = Object.keys(inputs);
      const expected = new Map<string, { success: boolean; output: string }>();
      // Jest's transform warns once about the rule's first loading (a JS file): not the task's.
      for (const id of [ids[0], ...ids]) {
        const saved = INPUTS[id];
        INPUTS[id] = inputs[id];
        try {
          expected.set(id, await alone(id));
        } finally {
          INPUTS[id] = saved;
        }
      }

      write('wait', '');
      const before = process.env.MJOMEET_PLAN_THREADS;
      process.env.MJOMEET_PLAN_THREADS = '1';
      const results: BatchTaskResult[] = [];
      try {
        for await (const result of runBatch(graph(ids), inputs, context(), threadsOf))
          results.push(result);
      } finally {
        if (before === undefined) delete process.env.MJOMEET_PLAN_THREADS;
        else process.env.MJOMEET_PLAN_THREADS = before;
      }

      expect(existsSync(join(root, 'died'))).toBe(true);
      expect(results.map((r) => r.task).sort()).toEqual([...ids].sort());
      for (const { task, result } of results)
        expect({ task, success: result.success, output: result.terminalOutput }).toEqual({
          task,
          ...expected.get(task),
        });
    }, 30_000);

    it('starts a thread per other core, none for a few tasks, as many as MJOMEET_PLAN_THREADS says', () => {
      expect(threadCount(2, {})).toBe(0);
      expect(threadCount(50, {})).toBeLessThanOrEqual(3);
      expect(threadCount(2, { MJOMEET_PLAN_THREADS: '1' })).toBe(1);
      expect(threadCount(50, { MJOMEET_PLAN_THREADS: '0' })).toBe(0);
      // Every task in exactly one group, in order.
      expect(groupsOf(50, 1).flat()).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(groupsOf(50, 1).length).toBeGreaterThan(3);
    });
  });

  it('reports each task as soon as it is verified, dependencies first', async () => {
    const g = graph(['zeta:verify-plan', 'beta:verify-plan']);
    g.dependencies['zeta:verify-plan'] = ['beta:verify-plan'];

    expect(tasksInOrder(g).map((t) => t.id)).toEqual(['beta:verify-plan', 'zeta:verify-plan']);

    const iterator = verifyPlanBatch(
      graph(['zeta:verify-plan', 'beta:verify-plan']),
      INPUTS,
      {},
      context(),
    );
    const first = await iterator.next();
    expect(first.value).toMatchObject({ task: 'zeta:verify-plan', result: { success: true } });
    await iterator.return(undefined);
  });
});
