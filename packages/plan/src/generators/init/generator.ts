import { formatFiles, readNxJson, Tree, updateNxJson } from '@nx/devkit';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = '@mjomeet/plan';
export const DEFAULT_TARGET_NAME = 'verify-plan';
export const DEFAULT_GATED_TARGETS = ['build', 'test', 'typecheck', 'lint'];

/**
 * Registers the plugin and the gate. Idempotent: what is there already is kept, what is missing
 * is added, nothing is duplicated.
 */
export async function initGenerator(tree: Tree, schema: InitGeneratorSchema = {}): Promise<void> {
  const targetName = schema.targetName ?? DEFAULT_TARGET_NAME;
  const nxJson = readNxJson(tree) ?? {};

  const plugins = nxJson.plugins ?? [];
  if (!isPluginRegistered(tree)) {
    plugins.push(
      targetName === DEFAULT_TARGET_NAME
        ? PLUGIN_NAME
        : { plugin: PLUGIN_NAME, options: { targetName } },
    );
  }
  nxJson.plugins = plugins;

  // targetDefaults rather than inferred dependsOn: they also gate targets that other plugins
  // infer, and add no phantom targets to projects that lack them.
  const targetDefaults = (nxJson.targetDefaults ??= {});
  for (const gated of schema.gatedTargets ?? DEFAULT_GATED_TARGETS) {
    const defaults = (targetDefaults[gated] ??= {});
    // A filtered (array) default gates every variant it lists.
    for (const entry of Array.isArray(defaults) ? defaults : [defaults]) {
      const dependsOn = entry.dependsOn ?? [];
      if (!dependsOn.includes(targetName)) entry.dependsOn = [...dependsOn, targetName];
    }
  }

  updateNxJson(tree, nxJson);
  if (!schema.skipFormat) await formatFiles(tree);
}

/** Whether the plugin is registered already: `feature` runs init only when it is not. */
export function isPluginRegistered(tree: Tree): boolean {
  return (readNxJson(tree)?.plugins ?? []).some(
    (entry) => (typeof entry === 'string' ? entry : entry.plugin) === PLUGIN_NAME,
  );
}

export default initGenerator;
