/**
 * verify-evidence reads the report of the module's last test run (jest's `--json` results). The
 * test target writes it, and lists it among its outputs, so that Nx caches it with the run and a
 * cache hit restores it. This sets a jest test target up that way: one in project.json
 * (`nx:run-commands` running jest, or `@nx/jest:jest`), and the targets `@nx/jest/plugin` infers
 * (through an nx.json targetDefaults entry for that plugin's targets).
 */
import {
  getProjects,
  logger,
  NxJsonConfiguration,
  ProjectConfiguration,
  readNxJson,
  readProjectConfiguration,
  TargetConfiguration,
  Tree,
  updateNxJson,
  updateProjectConfiguration,
} from '@nx/devkit';
import { posix } from 'node:path';

export const JEST_PLUGIN = '@nx/jest/plugin';
const JEST_EXECUTOR = '@nx/jest:jest';
/** `jest` as the program a command runs: `jest …`, `npx jest …`, `node_modules/.bin/jest …`. */
const RUNS_JEST = /(?:^|[\s/&;|])jest(?:\s|$)/;

/** jest's arguments that write its results to `file` (relative to where jest runs). */
export function reportArgs(file: string): string {
  return `--json --outputFile=${file}`;
}

/** The output that makes Nx cache the report with the run: `{projectRoot}/jest-results.json`. */
export function reportOutput(report: string): string {
  return `{projectRoot}/${report}`;
}

/** Adds the report's name to the root .gitignore, when there is one that does not have it. */
export function ignoreTestReports(tree: Tree, report: string): void {
  const current = tree.read('.gitignore', 'utf-8');
  if (current === null) return;
  const name = posix.basename(report);
  const lines = current.split(/\r?\n/).map((line) => line.trim());
  if (lines.some((line) => [name, `/${name}`, `**/${name}`, report].includes(line))) return;
  tree.write(
    '.gitignore',
    `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}\n# jest's results, read by verify-evidence\n${name}\n`,
  );
}

export type SetUpResult = 'set-up' | 'already' | 'not-jest' | 'no-target';

/**
 * Makes a project's test target write the report and cache it. Returns what it found; a target
 * that does not run jest is left as it is (the caller says so).
 */
export function setUpTestTarget(
  tree: Tree,
  name: string,
  project: ProjectConfiguration,
  targetName: string,
  report: string,
): SetUpResult {
  const target = project.targets?.[targetName];
  if (!target) return 'no-target';
  const output = reportOutput(report);
  const outputs = target.outputs;
  const hasOutput = outputs?.includes(output) === true;
  let changed: TargetConfiguration | undefined;

  if (target.executor === JEST_EXECUTOR) {
    const options = target.options ?? {};
    if (options.json === true && options.outputFile === output && hasOutput) return 'already';
    changed = {
      ...target,
      options: { ...options, json: true, outputFile: output },
      outputs: withOutput(outputs ?? ['{workspaceRoot}/coverage/{projectRoot}'], output),
    };
  } else {
    const sugar = target.executor === undefined && typeof target.command === 'string';
    const command = sugar ? target.command : target.options?.command;
    if (
      (target.executor !== 'nx:run-commands' && !sugar) ||
      typeof command !== 'string' ||
      !RUNS_JEST.test(command)
    ) {
      return 'not-jest';
    }
    const writes = /--outputFile[= ]/.test(command);
    if (writes && hasOutput) return 'already';
    // jest resolves --outputFile from where it runs: the target's cwd, or the workspace root.
    const cwd = (sugar ? undefined : target.options?.cwd) as string | undefined;
    const file = cwd
      ? posix.relative(resolveTokens(cwd, project.root), `${project.root}/${report}`)
      : `{projectRoot}/${report}`;
    const newCommand = writes ? command : `${command} ${reportArgs(file)}`;
    changed = sugar
      ? { ...target, command: newCommand, outputs: withOutput(outputs ?? [], output) }
      : {
          ...target,
          options: { ...target.options, command: newCommand },
          outputs: withOutput(outputs ?? [], output),
        };
  }
  updateProjectConfiguration(tree, name, {
    ...project,
    targets: { ...project.targets, [targetName]: changed },
  });
  return 'set-up';
}

/**
 * Sets up every project's test target (project.json), and the test targets `@nx/jest/plugin`
 * infers when nx.json registers it. Says what it could not set up.
 */
export function setUpTestReports(
  tree: Tree,
  nxJson: NxJsonConfiguration,
  targetName: string,
  report: string,
): void {
  for (const [name, project] of getProjects(tree)) {
    const result = setUpTestTarget(tree, name, project, targetName, report);
    if (result === 'not-jest') {
      const target = project.targets?.[targetName];
      logger.warn(
        `${name}:${targetName} does not run jest (${target?.executor ?? target?.command ?? 'no executor'}), so it was left as it is. verify-evidence reads jest's --json report at ${project.root}/${report}: make the target write it (jest ${reportArgs(report)}) and list it among its outputs.`,
      );
    }
  }
  addJestPluginDefaults(nxJson, report);
}

/**
 * Sets up one new project's test target, the way init set up the others: its own target when it
 * has one, and `@nx/jest/plugin`'s when Nx's jest generator registered that plugin just now.
 */
export function setUpProjectTestReport(
  tree: Tree,
  name: string,
  targetName: string,
  report: string,
): void {
  setUpTestTarget(tree, name, readProjectConfiguration(tree, name), targetName, report);
  const nxJson = readNxJson(tree);
  if (nxJson) {
    addJestPluginDefaults(nxJson, report);
    updateNxJson(tree, nxJson);
  }
  ignoreTestReports(tree, report);
}

/**
 * The targets `@nx/jest/plugin` infers run `jest` in the project's folder: a targetDefaults entry
 * for that plugin's targets (nx.json's `filter.plugin`) adds the arguments and the output, the
 * outputs it infers kept (`'...'`).
 */
function addJestPluginDefaults(nxJson: NxJsonConfiguration, report: string): void {
  for (const entry of nxJson.plugins ?? []) {
    const plugin = typeof entry === 'string' ? entry : entry.plugin;
    if (plugin !== JEST_PLUGIN) continue;
    const options = (typeof entry === 'string' ? undefined : entry.options) as
      | { targetName?: string }
      | undefined;
    const targetName = options?.targetName ?? 'test';
    const defaults = (nxJson.targetDefaults ??= {}) as Record<string, unknown>;
    const current = defaults[targetName];
    const entries = (Array.isArray(current) ? current : current ? [current] : []) as Array<
      Record<string, unknown>
    >;
    if (entries.some((candidate) => isJestPluginReportEntry(candidate, report))) continue;
    defaults[targetName] = [
      ...entries,
      {
        filter: { plugin: JEST_PLUGIN },
        options: { args: reportArgs(report).split(' ') },
        outputs: ['...', reportOutput(report)],
      },
    ];
  }
}

/** The targetDefaults entry this writes for `@nx/jest/plugin`'s targets. */
export function isJestPluginReportEntry(entry: unknown, report?: string): boolean {
  const candidate = entry as { filter?: { plugin?: unknown }; outputs?: unknown } | undefined;
  return (
    candidate?.filter?.plugin === JEST_PLUGIN &&
    Array.isArray(candidate.outputs) &&
    candidate.outputs.some(
      (output) =>
        typeof output === 'string' &&
        (report === undefined
          ? output.startsWith('{projectRoot}/')
          : output === reportOutput(report)),
    )
  );
}

function withOutput(outputs: readonly string[], output: string): string[] {
  return outputs.includes(output) ? [...outputs] : [...outputs, output];
}

function resolveTokens(path: string, root: string): string {
  return posix.normalize(
    path
      .replace(/^\{workspaceRoot\}\/?/, '')
      .replace(/\{projectRoot\}/g, root)
      .replace(/\\/g, '/') || '.',
  );
}
