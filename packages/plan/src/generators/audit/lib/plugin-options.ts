import { NxJsonConfiguration } from '@nx/devkit';
import { DEFAULT_PLANS_DIR } from '../../../plan/plan-required';
import { planPluginEntry, planPluginOptions } from '../../../utils/plan-config';
import { DEFAULT_GATED_TARGETS, DEFAULT_TARGET_NAME } from '../../init/generator';

export interface PlanPluginSettings {
  /** Whether nx.json's plugins list @mjomeet/plan. */
  readonly registered: boolean;
  readonly targetName: string;
  /** Workspace-relative, without a trailing slash. */
  readonly plansDir: string;
}

/**
 * The plugin's options as nx.json gives them: `"@mjomeet/plan"` or
 * `{ "plugin": "@mjomeet/plan", "options": { "targetName"?, "plansDir"? } }`. The first entry wins,
 * as it is the one whose inferred target Nx merges first.
 */
export function planPluginSettings(nxJson: NxJsonConfiguration | null): PlanPluginSettings {
  const entry = planPluginEntry(nxJson);
  const options = planPluginOptions(nxJson) as { targetName?: unknown; plansDir?: unknown };
  return {
    registered: entry !== undefined,
    targetName: typeof options.targetName === 'string' ? options.targetName : DEFAULT_TARGET_NAME,
    plansDir: (typeof options.plansDir === 'string' ? options.plansDir : DEFAULT_PLANS_DIR)
      .replace(/\\/g, '/')
      .replace(/^\.\//, '')
      .replace(/\/+$/, ''),
  };
}

/**
 * The targets the audit holds to the gate unless told otherwise: those `init` gates by default,
 * and every target whose nx.json targetDefaults depends on the gate (a workspace that gates `e2e`
 * wants it audited too). Keys naming an executor (`@nx/jest:jest`) are no target names.
 */
export function defaultGatedTargets(
  nxJson: NxJsonConfiguration | null,
  targetName: string,
): string[] {
  const gated = new Set(DEFAULT_GATED_TARGETS);
  for (const [key, defaults] of Object.entries(nxJson?.targetDefaults ?? {})) {
    if (key.includes(':') || key === targetName) continue;
    const entries = (Array.isArray(defaults) ? defaults : [defaults]) as Array<{
      dependsOn?: unknown[];
    }>;
    const dependsOnGate = entries.some((entry) =>
      (entry?.dependsOn ?? []).some(
        (dependency) =>
          dependency === targetName ||
          (typeof dependency === 'object' &&
            dependency !== null &&
            (dependency as { target?: unknown }).target === targetName),
      ),
    );
    if (dependsOnGate) gated.add(key);
  }
  return [...gated];
}
