/**
 * verify-plan in Nx's batch mode: every verify-plan task of a run in one process (executors.json
 * declares `batchImplementation` and `preferBatch`), instead of one process per task that loads
 * Nx, the executor and the plan model before verifying a module's plans with cold code.
 *
 * Nx still hashes, caches and reports each task on its own: this yields one result per task, as
 * soon as it is done, with the task's terminal output. Each task runs exactly what the executor
 * runs, and what it writes to stdout and stderr is captured as that task's output instead of
 * going to the batch process's streams, so that the output Nx prints, caches and replays for a
 * task is the same with batching as without it.
 *
 * The batch uses the machine's other cores (batch-threads.ts): threads take groups of tasks as
 * this thread does, and this thread reports their results between its own.
 */
import type { ExecutorContext, Task, TaskGraph } from '@nx/devkit';
import { ConfigError, ResolvedConfig } from '../../plan/config/resolve';
import {
  verifyProjectPlans,
  verifyProjectsPlans,
  VerifyProjectPlansResult,
} from '../../plan/verify-project';
import {
  BatchThreads,
  groupsOf,
  ThreadMessage,
  ThreadTask,
  ThreadWork,
  threadCount,
} from './batch-threads';
import { PreparedTask, prepareTask, reportTask, taskConfig } from './executor';
import type { VerifyPlanExecutorSchema } from './schema';

/** What Nx expects for each task of a batch (`BatchExecutorTaskResult`). */
export interface BatchTaskResult {
  readonly task: string;
  readonly result: {
    readonly success: boolean;
    readonly terminalOutput: string;
    readonly startTime: number;
    readonly endTime: number;
  };
}

export default function verifyPlanBatch(
  taskGraph: TaskGraph,
  inputs: Record<string, VerifyPlanExecutorSchema>,
  _overrides: VerifyPlanExecutorSchema,
  context: ExecutorContext,
): AsyncGenerator<BatchTaskResult> {
  return runBatch(taskGraph, inputs, context);
}

/** The batch, with the threads it starts given by `startThreads` (the tests give their code). */
export async function* runBatch(
  taskGraph: TaskGraph,
  inputs: Record<string, VerifyPlanExecutorSchema>,
  context: ExecutorContext,
  startThreads = (work: ThreadWork, count: number) => new BatchThreads(work, count),
): AsyncGenerator<BatchTaskResult> {
  const configOf = sharedConfigs();
  const tasks = tasksInOrder(taskGraph).map((task) => {
    const options = inputs[task.id] ?? {};
    return { task, options, prepared: prepareTask(options, taskContext(task, context), configOf) };
  });
  const threads = threadCount(tasks.length);
  const groups = groupsOf(tasks.length, threads);
  const claims = new SharedArrayBuffer(4);
  const others = startThreads(
    {
      root: context.root,
      nxJson: context.nxJsonConfiguration,
      tasks: tasks.map(({ task, options }) => threadTask(task, options, context)),
      groups,
      claims,
    },
    threads,
  );
  const reported = new Set<string>();
  /** A task's result as Nx wants it: the executor's report, with what the task wrote captured. */
  const report = async (index: number, verify: VerifyWith, written = '') => {
    const { task, prepared } = tasks[index];
    reported.add(task.id);
    const startTime = Date.now();
    const { success, output } = await captureOutput(async () => {
      if (written) process.stdout.write(written);
      return reportTask(prepared, verify);
    });
    return {
      task: task.id,
      result: { success, terminalOutput: output, startTime, endTime: Date.now() },
    };
  };
  const indexOf = new Map(tasks.map(({ task }, index) => [task.id, index]));
  const reportFromThread = (message: ThreadMessage) => {
    const index = indexOf.get(message.id);
    if (index === undefined || reported.has(message.id)) return undefined;
    return report(index, verifiedBy(message), message.output);
  };

  try {
    // This thread takes groups as the others do; between its own tasks it reports theirs.
    const counter = new Int32Array(claims);
    for (let group = Atomics.add(counter, 0, 1); group < groups.length; ) {
      const members = groups[group];
      const verifications = verificationsOf(members.map((index) => tasks[index].prepared));
      for (const [position, index] of members.entries()) {
        yield await report(index, verifications[position] ?? verifyProjectPlans);
        for (const message of await others.poll()) {
          const result = await reportFromThread(message);
          if (result) yield result;
        }
      }
      group = Atomics.add(counter, 0, 1);
    }
    // The other threads' last tasks, as they come.
    while (reported.size < tasks.length) {
      const messages = await others.next();
      if (messages.length === 0) break;
      for (const message of messages) {
        const result = await reportFromThread(message);
        if (result) yield result;
      }
    }
    // Whatever a thread that stopped did not report is verified here.
    for (const [index, { task }] of tasks.entries())
      if (!reported.has(task.id)) yield await report(index, verifyProjectPlans);
  } finally {
    await others.stop();
  }
}

type VerifyWith = Parameters<typeof reportTask>[1];

/**
 * The verification of each task of a group, its modules' plans and histories read together;
 * none for a task that could not be prepared (reportTask reports its error).
 */
export function verificationsOf(
  prepared: readonly PreparedTask[],
): Array<(() => VerifyProjectPlansResult) | undefined> {
  const verifications = verifyProjectsPlans(
    prepared.flatMap((task) => ('verify' in task ? [task.verify] : [])),
  );
  let next = 0;
  return prepared.map((task) => ('verify' in task ? verifications[next++] : undefined));
}

/** The verification a thread made of a task, as reportTask runs one: its result, or its throw. */
function verifiedBy(message: ThreadMessage): VerifyWith {
  const { result, thrown } = message;
  if (thrown && 'value' in thrown)
    return () => {
      throw thrown.value;
    };
  if (thrown)
    return () => {
      throw Object.assign(new Error(thrown.message), { stack: thrown.stack });
    };
  // Neither: the thread could not prepare the task; this thread verifies it.
  return result ? () => result : verifyProjectPlans;
}

/** What a thread needs of a task to prepare it as prepareTask does here. */
function threadTask(
  task: Task,
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
): ThreadTask {
  const projectName = task.target.project;
  const project = context.projectsConfigurations?.projects[projectName];
  return {
    id: task.id,
    options,
    projectName,
    project: project ? { root: project.root, tags: project.tags } : undefined,
  };
}

/**
 * The tasks, dependencies first (verify-plan tasks do not depend on each other, but a batch is a
 * task graph), in the order Nx listed them otherwise.
 */
export function tasksInOrder(taskGraph: TaskGraph): Task[] {
  const ordered: Task[] = [];
  const done = new Set<string>();
  const visit = (id: string, path: Set<string>) => {
    if (done.has(id) || path.has(id) || !taskGraph.tasks[id]) return;
    path.add(id);
    for (const dependency of taskGraph.dependencies[id] ?? []) visit(dependency, path);
    done.add(id);
    ordered.push(taskGraph.tasks[id]);
  };
  for (const id of Object.keys(taskGraph.tasks)) visit(id, new Set());
  return ordered;
}

/** The context Nx gives the executor when it runs the task in a process of its own. */
export function taskContext(task: Task, context: ExecutorContext): ExecutorContext {
  const { project, target, configuration } = task.target;
  return {
    ...context,
    projectName: project,
    targetName: target,
    configurationName: configuration,
    target: context.projectsConfigurations?.projects[project]?.targets?.[target],
  };
}

/**
 * Each distinct configuration is validated, and its custom rules loaded, once for the batch:
 * the inferred targets all carry the same plugin options. A configuration error is kept too, so
 * that every task that has it reports it as the executor would.
 */
export function sharedConfigs(): typeof taskConfig {
  const resolved = new Map<string, ResolvedConfig | ConfigError>();
  return (options, context) => {
    const key = JSON.stringify(options.config ?? null);
    let config = resolved.get(key);
    if (!config) {
      try {
        config = taskConfig(options, context);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        config = error;
      }
      resolved.set(key, config);
    }
    if (config instanceof ConfigError) throw config;
    return config;
  };
}

type Write = typeof process.stdout.write;

/**
 * Runs a task with everything it writes to stdout and stderr captured, in order, as one text:
 * what Nx records as the terminal output of a task that runs in a process of its own. The
 * streams are restored afterwards, also when the task throws; a task that throws fails with its
 * stack as output, as its process would, and the batch goes on.
 */
export async function captureOutput(
  run: () => Promise<{ success: boolean }>,
): Promise<{ success: boolean; output: string }> {
  const chunks: string[] = [];
  const capture = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
    chunks.push(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(encoding ?? 'utf-8'),
    );
    const callback = rest.find((arg) => typeof arg === 'function') as
      | ((error?: Error | null) => void)
      | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as Write;
  const streams = [process.stdout, process.stderr];
  const own = streams.map((stream) => Object.prototype.hasOwnProperty.call(stream, 'write'));
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) stream.write = capture;
  try {
    const { success } = await run();
    return { success, output: chunks.join('') };
  } catch (error) {
    chunks.push(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return { success: false, output: chunks.join('') };
  } finally {
    streams.forEach((stream, i) => {
      if (own[i]) stream.write = writes[i];
      else delete (stream as { write?: Write }).write;
    });
  }
}
