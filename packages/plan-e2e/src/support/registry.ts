/**
 * A local npm registry for the suite: verdaccio (a devDependency of this repository) on
 * 127.0.0.1, holding the packed @mjomeet packages, and proxying every other package to the
 * registry this machine's npm uses, the way a company registry does. Workspaces whose npm is
 * pointed at it install @mjomeet/plan exactly as users install it from the public registry.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PackageKey, npmPack, REPO_ROOT } from './packages';
import { assertSucceeded, run, userEnv } from './process';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** The environment of a user whose npm installs from this registry. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Stops the registry and waits for its process to end. */
  stop(): Promise<void>;
}

/** Where the machine's npm installs from: verdaccio's uplink. */
async function upstreamRegistry(): Promise<string> {
  const result = await run('npm', ['config', 'get', 'registry'], {
    cwd: REPO_ROOT,
    env: userEnv(),
    timeoutMs: 30_000,
  });
  const url = result.stdout.trim();
  return /^https?:\/\//.test(url) ? url : 'https://registry.npmjs.org/';
}

/** A port nothing listens on right now, on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`verdaccio exited ${child.exitCode} while starting:\n${log()}`);
    }
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`verdaccio did not answer ${url}-/ping within 60 s:\n${log()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts verdaccio with its storage and configuration under `dir`. Anyone may read; publishing
 * needs a user, which `publish` registers through verdaccio's own API.
 */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const storage = join(dir, 'storage');
  mkdirSync(storage, { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      '    max_users: 10',
      'uplinks:',
      '  upstream:',
      `    url: ${JSON.stringify(await upstreamRegistry())}`,
      '    timeout: 120s',
      'packages:',
      "  '@mjomeet/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      '    proxy: upstream',
      'server:',
      '  keepAliveTimeout: 60',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/verdaccio/bin/verdaccio'),
      '--config',
      config,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { cwd: dir, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
  );
  child.stderr?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
  );
  // Whatever happens to the suite, the registry does not outlive it.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    url,
    env: (extra = {}) => userEnv({ npm_config_registry: url, NPM_CONFIG_REGISTRY: url, ...extra }),
    stop: async () => {
      process.removeListener('exit', onExit);
      await stopProcess(child);
    },
  };
}

/**
 * Packs the built packages and publishes them to the registry, as a release would: a user
 * registered through verdaccio's API, its token in an npmrc of its own.
 */
export async function publishPackages(
  registry: LocalRegistry,
  dir: string,
  keys: readonly PackageKey[] = ['ddd', 'plan'],
): Promise<void> {
  const response = await fetch(`${registry.url}-/user/org.couchdb.user:plan-e2e`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'plan-e2e', password: 'plan-e2e-local-only' }),
  });
  const { token } = (await response.json()) as { token?: string };
  if (!response.ok || !token) {
    throw new Error(`verdaccio refused to register a publisher: ${response.status}`);
  }
  const host = registry.url.replace(/^https?:/, '');
  const npmrc = join(dir, 'publisher.npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n${host}:_authToken=${token}\n`);
  mkdirSync(join(dir, 'tarballs'), { recursive: true });
  for (const key of keys) {
    const { tarball } = await npmPack(key, join(dir, 'tarballs'));
    assertSucceeded(
      await run('npm', ['publish', tarball, '--registry', registry.url], {
        cwd: dir,
        env: registry.env({ npm_config_userconfig: npmrc, NPM_CONFIG_USERCONFIG: npmrc }),
        timeoutMs: 120_000,
      }),
    );
  }
}
