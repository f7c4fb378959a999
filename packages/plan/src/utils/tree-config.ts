import { readNxJson, Tree } from '@nx/devkit';
import { ConfigError, ResolvedConfig } from '../plan/config/resolve';
import { workspaceConfig } from './plan-config';
import { UserInputError } from './user-input-error';

/**
 * The configuration a generator works with; a broken one is refused before anything is written.
 * (Apart from plan-config.ts, so that the verify-plan executor loads nothing of @nx/devkit.)
 */
export function treeConfig(tree: Tree): ResolvedConfig {
  try {
    return workspaceConfig(readNxJson(tree), tree.root);
  } catch (error) {
    if (error instanceof ConfigError) throw new UserInputError(error.message);
    throw error;
  }
}
