import type {
  CreateNodesContextV2,
  CreateNodesResultV2,
  CreateNodesV2,
  TargetConfiguration,
} from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface PlanPluginOptions {
  /** The name of the inferred target. Default: `verify-plan`. */
  targetName?: string;
  /** Where plans live, relative to the workspace root. Default: `docs/features`. */
  plansDir?: string;
}

const PROJECT_FILES = '**/project.json';
const PLAN_FILES = '**/*-plan.md';
/** `{module}/{UseCase}/{UseCase}-plan.md`, relative to the plans folder. */
const PLAN_IN_PLANS_DIR = /^([^/]+)\/([^/]+)\/\2-plan\.md$/;

/**
 * Infers a cacheable `verify-plan` target on every project that has plans under
 * `docs/features/{project}/`. It reads only project.json files and plan paths: no plan is parsed
 * here, because this runs on every nx command.
 */
export const createNodesV2: CreateNodesV2<PlanPluginOptions> = [
  `{${PROJECT_FILES},${PLAN_FILES}}`,
  async (files, options, context) => inferVerifyPlanTargets(files, options ?? {}, context),
];

function inferVerifyPlanTargets(
  files: readonly string[],
  options: PlanPluginOptions,
  context: CreateNodesContextV2,
): CreateNodesResultV2 {
  const targetName = options.targetName ?? 'verify-plan';
  const plansDir = (options.plansDir ?? 'docs/features').replace(/\/+$/, '');
  const modulesWithPlans = new Set<string>();
  const projectFiles: string[] = [];
  for (const file of files) {
    if (file.endsWith('project.json')) projectFiles.push(file);
    else {
      const match = file.startsWith(`${plansDir}/`)
        ? PLAN_IN_PLANS_DIR.exec(file.slice(plansDir.length + 1))
        : null;
      if (match) modulesWithPlans.add(match[1]);
    }
  }

  const results: CreateNodesResultV2 = [];
  const modulesWithProject = new Set<string>();
  for (const file of projectFiles) {
    const name = readProjectName(join(context.workspaceRoot, file));
    if (!name || !modulesWithPlans.has(name)) continue;
    modulesWithProject.add(name);
    const root = dirname(file);
    results.push([
      file,
      {
        projects: {
          [root]: {
            targets: { [targetName]: verifyPlanTarget(name, plansDir, context.workspaceRoot) },
          },
        },
      },
    ]);
  }

  for (const module of modulesWithPlans) {
    if (!modulesWithProject.has(module)) {
      warn(
        `@mjomeet/plan: ${plansDir}/${module} has plans but there is no project named "${module}", so they are not verified. Create it with "nx g @mjomeet/plan:feature --module=${module} ..." or move the plans to the folder of an existing project.`,
      );
    }
  }
  return results;
}

function verifyPlanTarget(
  module: string,
  plansDir: string,
  workspaceRoot: string,
): TargetConfiguration {
  return {
    executor: '@mjomeet/plan:verify-plan',
    cache: true,
    inputs: [
      `{workspaceRoot}/${plansDir}/${module}/**/*.md`,
      '{projectRoot}/src/**/*.ts',
      pluginInput(workspaceRoot),
    ],
    outputs: ['{options.outputFile}'],
    options: { plansDir: `${plansDir}/${module}` },
    metadata: {
      description: `Verifies the plans in ${plansDir}/${module}: structure, checklists, tests, traceability and approval.`,
      technologies: ['markdown'],
    },
  };
}

/**
 * The plugin's version is an input: a new release may judge plans differently. Installed from
 * the registry it is an external dependency; built from sources inside this workspace (as in
 * the plugin's own repository) its sources are the input instead.
 */
function pluginInput(workspaceRoot: string): NonNullable<TargetConfiguration['inputs']>[number] {
  const pluginRoot = resolve(__dirname, '..', '..');
  const fromWorkspace = relative(workspaceRoot, pluginRoot);
  const isWorkspaceSource =
    !fromWorkspace.startsWith('..') && !fromWorkspace.split(sep).includes('node_modules');
  return isWorkspaceSource
    ? `{workspaceRoot}/${fromWorkspace.split(sep).join('/')}/src/**/*`
    : { externalDependencies: ['@mjomeet/plan'] };
}

function readProjectName(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const name = (JSON.parse(readFileSync(file, 'utf-8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Nx loads this plugin in a worker on every command that computes the project graph. @nx/devkit
 * (~0.15 s to load there) is needed only to warn, so it is loaded only then.
 */
function warn(message: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('@nx/devkit') as typeof import('@nx/devkit')).logger.warn(message);
}
