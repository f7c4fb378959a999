import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, npmPack } from './packages';
import { assertSucceeded, RunResult, tail } from './process';
import { npmInstall, Workspace, writeWorkspaceFiles } from './workspace';

/**
 * A user's new workspace in a temp folder: the packed plugin and kernel installed from their
 * tarballs, git initialised and everything committed. Remove `temp` afterwards.
 */
export async function freshWorkspace(prefix: string): Promise<{ temp: string; ws: Workspace }> {
  const temp = makeTempDir(prefix);
  const tarballs = join(temp, 'tarballs');
  mkdirSync(tarballs);
  const [plan, ddd] = await Promise.all([npmPack('plan', tarballs), npmPack('ddd', tarballs)]);
  const root = join(temp, 'workspace');
  mkdirSync(root);
  writeWorkspaceFiles(root, { plan: plan.tarball, ddd: ddd.tarball });
  await npmInstall(root);
  const ws = new Workspace(root);
  assertSucceeded(await ws.git(['init', '-q', '-b', 'main']));
  await ws.commitAll('a new workspace');
  return { temp, ws };
}

/** Fails with the command's output, so that a red step says what nx said. */
export function expectExit(result: RunResult, expected: 'success' | 'failure'): void {
  const ok = expected === 'success' ? result.code === 0 : result.code !== 0 && result.code !== null;
  if (!ok) {
    throw new Error(
      `expected \`${result.command}\` to ${expected === 'success' ? 'succeed' : 'fail'}, it exited ${result.code} after ${result.ms} ms:\n${tail(result.output, 80)}`,
    );
  }
}
