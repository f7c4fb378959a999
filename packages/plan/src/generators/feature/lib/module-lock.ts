import type { Tree } from '@nx/devkit';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { UserInputError } from './names';

/**
 * Why a lock: Nx runs a generator on an in-memory tree and writes it to disk only after the
 * generator returns. Two runs on one module at once would each read the module before the other
 * wrote it, and the second to write would silently drop the first's aggregate method and barrel
 * exports. So a run holds a lock on its module from before it reads anything until Nx has written
 * its changes (its callback runs after that), and a second run is refused, not made to wait: Nx
 * reads the workspace's project list before the generator runs, so a run that waited would work
 * from a stale view of the module anyway.
 */
export interface ModuleLock {
  /** After Nx has written the run's changes: lets the next run in, telling it the module changed. */
  releaseAfterWrite(): void;
  /** The run failed before anything was written. */
  releaseUnchanged(): void;
}

/** A lock older than this is abandoned whatever its process: a run takes seconds. */
export const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** What a lock file holds, to tell whether its process still runs. */
interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * The locks this process holds, with their release, run when it exits: after a dry run (Nx runs
 * no callback then), or for a program that runs the generator itself and skips the callback.
 */
const held = new Map<string, () => void>();
let exitHandlerInstalled = false;

/**
 * Takes the lock of a module for one generator run, or refuses with a UserInputError when another
 * process holds it, or changed the module since this process started. Answers undefined for a
 * tree that is not on disk (a test's virtual tree): nothing to lock.
 */
export function lockModule(tree: Tree, module: string): ModuleLock | undefined {
  if (!existsSync(tree.root)) return undefined;
  const directory = lockDirectory(tree.root);
  mkdirSync(directory, { recursive: true });
  const base = join(directory, `feature-${fileSafe(module)}`);
  const lockFile = `${base}.lock`;
  const changedFile = `${base}.changed`;
  const shown = relative(tree.root, lockFile).split('\\').join('/');

  const token = acquire(lockFile, module, shown);
  const changed = parse<Holder>(readQuietly(changedFile));
  if (changed && changed.pid !== process.pid && Date.parse(changed.since) >= processStartedAt()) {
    unlinkQuietly(lockFile);
    throw new UserInputError(
      `Another run of @mjomeet/plan:feature changed the module "${module}" while this one was starting, so this one may have read the module as it was before. Nothing was written. Run this command again.`,
    );
  }

  const release = (changedModule: boolean) => {
    if (held.get(lockFile) !== releaseAtExit) return;
    held.delete(lockFile);
    if (changedModule) writeQuietly(changedFile, JSON.stringify(holder()));
    // Only its own lock: a later run of this process may have taken the file over.
    if (readQuietly(lockFile) === token) unlinkQuietly(lockFile);
  };
  // At exit the run may have written (a caller that flushed and skipped the callback): say so.
  const releaseAtExit = () => release(true);
  held.set(lockFile, releaseAtExit);
  installExitHandler();
  return { releaseAfterWrite: () => release(true), releaseUnchanged: () => release(false) };
}

/** Creates the lock file, or refuses; answers what it wrote, to recognise its own lock later. */
function acquire(lockFile: string, module: string, shown: string): string {
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = JSON.stringify(holder());
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, token);
      closeSync(fd);
      return token;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const raw = readQuietly(lockFile);
    const current = parse<Holder>(raw);
    if (!isAbandoned(lockFile, current)) {
      throw new UserInputError(
        `Another run of @mjomeet/plan:feature is changing the module "${module}" right now${current ? ` (process ${current.pid} on ${current.host}, since ${current.since})` : ''}. Nothing was written. Run this command again when that run has finished. If no other run is going on, delete ${shown}.`,
      );
    }
    // Between the read and the unlink another process may take over the same abandoned lock;
    // reading again just before the unlink narrows that window to microseconds.
    if (readQuietly(lockFile) === raw) unlinkQuietly(lockFile);
  }
  throw new UserInputError(
    `Could not take ${shown}: other runs of @mjomeet/plan:feature keep taking it. Run this command again.`,
  );
}

/**
 * Abandoned: left by a process of this machine that has ended (killed, or crashed before it could
 * clean up); by this very process (a program that runs the generator itself and skipped the
 * callback: it orders its own runs); or older than any run takes, whoever left it.
 */
function isAbandoned(lockFile: string, current: Holder | undefined): boolean {
  const age = Date.now() - (mtime(lockFile) ?? Date.now());
  if (age > ABANDONED_AFTER_MS) return true;
  // Unreadable: its process is still writing it, or died doing so; give it a moment.
  if (!current) return age > 10_000;
  if (current.pid === process.pid && held.has(lockFile)) return true;
  return current.host === hostname() && !isRunning(current.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Nx's workspace data folder, which Nx workspaces git-ignore; honours Nx's own variables. */
function lockDirectory(root: string): string {
  const configured =
    process.env['NX_WORKSPACE_DATA_DIRECTORY'] ?? process.env['NX_PROJECT_GRAPH_CACHE_DIRECTORY'];
  return join(
    configured ? resolve(root, configured) : join(root, '.nx', 'workspace-data'),
    'mjomeet-plan',
  );
}

/** A module name as a file name: a name too long for one is shortened and made unique by a hash. */
function fileSafe(module: string): string {
  if (module.length <= 100) return module;
  return `${module.slice(0, 80)}-${createHash('sha256').update(module).digest('hex').slice(0, 16)}`;
}

function holder(): Holder {
  return { pid: process.pid, host: hostname(), since: new Date().toISOString() };
}

function processStartedAt(): number {
  return Date.now() - process.uptime() * 1000;
}

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.once('exit', () => {
    for (const release of [...held.values()]) release();
  });
}

function parse<T>(text: string | undefined): T | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

function readQuietly(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf-8');
  } catch {
    return undefined;
  }
}

function mtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** At exit the workspace may be gone (a test's temporary folder): nothing to tell then. */
function writeQuietly(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch {
    // Nowhere to write.
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already.
  }
}
