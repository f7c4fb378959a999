import type { NxJsonConfiguration } from '@nx/devkit';
import { loadConfig } from '../plan/config/load';
import type { ResolvedConfig } from '../plan/config/resolve';

export const PLUGIN_NAME = '@mjomeet/plan';
/**
 * What init registers in nx.json's plugins: the plugin's own entry, which loads nothing of the
 * plan model in Nx's plugin worker (src/plugin.ts).
 */
export const PLUGIN_ENTRY = '@mjomeet/plan/plugin';
/** Both names the plugin can be registered under: its entry, and the package (its main). */
export const PLUGIN_ENTRIES: readonly string[] = [PLUGIN_ENTRY, PLUGIN_NAME];

/** The plugin's entry in nx.json's plugins, under either name, if it is registered (the first one wins). */
export function planPluginEntry(
  nxJson: NxJsonConfiguration | null | undefined,
): NonNullable<NxJsonConfiguration['plugins']>[number] | undefined {
  return (nxJson?.plugins ?? []).find((entry) =>
    PLUGIN_ENTRIES.includes(typeof entry === 'string' ? entry : entry.plugin),
  );
}

/** The options of the plugin's entry in nx.json (`"plugins": [{ "plugin": "@mjomeet/plan/plugin", "options": … }]`). */
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
