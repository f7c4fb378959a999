import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/**
 * Where `--outputFile` writes: an absolute path as it is, a relative one from the workspace root
 * (not from the folder nx was started in, so that one command writes one file from anywhere in
 * the workspace).
 */
export function reportFilePath(workspaceRoot: string, outputFile: string): string {
  return resolve(workspaceRoot, outputFile);
}

export function isInsideWorkspace(workspaceRoot: string, path: string): boolean {
  const fromRoot = relative(workspaceRoot, path);
  return fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
}

/**
 * Nx caches the target's `outputs` (`{options.outputFile}`) and fails a cached task whose output
 * is outside the workspace ("Cache output is outside the workspace"), after the task has run.
 * Said before it happens, with the ways out.
 */
export function outsideWorkspaceWarning(outputFile: string): string {
  return `--outputFile=${outputFile} is outside the workspace. The report is written there, but Nx cannot cache a file outside the workspace and then fails the task ("Cache output is outside the workspace"). Run with --skip-nx-cache, or give a path inside the workspace (relative to its root, e.g. reports/plans.json).`;
}

/**
 * Writes the report and its missing parent folders. Returns why it could not, in words that name
 * the option and the path, or undefined when it was written.
 */
export function writeReportFile(
  path: string,
  outputFile: string,
  report: string,
): string | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
    return undefined;
  } catch (error) {
    const where = path === outputFile ? outputFile : `${outputFile} (${path})`;
    return `Cannot write the report to --outputFile=${where}: ${reason(error)}. Give the path of a file whose folder can be created and written.`;
  }
}

function reason(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EISDIR':
      return 'it is a folder';
    // A folder to create whose name is taken by a file, or a path under a regular file.
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
