'use strict';
/**
 * The verify-plan batch without Nx: what `nx run-many -t verify-plan` asks of the batch
 * implementation, run in this process on every module of a bench workspace (`npm run bench --
 * --keep`), timed from the first task to the last. Nx's own part of (b) (its start, the project
 * graph, hashing, caching) is what (b) adds to this.
 *
 *   node tools/bench/batch.js <workspace> [<built @mjomeet/plan dir>]
 *
 * MJOMEET_PLAN_THREADS=0 runs it without worker threads. Prints one JSON line.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const [workspace, pluginDir = join(workspace ?? '', 'node_modules/@mjomeet/plan')] =
  process.argv.slice(2);
if (!workspace) {
  process.stderr.write(
    'Usage: node tools/bench/batch.js <workspace> [<built @mjomeet/plan dir>]\n',
  );
  process.exit(2);
}
const batch = require(join(pluginDir, 'src/executors/verify-plan/batch.js')).default;
const modules = readdirSync(join(workspace, 'docs/features'));
const tasks = {};
const inputs = {};
const projects = {};
for (const module of modules) {
  const id = `${module}:verify-plan`;
  tasks[id] = { id, target: { project: module, target: 'verify-plan' }, overrides: {} };
  inputs[id] = {};
  projects[module] = { root: `packages/${module}`, tags: [] };
}
const graph = {
  roots: Object.keys(tasks),
  tasks,
  dependencies: Object.fromEntries(Object.keys(tasks).map((id) => [id, []])),
};
const context = {
  root: workspace,
  cwd: workspace,
  isVerbose: false,
  nxJsonConfiguration: JSON.parse(readFileSync(join(workspace, 'nx.json'), 'utf-8')),
  projectsConfigurations: { version: 2, projects },
};

(async () => {
  const start = process.hrtime.bigint();
  let done = 0;
  let failed = 0;
  for await (const { result } of batch(graph, inputs, {}, context)) {
    done++;
    if (!result.success) failed++;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(`${JSON.stringify({ tasks: done, failed, ms: Math.round(ms) })}\n`);
})();
