import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsTree } from 'nx/src/generators/tree';
import { featureGenerator } from '../generator';
import { ABANDONED_AFTER_MS, lockModule } from './module-lock';
import { UserInputError } from './names';

// Nx's jest set-up, which the module project's creation composes, reads the project graph to
// register its plugin; a unit test has no workspace on disk to compute one from.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(async () => ({ nodes: {}, dependencies: {} })),
}));

const REPO = join(__dirname, '../../../../../..');
const LOCKS = '.nx/workspace-data/mjomeet-plan';
const LOCK_FILE = `${LOCKS}/feature-meetings.lock`;
const CHANGED_FILE = `${LOCKS}/feature-meetings.changed`;

let root: string;
let tree: Tree;

const path = (file: string) => join(root, file);
const readJsonFile = (file: string) => JSON.parse(readFileSync(path(file), 'utf-8'));

function writeFile(file: string, content: string): void {
  mkdirSync(join(path(file), '..'), { recursive: true });
  writeFileSync(path(file), content);
}

/** A lock as another process leaves it. */
function lockOf(pid: number, host = hostname(), since = new Date()): void {
  writeFile(LOCK_FILE, JSON.stringify({ pid, host, since: since.toISOString() }));
}

/** A node process that runs `code` with this package's TypeScript loadable; answers its pid. */
function node(code: string): { pid: number; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', code], {
    cwd: REPO,
    stdio: 'ignore',
  });
  return {
    pid: child.pid!,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
  };
}

const takeLockIn = (dir: string) =>
  `require(${JSON.stringify(join(__dirname, 'module-lock.ts'))}).lockModule({ root: ${JSON.stringify(dir)} }, 'meetings');`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'plan-module-lock-'));
  tree = new FsTree(root, false);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('lockModule', () => {
  it('needs no lock for a tree that is not on disk', () => {
    expect(lockModule(createTreeWithEmptyWorkspace(), 'meetings')).toBeUndefined();
  });

  it("takes the lock in Nx's workspace data folder, and tells later runs once it has written", () => {
    const lock = lockModule(tree, 'meetings')!;

    expect(readJsonFile(LOCK_FILE)).toMatchObject({ pid: process.pid, host: hostname() });
    expect(existsSync(path(CHANGED_FILE))).toBe(false);

    lock.releaseAfterWrite();

    expect(existsSync(path(LOCK_FILE))).toBe(false);
    expect(readJsonFile(CHANGED_FILE)).toMatchObject({ pid: process.pid });
  });

  it('releases a run that wrote nothing without telling later runs', () => {
    lockModule(tree, 'meetings')!.releaseUnchanged();

    expect(existsSync(path(LOCK_FILE))).toBe(false);
    expect(existsSync(path(CHANGED_FILE))).toBe(false);
  });

  it('honours NX_WORKSPACE_DATA_DIRECTORY', () => {
    process.env['NX_WORKSPACE_DATA_DIRECTORY'] = 'elsewhere/data';
    try {
      const lock = lockModule(tree, 'meetings')!;

      expect(existsSync(path('elsewhere/data/mjomeet-plan/feature-meetings.lock'))).toBe(true);
      lock.releaseUnchanged();
    } finally {
      delete process.env['NX_WORKSPACE_DATA_DIRECTORY'];
    }
  });

  it('refuses while another running process holds the module, leaving its lock alone', () => {
    lockOf(process.ppid);
    const held = readFileSync(path(LOCK_FILE), 'utf-8');

    expect(() => lockModule(tree, 'meetings')).toThrow(UserInputError);
    expect(() => lockModule(tree, 'meetings')).toThrow(
      new RegExp(
        `^Another run of @mjomeet/plan:feature is changing the module "meetings" right now \\(process ${process.ppid} on .+, since .+\\)\\. Nothing was written\\. Run this command again when that run has finished\\. If no other run is going on, delete \\.nx/workspace-data/mjomeet-plan/feature-meetings\\.lock\\.$`,
      ),
    );
    expect(readFileSync(path(LOCK_FILE), 'utf-8')).toBe(held);
  });

  it('locks each module on its own', () => {
    lockOf(process.ppid);

    const other = lockModule(tree, 'billing')!;

    expect(existsSync(path(`${LOCKS}/feature-billing.lock`))).toBe(true);
    other.releaseUnchanged();
  });

  it('takes over the lock of a process that was killed while it held it', async () => {
    const killed = node(`${takeLockIn(root)} setInterval(() => undefined, 1000);`);
    const deadline = Date.now() + 20_000;
    while (!existsSync(path(LOCK_FILE)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readJsonFile(LOCK_FILE).pid).toBe(killed.pid);
    process.kill(killed.pid, 'SIGKILL');
    await killed.exited;

    lockModule(tree, 'meetings')!.releaseUnchanged();

    expect(existsSync(path(LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process of this machine that has ended', () => {
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    lockOf(ended);

    const lock = lockModule(tree, 'meetings')!;

    expect(readJsonFile(LOCK_FILE).pid).toBe(process.pid);
    lock.releaseUnchanged();
  });

  it('takes over a lock older than a run can take, whoever holds it', () => {
    lockOf(process.ppid, 'another-machine');
    const old = (Date.now() - ABANDONED_AFTER_MS - 1000) / 1000;
    utimesSync(path(LOCK_FILE), old, old);

    lockModule(tree, 'meetings')!.releaseUnchanged();

    expect(existsSync(path(LOCK_FILE))).toBe(false);
  });

  it('releases its lock when its process exits without running the callback (a dry run)', async () => {
    const dryRun = node(takeLockIn(root));

    expect(await dryRun.exited).toBe(0);
    expect(existsSync(path(LOCK_FILE))).toBe(false);
    // It cannot tell whether its changes were written: later runs are told they may have been.
    expect(readJsonFile(CHANGED_FILE).pid).toBe(dryRun.pid);
  });

  it('refuses when another process changed the module after this one started', () => {
    writeFile(
      CHANGED_FILE,
      JSON.stringify({ pid: process.ppid, host: hostname(), since: new Date().toISOString() }),
    );

    expect(() => lockModule(tree, 'meetings')).toThrow(
      /^Another run of @mjomeet\/plan:feature changed the module "meetings" while this one was starting, so this one may have read the module as it was before\. Nothing was written\. Run this command again\.$/,
    );
    expect(existsSync(path(LOCK_FILE))).toBe(false);
  });

  it('proceeds when the module was changed before this process started', () => {
    writeFile(
      CHANGED_FILE,
      JSON.stringify({ pid: process.ppid, host: hostname(), since: '2000-01-01T00:00:00.000Z' }),
    );

    lockModule(tree, 'meetings')!.releaseUnchanged();
  });
});

describe('the feature generator on disk, with the lock', () => {
  const SCHEMA = { module: 'meetings', useCase: 'ScheduleMeeting', skipCode: true };

  beforeEach(() => {
    writeFile('package.json', JSON.stringify({ name: 'lock-workspace', private: true }));
    writeFile('nx.json', JSON.stringify({ analytics: false }));
  });

  it('refuses, writing nothing, while another run holds the module', async () => {
    lockOf(process.ppid);

    await expect(featureGenerator(tree, SCHEMA)).rejects.toThrow(
      /is changing the module "meetings"/,
    );
    expect(tree.listChanges()).toEqual([]);
  });

  it('holds the lock until Nx has written its changes and runs its callback', async () => {
    const callback = await featureGenerator(tree, SCHEMA);

    expect(existsSync(path(LOCK_FILE))).toBe(true);
    expect(typeof callback).toBe('function');
    await callback!();
    expect(existsSync(path(LOCK_FILE))).toBe(false);
  });

  it('releases the lock when it refuses its input', async () => {
    await expect(featureGenerator(tree, { ...SCHEMA, useCase: 'new' })).rejects.toThrow(
      UserInputError,
    );

    expect(existsSync(path(LOCK_FILE))).toBe(false);
    expect(existsSync(path(CHANGED_FILE))).toBe(false);
  });
});
