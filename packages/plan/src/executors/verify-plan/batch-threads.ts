/**
 * The other cores of a verify-plan batch: worker threads (batch-worker.ts) that verify groups of
 * the batch's tasks while the batch's own thread verifies others. Tasks are split in groups that
 * every thread takes in turn from one shared counter, so that a slow module does not hold the
 * others back; a group's plans and histories are read together (verifyProjectsPlans).
 *
 * A thread that cannot start, or stops before it has reported every task it took, costs time,
 * never a task: the batch's thread verifies whatever was not reported.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NxJsonConfiguration, ProjectConfiguration } from '@nx/devkit';
import type { VerifyProjectPlansResult } from '../../plan/verify-project';
import type { VerifyPlanExecutorSchema } from './schema';

/** A task as a thread gets it: what prepareTask reads of its options and context. */
export interface ThreadTask {
  readonly id: string;
  readonly options: VerifyPlanExecutorSchema;
  readonly projectName: string;
  readonly project?: Pick<ProjectConfiguration, 'root' | 'tags'>;
}

/** What a thread is started with. */
export interface ThreadWork {
  readonly root: string;
  readonly nxJson?: NxJsonConfiguration;
  readonly tasks: readonly ThreadTask[];
  /** Each group: indexes into `tasks`. */
  readonly groups: ReadonlyArray<readonly number[]>;
  /** One Int32: the next group to take, for every thread. */
  readonly claims: SharedArrayBuffer;
}

/**
 * A task verified by a thread: its result, or what it threw, and what it wrote meanwhile. Neither
 * result nor thrown: the thread could not prepare it, and the batch's thread verifies it.
 */
export interface ThreadMessage {
  readonly id: string;
  readonly output: string;
  readonly result?: VerifyProjectPlansResult;
  /** An Error's message and stack, or what else was thrown, as text. */
  readonly thrown?:
    | { readonly message: string; readonly stack?: string }
    | { readonly value: string };
}

/** Below this many tasks a thread's start (loading the plan model again) is not worth it. */
const MIN_TASKS_FOR_THREADS = 4;
/** More threads than this add start-up and memory for little: verifying is partly git's time. */
const MAX_THREADS = 3;
/** How many groups each thread should take, on average: enough to even out slow modules. */
const GROUPS_PER_THREAD = 3;
/** The most tasks in a group: what verifyProjectsPlans reads together. */
const MAX_GROUP = 10;

/**
 * How many threads to start besides the batch's own: one per other core, none for a few tasks.
 * MJOMEET_PLAN_THREADS sets the number (0: none), for a machine shared with other work.
 */
export function threadCount(tasks: number, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.MJOMEET_PLAN_THREADS?.trim();
  if (asked && /^\d+$/.test(asked)) return Math.min(Number(asked), MAX_THREADS);
  if (tasks < MIN_TASKS_FOR_THREADS) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, MAX_THREADS));
}

/** The tasks (by index) in groups, in order, for `threads` threads besides the batch's own. */
export function groupsOf(tasks: number, threads: number): number[][] {
  const size = Math.max(
    1,
    Math.min(MAX_GROUP, Math.ceil(tasks / ((threads + 1) * GROUPS_PER_THREAD))),
  );
  const groups: number[][] = [];
  for (let start = 0; start < tasks; start += size)
    groups.push(Array.from({ length: Math.min(size, tasks - start) }, (_, i) => start + i));
  return groups;
}

/** Threads started, and the task results they sent, in order. */
export class BatchThreads {
  private readonly queue: ThreadMessage[] = [];
  private readonly workers: Worker[] = [];
  private running = 0;
  private wake: (() => void) | undefined;

  /** Starts `count` threads on `work`; `code` is what each runs (by default batch-worker). */
  constructor(work: ThreadWork, count: number, code: string | undefined = workerCode()) {
    if (code === undefined) return;
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        // This thread's environment as it is now (CI=… decides what an unproved approval is).
        worker = new Worker(code, { eval: true, workerData: work, env: { ...process.env } });
      } catch {
        break; // No thread: the batch's own verifies the rest.
      }
      this.running++;
      worker.on('message', (message: ThreadMessage) => {
        this.queue.push(message);
        this.notify();
      });
      // An error stops the thread; 'exit' follows it.
      worker.on('error', () => undefined);
      worker.on('exit', () => {
        this.running--;
        this.notify();
      });
      this.workers.push(worker);
    }
  }

  /**
   * The results received since the last call, once the threads' messages that arrived have been
   * let in (the batch's thread, busy verifying, lets them in between its own tasks).
   */
  async poll(): Promise<ThreadMessage[]> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.queue.splice(0);
  }

  /** Waits for the next results; none when every thread has stopped. */
  async next(): Promise<ThreadMessage[]> {
    while (this.queue.length === 0 && this.running > 0) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.queue.splice(0);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/**
 * The code a thread runs: the built batch-worker.js. Run from the TypeScript sources (the unit
 * tests), there is none, and the batch verifies everything itself; the tests give the code.
 */
function workerCode(): string | undefined {
  const built = join(__dirname, 'batch-worker.js');
  return existsSync(built) ? `require(${JSON.stringify(built)});` : undefined;
}
