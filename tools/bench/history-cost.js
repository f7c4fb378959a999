'use strict';
/**
 * What proving approvals from git history costs in (a): the model verifying every module of a
 * bench workspace as a separate process (start-up included), with history and with
 * `history: false` (approvals checked as text only), by turns. Prints the medians: wall time, and
 * the CPU time of the process tree, git's processes included (from /usr/bin/time).
 *
 *   node tools/bench/history-cost.js <workspace> [<plan model entry>] [--runs=N]
 *
 * The entry defaults to the workspace's installed @mjomeet/plan.
 */
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 7);
const [workspace, entry = join(workspace ?? '', 'node_modules/@mjomeet/plan')] = args.filter(
  (a) => !a.startsWith('--'),
);
if (!workspace) {
  process.stderr.write(
    'Usage: node tools/bench/history-cost.js <workspace> [<entry>] [--runs=N]\n',
  );
  process.exit(2);
}
const modules = readdirSync(join(workspace, 'docs/features'));

/** The child: verifies every module once, fails on a finding (the measurement would be wrong). */
const child = (history) => `
const model = require(${JSON.stringify(entry)});
let findings = 0;
for (const module of ${JSON.stringify(modules)}) {
  findings += model.verifyProjectPlans({
    workspaceRoot: ${JSON.stringify(workspace)},
    plansDir: 'docs/features/' + module,
    projectRoot: 'packages/' + module,
    history: ${history},
  }).findings.length;
}
if (findings > 0) throw new Error(findings + ' findings');`;

const times = { true: { wall: [], cpu: [] }, false: { wall: [], cpu: [] } };
for (let run = 0; run < runs; run++) {
  for (const history of [true, false]) {
    const start = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', ['-f', '%U %S', 'node', '-e', child(history)], {
      encoding: 'utf-8',
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(result.stderr);
    const [user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
    times[history].wall.push(wall);
    times[history].cpu.push((user + system) * 1000);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value)} ms`;
process.stdout.write(
  `${modules.length} modules, ${runs} runs each, medians\n\n| | wall | CPU (process tree) |\n| --- | ---: | ---: |\n` +
    `| with history | ${ms(median(times.true.wall))} | ${ms(median(times.true.cpu))} |\n` +
    `| without (\`history: false\`) | ${ms(median(times.false.wall))} | ${ms(median(times.false.cpu))} |\n` +
    `| what history costs | ${ms(median(times.true.wall) - median(times.false.wall))} | ${ms(median(times.true.cpu) - median(times.false.cpu))} |\n`,
);
