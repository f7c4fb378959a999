/**
 * The Nx projects of a workspace as Nx itself finds them from their files: a folder with a
 * project.json, and a package.json that the package manager's workspaces include (or that sits
 * beside a project.json). Only what the plan gate needs is read: root, name and tags.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface WorkspaceProject {
  /** The file the project is reported under: its project.json, else its package.json. */
  readonly configFile: string;
  readonly root: string;
  readonly name: string;
  readonly tags: readonly string[];
}

interface ProjectJson {
  name?: unknown;
  tags?: unknown;
}
interface PackageJson {
  name?: unknown;
  nx?: { name?: unknown; tags?: unknown };
}

/**
 * `files` are workspace-relative project.json and package.json paths (what createNodesV2 is
 * given). A file that cannot be read or parsed makes no project, as it makes none for Nx.
 */
export function workspaceProjects(
  workspaceRoot: string,
  files: readonly string[],
): WorkspaceProject[] {
  const projectJsons = new Map<string, string>();
  const packageJsons = new Map<string, string>();
  for (const file of files) {
    const root = dirname(file).replace(/\\/g, '/');
    if (basename(file) === 'project.json') projectJsons.set(root, file);
    else if (basename(file) === 'package.json') packageJsons.set(root, file);
  }
  const inWorkspaces = packageManagerWorkspacesMatcher(workspaceRoot);
  const projects: WorkspaceProject[] = [];
  for (const root of new Set([...projectJsons.keys(), ...packageJsons.keys()])) {
    const projectFile = projectJsons.get(root);
    const packageFile = packageJsons.get(root);
    if (!projectFile && (!packageFile || !inWorkspaces(packageFile))) continue;
    const projectJson = projectFile ? readJson<ProjectJson>(workspaceRoot, projectFile) : undefined;
    const packageJson = packageFile ? readJson<PackageJson>(workspaceRoot, packageFile) : undefined;
    if (!projectJson && !packageJson) continue;
    const name =
      asString(projectJson?.name) ??
      asString(packageJson?.nx?.name) ??
      asString(packageJson?.name) ??
      (root === '.' ? undefined : basename(root));
    if (!name) continue;
    projects.push({
      configFile: (projectJson ? projectFile : packageFile)!,
      root,
      name,
      tags: [...asStrings(projectJson?.tags), ...asStrings(packageJson?.nx?.tags)],
    });
  }
  return projects;
}

/**
 * Whether a package.json is in the package manager's workspaces, with Nx's own reading of
 * npm/yarn/bun `workspaces`, pnpm-workspace.yaml and lerna.json, and Nx's matching rules.
 */
function packageManagerWorkspacesMatcher(workspaceRoot: string): (file: string) => boolean {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { getGlobPatternsFromPackageManagerWorkspaces } =
    require('nx/src/devkit-internals') as typeof import('nx/src/devkit-internals');
  const { Minimatch } = require('minimatch') as typeof import('minimatch');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const patterns = getGlobPatternsFromPackageManagerWorkspaces(workspaceRoot);
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  const negative = patterns.filter((pattern) => pattern.startsWith('!'));
  // As Nx: negative patterns alone (or beside the root's own) exclude from every package.json.
  if (negative.length > 0 && (positive.length === 0 || positive.join() === 'package.json'))
    positive.push('**/package.json');
  const include = positive.map((pattern) => new Minimatch(pattern));
  const exclude = negative.map((pattern) => new Minimatch(pattern));
  return (file) =>
    (positive.includes(file) || include.some((matcher) => matcher.match(file))) &&
    !negative.includes(`!${file}`) &&
    exclude.every((matcher) => matcher.match(file));
}

function readJson<T>(workspaceRoot: string, file: string): T | undefined {
  const path = join(workspaceRoot, file);
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf-8')) as unknown;
    return value && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
