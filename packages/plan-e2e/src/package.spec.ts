/**
 * What `npm publish` would ship: the packed file lists of @mjomeet/plan and @mjomeet/ddd, their
 * manifests, and the plan tarball installed into an empty folder with nothing but its peers.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import {
  distFolder,
  makeTempDir,
  npmPack,
  NX_VERSION,
  PackageKey,
  PackageManifest,
  PackResult,
  readDistManifest,
  removeTempDir,
  REPO_ROOT,
} from './support/packages';
import { assertSucceeded, run, userEnv } from './support/process';
import { npmInstall } from './support/workspace';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require(
  require.resolve('semver', { paths: [dirname(require.resolve('nx/package.json'))] }),
) as { satisfies(version: string, range: string): boolean };

/** Files npm always ships, whatever `files` says. */
const ALWAYS = /^(package\.json|README\.md|LICENSE(\.md)?)$/;

/** What may ship: built JS and declarations, schemas, templates, the Nx manifests, the README. */
function isShippable(key: PackageKey, path: string): boolean {
  if (ALWAYS.test(path)) return true;
  if (key === 'plan' && /^(generators|executors)\.json$/.test(path)) return true;
  if (/(^|\/)__fixtures__\//.test(path) || /\.spec\.(js|d\.ts)$/.test(path)) return false;
  if (/^src\/.+\.(js|d\.ts)$/.test(path)) return true;
  if (key === 'plan' && /^src\/.+\/schema\.json$/.test(path)) return true;
  if (key === 'plan' && /^src\/.+\/files\/.+/.test(path)) return true;
  return false;
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  const visit = (absolute: string): void => {
    for (const entry of readdirSync(absolute)) {
      const child = join(absolute, entry);
      if (statSync(child).isDirectory()) visit(child);
      else files.push(relative(dir, child).split('\\').join('/'));
    }
  };
  visit(dir);
  return files;
}

/** `./src/index.js` → `src/index.js`. */
const packagePath = (path: string) => path.replace(/^\.\//, '');

/** Bare module names the shipped JS requires (`@scope/name` or `name`, no subpath). */
function requiredPackages(key: PackageKey, paths: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const path of paths.filter((file) => file.endsWith('.js'))) {
    const source = readFileSync(join(distFolder(key), path), 'utf-8');
    for (const match of source.matchAll(/require\(\s*["']([^"'.][^"']*)["']\s*\)/g)) {
      const specifier = match[1];
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return names;
}

let temp: string;

beforeAll(() => {
  temp = makeTempDir('plan-e2e-pack-');
});

afterAll(() => removeTempDir(temp));

describe.each<PackageKey>(['plan', 'ddd'])('the packed @mjomeet/%s', (key) => {
  let packed: PackResult;
  let paths: string[];
  let manifest: PackageManifest;

  beforeAll(async () => {
    packed = await npmPack(key, temp, { dryRun: true });
    paths = packed.files.map((file) => file.path);
    manifest = readDistManifest(key);
  });

  it('ships only built JS, declarations, schemas, templates and the README', () => {
    expect(packed.name).toBe(`@mjomeet/${key}`);
    expect(paths.filter((path) => !isShippable(key, path))).toEqual([]);
    // No TypeScript source (templates end in .template, declarations in .d.ts), no source maps
    // of sources that are not shipped, no fixtures or specs.
    expect(paths.filter((path) => /\.ts$/.test(path) && !/\.d\.ts$/.test(path))).toEqual([]);
    expect(paths.filter((path) => /\.map$|__fixtures__|\.spec\.(js|d\.ts)$/.test(path))).toEqual(
      [],
    );
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md']));
  });

  it('ships the JS and declarations of every source module', () => {
    const sources = listFiles(join(REPO_ROOT, 'packages', key, 'src')).filter(
      (path) =>
        /\.ts$/.test(path) &&
        !/\.(spec|d)\.ts$/.test(path) &&
        !/(^|\/)(__fixtures__|files)\//.test(path),
    );
    expect(sources.length).toBeGreaterThan(0);
    const missing = sources
      .flatMap((path) => [path.replace(/\.ts$/, '.js'), path.replace(/\.ts$/, '.d.ts')])
      .map((path) => `src/${path}`)
      .filter((path) => !paths.includes(path));
    expect(missing).toEqual([]);
  });

  it('names a main, types and exports that are in the package', () => {
    expect(manifest.main).toBeDefined();
    expect(manifest.types).toBeDefined();
    expect(paths).toContain(packagePath(manifest.main ?? ''));
    expect(paths).toContain(packagePath(manifest.types ?? ''));

    const exported = Object.keys(manifest.exports ?? {});
    const expected =
      key === 'plan'
        ? ['.', './plugin', './package.json', './generators.json', './executors.json']
        : ['.', './package.json'];
    expect(exported).toEqual(expect.arrayContaining(expected));
    const root = manifest.exports?.['.'];
    expect(root).toEqual({ types: manifest.types, default: manifest.main });
    for (const target of Object.values(manifest.exports ?? {})) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        expect(paths).toContain(packagePath(file));
      }
    }
  });

  it('declares every package its code requires as a dependency or a peer', () => {
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const undeclared = [...requiredPackages(key, paths)].filter((name) => !declared.has(name));
    expect(undeclared).toEqual([]);
    expect(manifest.devDependencies ?? {}).toEqual({});
  });

  if (key === 'plan') {
    it('ships every generator and executor Nx reads, with its schema and templates', () => {
      expect(paths).toEqual(expect.arrayContaining(['generators.json', 'executors.json']));
      expect(manifest.generators && packagePath(manifest.generators)).toBe('generators.json');
      expect(manifest.executors && packagePath(manifest.executors)).toBe('executors.json');

      const folder = distFolder('plan');
      const read = (file: string) => JSON.parse(readFileSync(join(folder, file), 'utf-8'));
      const generators = read('generators.json').generators as Record<
        string,
        { factory: string; schema: string }
      >;
      const executors = read('executors.json').executors as Record<
        string,
        { implementation: string; schema: string }
      >;
      expect(Object.keys(generators).sort()).toEqual([
        'approve',
        'audit',
        'complete',
        'feature',
        'init',
      ]);
      expect(Object.keys(executors)).toEqual(['verify-plan', 'verify-evidence']);
      const needed = [
        ...Object.values(generators).flatMap((g) => [`${g.factory}.js`, g.schema]),
        ...Object.values(executors).flatMap((e) => [`${e.implementation}.js`, e.schema]),
      ].map(packagePath);
      expect(needed.filter((path) => !paths.includes(path))).toEqual([]);

      // Every template of the sources, dot-folders included (.github/prompts/...).
      const templates = listFiles(join(REPO_ROOT, 'packages/plan/src'))
        .filter((path) => /(^|\/)files\//.test(path))
        .map((path) => `src/${path}`);
      expect(templates.length).toBeGreaterThan(0);
      expect(templates.filter((path) => !paths.includes(path))).toEqual([]);
    });

    it('peers on the Nx it supports, not a copy of it', () => {
      const peers = manifest.peerDependencies ?? {};
      for (const name of ['nx', '@nx/devkit']) {
        expect(peers[name]).toBeDefined();
        expect(semver.satisfies(NX_VERSION, peers[name])).toBe(true);
        expect(manifest.dependencies?.[name]).toBeUndefined();
      }
      // TypeScript is the plugin's own, pinned: a workspace on TypeScript 5, 6 or 7 installs it
      // without a peer conflict, and verification does not depend on the workspace's compiler.
      expect(peers.typescript).toBeUndefined();
      expect(manifest.dependencies?.typescript).toMatch(/^5\.9\.\d+$/);
      // Prettier formats generated files when the workspace has it; it is not required.
      expect(manifest.peerDependenciesMeta?.prettier?.optional).toBe(true);
    });
  }
});

describe('the plan tarball in an empty folder', () => {
  it('installs with only its peer dependencies (Nx) and loads', async () => {
    const packed = await npmPack('plan', temp);
    const consumer = join(temp, 'consumer');
    mkdirSync(consumer);
    writeFileSync(
      join(consumer, 'package.json'),
      `${JSON.stringify({ name: 'consumer', version: '0.0.0', private: true }, null, 2)}\n`,
    );
    await npmInstall(consumer, [packed.tarball, `nx@${NX_VERSION}`, `@nx/devkit@${NX_VERSION}`]);

    // What Nx does with an installed plugin: load its main (createNodesV2), read generators.json
    // and executors.json through the package's exports, load every factory and implementation.
    const script = `
      const { dirname, join } = require('node:path');
      const plan = require('@mjomeet/plan');
      if (!Array.isArray(plan.createNodesV2) || typeof plan.createNodesV2[1] !== 'function') {
        throw new Error('createNodesV2 is not exported');
      }
      if (require('@mjomeet/plan/plugin').createNodesV2 !== plan.createNodesV2) {
        throw new Error('@mjomeet/plan/plugin does not export the same createNodesV2');
      }
      const loaded = [];
      for (const [manifest, key, entry] of [
        ['generators.json', 'generators', 'factory'],
        ['executors.json', 'executors', 'implementation'],
      ]) {
        const file = require.resolve('@mjomeet/plan/' + manifest);
        const entries = require(file)[key];
        for (const [name, config] of Object.entries(entries)) {
          const module = require(join(dirname(file), config[entry]));
          if (typeof module.default !== 'function') throw new Error(name + ' has no default export');
          if (config.batchImplementation) {
            const batch = require(join(dirname(file), config.batchImplementation));
            if (typeof batch.default !== 'function') throw new Error(name + ' has no batch export');
          }
          require(join(dirname(file), config.schema));
          loaded.push(name);
        }
      }
      require('@mjomeet/plan/package.json');
      console.log(JSON.stringify(loaded.sort()));
    `;
    const result = assertSucceeded(
      await run('node', ['-e', script], { cwd: consumer, env: userEnv(), timeoutMs: 60_000 }),
    );
    expect(JSON.parse(result.stdout.trim())).toEqual([
      'approve',
      'audit',
      'complete',
      'feature',
      'init',
      'verify-evidence',
      'verify-plan',
    ]);

    // Nothing but the plugin, its own dependencies and the peers was asked for.
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf-8')) as {
      packages: Record<string, unknown>;
    };
    expect(Object.keys(lock.packages)).toContain('node_modules/@mjomeet/plan');
    expect(Object.keys(lock.packages)).not.toContain('node_modules/prettier');
  }, 300_000);
});
