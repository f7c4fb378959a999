'use strict';
/**
 * Timing helpers: run a command (or a function) several times, keep every wall time, report
 * the median. Child processes get an environment without the caller's Nx settings, so that a
 * bench started from inside an Nx task measures the same thing as one started from a shell.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

/** Env for every child: no daemon, no terminal UI, no cloud, no prompts; no inherited NX_*. */
function childEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('NX_')) env[key] = value;
  }
  return {
    ...env,
    CI: 'true',
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: undefined,
    FORCE_COLOR: '0',
    ...extra,
  };
}

function clean(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/**
 * Runs a command once and returns its wall time (ms), exit status and output; with GNU time
 * available, also the CPU time (user + system, ms) and peak RSS (KB) of the command and the
 * children it waited for. Throws with the output when the status is not one of `okStatus`.
 */
function run(command, args, { cwd, env, okStatus = [0], stdio, input, label } = {}) {
  const time = gnuTime();
  const [file, argv] = time
    ? [time, ['-f', `${TIME_MARK}%U %S %M`, command, ...args]]
    : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    cwd,
    env: clean(env ?? childEnv()),
    encoding: 'utf-8',
    maxBuffer: 256 * 1024 * 1024,
    stdio,
    input,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  let stderr = result.stderr ?? '';
  let cpuMs;
  let maxRssKb;
  const mark = stderr.lastIndexOf(TIME_MARK);
  if (time && mark !== -1) {
    const [user, system, rss] = stderr
      .slice(mark + TIME_MARK.length)
      .trim()
      .split(/\s+/)
      .map(Number);
    cpuMs = (user + system) * 1000;
    maxRssKb = rss;
    stderr = stderr.slice(0, mark);
  }
  if (!okStatus.includes(result.status)) {
    const output = `${result.stdout ?? ''}\n${stderr}`.trim().split('\n');
    throw new Error(
      `${label ?? [command, ...args].join(' ')} exited with ${result.status} (signal ${result.signal}) in ${cwd}:\n${output.slice(-40).join('\n')}`,
    );
  }
  return { ms, cpuMs, maxRssKb, status: result.status, stdout: result.stdout ?? '', stderr };
}

const TIME_MARK = 'BENCH_GNU_TIME=';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A series of wall times and what they summarise to. */
function summary(times) {
  return { times, median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

/** `/usr/bin/time` if it is GNU time (`-f %M` gives the peak RSS), found once. */
let gnuTimePath;
function gnuTime() {
  if (gnuTimePath !== undefined) return gnuTimePath || undefined;
  gnuTimePath = '';
  for (const candidate of ['/usr/bin/time', '/bin/time']) {
    if (!existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ['-f', '%M', 'true'], { encoding: 'utf-8' });
    if (probe.status === 0 && /^\d+\s*$/m.test(probe.stderr)) {
      gnuTimePath = candidate;
      break;
    }
  }
  return gnuTimePath || undefined;
}

function formatMs(ms) {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

function formatRange(s) {
  return `${formatMs(s.min)} – ${formatMs(s.max)}`;
}

module.exports = { childEnv, run, median, summary, gnuTime, formatMs, formatRange };
