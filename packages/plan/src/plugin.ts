/**
 * The plugin's entry for nx.json: `"plugins": ["@mjomeet/plan/plugin"]`, as Nx's own plugins
 * have one (`@nx/jest/plugin`). Nx loads it in a plugin worker on every command that computes the
 * project graph, to read createNodesV2, so it exports that alone and loads nothing of the plan
 * model. The package's main entry (`"@mjomeet/plan"`) exports createNodesV2 too, so that
 * workspaces that registered the plugin under that name keep working; it also loads the model.
 */
export { createNodesV2 } from './plugins/plugin';
export type { PlanPluginOptions } from './plugins/plugin';
