/**
 * The packages under test, as a user gets them: `npm pack` of the build output.
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertSucceeded, run, userEnv } from './process';

/** This repository's root (packages/plan-e2e/src/support → ../../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

export const DIST = {
  plan: join(REPO_ROOT, 'dist', 'packages', 'plan'),
  ddd: join(REPO_ROOT, 'dist', 'packages', 'ddd'),
} as const;

export type PackageKey = keyof typeof DIST;

/** The Nx version the plugin is tested with; nx, @nx/devkit, @nx/js and @nx/jest alike. */
export const NX_VERSION = '23.2.1';

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface PackResult {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly files: readonly PackedFile[];
}

/** The built package's folder; fails with a hint when the build has not run. */
export function distFolder(key: PackageKey): string {
  const folder = DIST[key];
  if (!existsSync(join(folder, 'package.json'))) {
    throw new Error(
      `${folder} has no package.json: build first (nx e2e plan-e2e builds plan and ddd before the suite).`,
    );
  }
  return folder;
}

export function readDistManifest(key: PackageKey): PackageManifest {
  return JSON.parse(
    readFileSync(join(distFolder(key), 'package.json'), 'utf-8'),
  ) as PackageManifest;
}

/**
 * `npm pack` of the built package into `destination` (or, with `dryRun`, only the list of what
 * would be packed). Run from the package's folder so that this repository's workspaces play no
 * part.
 */
export async function npmPack(
  key: PackageKey,
  destination: string,
  { dryRun = false } = {},
): Promise<PackResult & { tarball: string }> {
  const folder = distFolder(key);
  const args = ['pack', '--json', '--pack-destination', destination];
  if (dryRun) args.push('--dry-run');
  const result = assertSucceeded(
    await run('npm', args, { cwd: folder, env: userEnv(), timeoutMs: 60_000 }),
  );
  const [packed] = JSON.parse(result.stdout) as PackResult[];
  return { ...packed, tarball: join(destination, packed.filename) };
}

/** A fresh folder under the OS's temp folder, outside this repository. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(realpathSync(tmpdir()), prefix));
}

/** Removes a temp folder unless PLAN_E2E_KEEP is set (then says where it is, for debugging). */
export function removeTempDir(dir: string | undefined): void {
  if (!dir) return;
  if (process.env.PLAN_E2E_KEEP) {
    process.stdout.write(`plan-e2e: kept ${dir}\n`);
    return;
  }
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export interface PackageManifest {
  name: string;
  version: string;
  main?: string;
  types?: string;
  exports?: Record<string, string | Record<string, string>>;
  generators?: string;
  executors?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
