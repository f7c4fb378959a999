/**
 * A thread of a verify-plan batch (batch-threads.ts starts it): it takes groups of tasks from the
 * batch's shared counter, as the batch's own thread does, and verifies each task exactly as the
 * executor would, with its configuration resolved here (a resolved configuration holds the rules'
 * code and cannot be sent between threads). It sends each task's result, and whatever the task
 * wrote meanwhile (a custom rule's console.log, say), for the batch's thread to report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExecutorContext } from '@nx/devkit';
import { captureOutput, sharedConfigs, verificationsOf } from './batch';
import type { ThreadMessage, ThreadTask, ThreadWork } from './batch-threads';
import { prepareTask } from './executor';

const work = workerData as ThreadWork;
const claims = new Int32Array(work.claims);
const configOf = sharedConfigs();
const port = parentPort;
if (!port) throw new Error('batch-worker.js is run by a verify-plan batch, in a worker thread.');
const send = (message: ThreadMessage) => port.postMessage(message);

async function verifyGroups(): Promise<void> {
  for (let group = Atomics.add(claims, 0, 1); group < work.groups.length; ) {
    const tasks = work.groups[group].map((index) => work.tasks[index]);
    const verifications = verificationsOf(
      tasks.map((task) => prepareTask(task.options, contextOf(task), configOf)),
    );
    for (const [index, { id }] of tasks.entries()) {
      const verification = verifications[index];
      // A task this thread cannot prepare is reported by the batch's thread, which prepared it too.
      if (!verification) {
        send({ id, output: '' });
        continue;
      }
      let result: ThreadMessage['result'];
      let thrown: ThreadMessage['thrown'];
      const { output } = await captureOutput(async () => {
        try {
          result = verification();
        } catch (error) {
          thrown =
            error instanceof Error
              ? { message: error.message, stack: error.stack }
              : { value: String(error) };
        }
        return { success: true };
      });
      send({ id, output, result, thrown });
    }
    group = Atomics.add(claims, 0, 1);
  }
}

/** The executor context the task would get in a process of its own, as far as it reads it. */
function contextOf(task: ThreadTask): ExecutorContext {
  return {
    root: work.root,
    cwd: work.root,
    isVerbose: false,
    projectName: task.projectName,
    nxJsonConfiguration: work.nxJson,
    projectsConfigurations: {
      version: 2,
      projects: task.project ? { [task.projectName]: task.project } : {},
    },
  } as ExecutorContext;
}

// Whatever throws here stops the thread: the batch's thread verifies what it did not report.
void verifyGroups();
