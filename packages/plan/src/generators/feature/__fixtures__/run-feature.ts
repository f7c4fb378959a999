/**
 * One `nx g @mjomeet/plan:feature` in a process of its own, the way the Nx CLI runs it: a tree on
 * the workspace folder, Nx's view of the projects read before the generator runs, the changes
 * written after it returns, then its callback. With an IPC channel it says "ready" and waits for
 * a message before it runs the generator, so that two processes can start it at one moment.
 *
 * Usage: node -r @swc-node/register run-feature.ts <workspace> '<schema as JSON>'
 * Exits 0; 1 with the message of a refusal (UserInputError); 2 with the stack of anything else.
 */
import { getProjects } from '@nx/devkit';
import { flushChanges, FsTree } from 'nx/src/generators/tree';
import { featureGenerator } from '../generator';
import { UserInputError } from '../lib/names';

async function main(): Promise<void> {
  const [root, schema] = process.argv.slice(2);
  const tree = new FsTree(root, false);
  getProjects(tree);
  if (process.send) {
    const go = new Promise((resolve) => process.once('message', resolve));
    process.send('ready');
    await go;
  }
  const callback = await featureGenerator(tree, JSON.parse(schema));
  flushChanges(root, tree.listChanges());
  if (callback) await callback();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const refused = error instanceof UserInputError;
    process.stderr.write(refused ? error.message : String((error as Error).stack ?? error));
    process.exit(refused ? 1 : 2);
  },
);
