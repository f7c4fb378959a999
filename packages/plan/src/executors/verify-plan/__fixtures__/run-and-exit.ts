/**
 * Runs verify-plan as Nx's task process does (nx/bin/run-executor.js): the executor, then
 * `process.exit()` as soon as it resolves. Started by executor.spec.ts with stdout on a pipe.
 *
 * argv: workspace root, project name, then the executor's options as JSON.
 */
import type { ExecutorContext } from '@nx/devkit';
import verifyPlanExecutor from '../executor';

const [root, projectName, options] = process.argv.slice(2);
const context = {
  root,
  cwd: root,
  isVerbose: false,
  projectName,
  projectsConfigurations: { version: 2, projects: {} },
} as unknown as ExecutorContext;

process.stderr.write('running\n');
verifyPlanExecutor(JSON.parse(options), context).then(
  (result) => process.exit(result.success ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
