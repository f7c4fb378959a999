/**
 * Running commands the way a user does: real binaries, a clean environment, captured output.
 */
import { spawn } from 'node:child_process';

export interface RunResult {
  /** The command line, for failure messages. */
  readonly command: string;
  /** The exit code; null when the process was killed (timeout). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr, ANSI colours removed. */
  readonly output: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

// eslint-disable-next-line no-control-regex -- an ANSI escape sequence starts with ESC
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * The environment of a user's shell in CI, without what this repository's own nx, npm and jest
 * put into ours: an inherited NX_WORKSPACE_ROOT_PATH or npm_config_* would point the nested
 * commands back at this repository.
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keepNpmConfig = new Set([
    'npm_config_cache',
    'npm_config_registry',
    'npm_config_userconfig',
    'npm_config_globalconfig',
    'npm_config_proxy',
    'npm_config_https_proxy',
    'npm_config_noproxy',
    'npm_config_cafile',
    'npm_config_strict_ssl',
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (key.startsWith('NX_') || key.startsWith('JEST_') || key.startsWith('GIT_')) continue;
    if (lower.startsWith('npm_') && !keepNpmConfig.has(lower)) continue;
    if (['NODE_OPTIONS', 'NODE_ENV', 'INIT_CWD', 'FORCE_COLOR', 'TS_NODE_PROJECT'].includes(key)) {
      continue;
    }
    env[key] = value;
  }
  return {
    ...env,
    CI: 'true',
    NX_TUI: 'false',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    ...extra,
  };
}

/** Runs a command to its end (or its timeout) and never throws for a non-zero exit. */
export function run(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const started = Date.now();
  const command = [file, ...args].join(' ');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf-8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf-8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({
        command,
        code,
        stdout,
        stderr,
        output: stripAnsi(`${stdout}\n${stderr}`),
        ms: Date.now() - started,
      });
    });
  });
}

/** Throws with the command's output when it did not exit 0: setup steps must not fail silently. */
export function assertSucceeded(result: RunResult): RunResult {
  if (result.code !== 0) {
    throw new Error(`\`${result.command}\` exited ${result.code}:\n${tail(result.output)}`);
  }
  return result;
}

/** The end of long output, which is where npm and nx say what went wrong. */
export function tail(text: string, lines = 60): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
