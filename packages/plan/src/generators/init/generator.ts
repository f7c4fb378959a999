import {
  formatFiles,
  generateFiles,
  logger,
  OverwriteStrategy,
  readNxJson,
  Tree,
  updateNxJson,
} from '@nx/devkit';
import { render } from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLACEHOLDER } from '../../plan/catalog';
import { TEST_REPORT, TEST_TARGET } from '../../plan/layout';
import {
  planPluginEntry,
  planPluginOptions,
  PLUGIN_ENTRY,
  PLUGIN_NAME,
} from '../../utils/plan-config';
import {
  ignoreTestReports,
  isJestPluginReportEntry,
  setUpTestReports,
} from '../../utils/test-report';
import type { InitGeneratorSchema } from './schema';

export { PLUGIN_ENTRY, PLUGIN_NAME };

export const DEFAULT_TARGET_NAME = 'verify-plan';
export const DEFAULT_GATED_TARGETS = ['build', 'test', 'typecheck', 'lint'];

/**
 * Registers the plugin and the gate, and makes the jest test targets write the report that
 * verify-evidence reads, as a cached output. Idempotent: what is there already is kept, what is
 * missing is added, nothing is duplicated.
 */
export async function initGenerator(tree: Tree, schema: InitGeneratorSchema = {}): Promise<void> {
  const targetName = schema.targetName ?? DEFAULT_TARGET_NAME;
  const nxJson = readNxJson(tree) ?? {};

  const plugins = nxJson.plugins ?? [];
  if (!isPluginRegistered(tree)) {
    plugins.push(
      targetName === DEFAULT_TARGET_NAME
        ? PLUGIN_ENTRY
        : { plugin: PLUGIN_ENTRY, options: { targetName } },
    );
  }
  nxJson.plugins = plugins;

  // targetDefaults rather than inferred dependsOn: they also gate targets that other plugins
  // infer, and add no phantom targets to projects that lack them.
  const targetDefaults = (nxJson.targetDefaults ??= {});
  for (const gated of schema.gatedTargets ?? DEFAULT_GATED_TARGETS) {
    let defaults = (targetDefaults[gated] ??= {});
    // The entry for @nx/jest/plugin's targets adds the report only and inherits the gate from an
    // unfiltered entry: a list without one (the report's entry alone) would gate nothing.
    if (Array.isArray(defaults) && !defaults.some((entry) => entry.filter === undefined)) {
      defaults = targetDefaults[gated] = [{}, ...defaults];
    }
    // A filtered (array) default gates every variant it lists.
    for (const entry of Array.isArray(defaults) ? defaults : [defaults]) {
      if (isJestPluginReportEntry(entry) && entry.dependsOn === undefined) continue;
      const dependsOn = entry.dependsOn ?? [];
      if (!dependsOn.includes(targetName)) entry.dependsOn = [...dependsOn, targetName];
    }
  }

  if (!schema.skipTestReports) {
    const evidence = (
      planPluginOptions(nxJson) as { evidence?: { testTarget?: string; report?: string } }
    ).evidence;
    const report = evidence?.report ?? TEST_REPORT;
    setUpTestReports(tree, nxJson, evidence?.testTarget ?? TEST_TARGET, report);
    ignoreTestReports(tree, report);
  }

  updateNxJson(tree, nxJson);
  if (schema.agents) addAgentInstructions(tree);
  if (!schema.skipFormat) await formatFiles(tree);
}

export const AGENT_PROMPT_FILE = '.github/prompts/plan-feature.prompt.md';
export const AGENTS_FILE = 'AGENTS.md';
const AGENTS_START = '<!-- @mjomeet/plan:agents:start -->';
const AGENTS_END = '<!-- @mjomeet/plan:agents:end -->';

/**
 * The prompt file and the AGENTS.md section that walk a coding agent through the plan-first
 * workflow. A file a person wrote is never overwritten: the prompt is written only when absent,
 * and the AGENTS.md section is appended only when its marker is not there yet.
 */
function addAgentInstructions(tree: Tree): void {
  const files = join(__dirname, 'files');
  if (tree.exists(AGENT_PROMPT_FILE)) {
    logger.info(`${AGENT_PROMPT_FILE} exists: kept as it is.`);
  } else {
    generateFiles(
      tree,
      join(files, 'prompt'),
      '.',
      { tmpl: '', placeholder: PLACEHOLDER },
      {
        overwriteStrategy: OverwriteStrategy.KeepExisting,
      },
    );
  }

  const current = tree.read(AGENTS_FILE, 'utf-8');
  if (current?.includes(AGENTS_START)) return;
  const section = render(readFileSync(join(files, 'agents-section.md.ejs'), 'utf-8'), {
    startMarker: AGENTS_START,
    endMarker: AGENTS_END,
  });
  tree.write(
    AGENTS_FILE,
    current === null ? `# Agents\n\n${section}` : `${current.trimEnd()}\n\n${section}`,
  );
}

/** Whether the plugin is registered already: `feature` runs init only when it is not. */
export function isPluginRegistered(tree: Tree): boolean {
  return planPluginEntry(readNxJson(tree)) !== undefined;
}

export default initGenerator;
