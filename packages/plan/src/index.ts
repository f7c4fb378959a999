/**
 * The plugin's entry point. Nx reads `createNodesV2` from here; the rest is the public API for
 * tools that want to verify plans without Nx.
 */
export { createNodesV2 } from './plugins/plugin';
export type { PlanPluginOptions } from './plugins/plugin';
export * from './plan';
