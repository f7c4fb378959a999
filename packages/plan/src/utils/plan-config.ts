import { NxJsonConfiguration, readNxJson, Tree } from '@nx/devkit';
import { loadConfig } from '../plan/config/load';
import { ConfigError, ResolvedConfig } from '../plan/config/resolve';
import { UserInputError } from './user-input-error';

export const PLUGIN_NAME = '@mjomeet/plan';

/** The plugin's entry in nx.json's plugins, if it is registered (the first one wins). */
export function planPluginEntry(
  nxJson: NxJsonConfiguration | null | undefined,
): NonNullable<NxJsonConfiguration['plugins']>[number] | undefined {
  return (nxJson?.plugins ?? []).find(
    (entry) => (typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_NAME,
  );
}

/** The options of the plugin's entry in nx.json (`"plugins": [{ "plugin": "@mjomeet/plan", "options": … }]`). */
export function planPluginOptions(nxJson: NxJsonConfiguration | null | undefined): unknown {
  const entry = planPluginEntry(nxJson);
  return entry === undefined || typeof entry === 'string' ? {} : (entry.options ?? {});
}

/** The workspace's configuration, validated, with its custom rules loaded. Throws ConfigError. */
export function workspaceConfig(
  nxJson: NxJsonConfiguration | null | undefined,
  workspaceRoot: string,
): ResolvedConfig {
  return loadConfig(planPluginOptions(nxJson), workspaceRoot);
}

/** The configuration a generator works with; a broken one is refused before anything is written. */
export function treeConfig(tree: Tree): ResolvedConfig {
  try {
    return workspaceConfig(readNxJson(tree), tree.root);
  } catch (error) {
    if (error instanceof ConfigError) throw new UserInputError(error.message);
    throw error;
  }
}
