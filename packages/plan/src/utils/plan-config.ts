import type { NxJsonConfiguration } from '@nx/devkit';
import { loadConfig } from '../plan/config/load';
import type { ResolvedConfig } from '../plan/config/resolve';

export const PLUGIN_NAME = '@mjomeet/plan';

/** The options of the plugin's entry in nx.json (`"plugins": [{ "plugin": "@mjomeet/plan", "options": … }]`). */
export function planPluginOptions(nxJson: NxJsonConfiguration | null | undefined): unknown {
  for (const entry of nxJson?.plugins ?? []) {
    if (typeof entry === 'string' ? entry === PLUGIN_NAME : entry.plugin === PLUGIN_NAME) {
      return typeof entry === 'string' ? {} : (entry.options ?? {});
    }
  }
  return {};
}

/** The workspace's configuration, validated, with its custom rules loaded. Throws ConfigError. */
export function workspaceConfig(
  nxJson: NxJsonConfiguration | null | undefined,
  workspaceRoot: string,
): ResolvedConfig {
  return loadConfig(planPluginOptions(nxJson), workspaceRoot);
}
