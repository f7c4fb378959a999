import type {
  CreateNodesContextV2,
  CreateNodesResultV2,
  CreateNodesV2,
  TargetConfiguration,
} from '@nx/devkit';
import { basename, relative, resolve, sep } from 'node:path';
import { TEST_REPORT, TEST_TARGET, VERIFY_EVIDENCE_TARGET } from '../plan/layout';
import {
  DEFAULT_PLANS_DIR,
  isPlanRequiredByTag,
  moduleOfPlanFile,
  planModuleOf,
} from '../plan/plan-required';
import type { PlanConfigInput } from '../plan/config/schema';
import { CODEOWNERS_LOCATIONS } from '../plan/codeowners';
import { workspaceProjects } from './workspace-projects';

/** The plugin's options in nx.json: documented in docs/configuration.md, validated by verify-plan. */
export type PlanPluginOptions = PlanConfigInput;

/**
 * Project files as Nx reads them, and every markdown file: a plan renamed to anything under a
 * module's plans folder still makes that module plan-required.
 */
const FILES = '{**/project.json,**/package.json,**/*.md}';

/**
 * Infers a cacheable `verify-plan` target on every plan-required project: one tagged
 * `plan:required`, or one whose module has markdown files under `{plansDir}/{module}/`. Projects
 * are found as Nx finds them (project.json, or package.json in the package manager's
 * workspaces). It reads only project files and plan paths: no plan is parsed here, because this
 * runs on every nx command.
 */
export const createNodesV2: CreateNodesV2<PlanPluginOptions> = [
  FILES,
  async (files, options, context) => inferVerifyPlanTargets(files, options ?? {}, context),
];

function inferVerifyPlanTargets(
  files: readonly string[],
  options: PlanPluginOptions,
  context: CreateNodesContextV2,
): CreateNodesResultV2 {
  const targetName = options.targetName ?? 'verify-plan';
  const plansDir = (options.plansDir ?? DEFAULT_PLANS_DIR).replace(/\/+$/, '');
  const modulesWithPlans = new Set<string>();
  const projectFiles: string[] = [];
  for (const file of files) {
    if (!file.endsWith('.md')) projectFiles.push(file);
    else {
      const module = moduleOfPlanFile(file, plansDir);
      if (module) modulesWithPlans.add(module);
    }
  }

  const results: CreateNodesResultV2 = [];
  const modulesWithProject = new Set<string>();
  for (const project of workspaceProjects(context.workspaceRoot, projectFiles)) {
    const module = planModuleOf(project.name, project.tags);
    modulesWithProject.add(module);
    if (!modulesWithPlans.has(module) && !isPlanRequiredByTag(project.tags)) continue;
    results.push([
      project.configFile,
      {
        projects: {
          [project.root]: {
            targets: {
              [targetName]: verifyPlanTarget(module, plansDir, options, context.workspaceRoot),
              [options.evidence?.targetName ?? VERIFY_EVIDENCE_TARGET]: verifyEvidenceTarget(
                module,
                plansDir,
                options,
                context.workspaceRoot,
              ),
            },
          },
        },
      },
    ]);
  }

  for (const module of modulesWithPlans) {
    if (!modulesWithProject.has(module)) {
      warn(
        `@mjomeet/plan: ${plansDir}/${module} has plans but no Nx project has the module "${module}" (a project named "${module}" or "@scope/${module}", or one tagged "plan:module:${module}"), so they are not verified. Create the module with "nx g @mjomeet/plan:feature --module=${module} ...", tag the project that implements it "plan:module:${module}", or move the plans to the folder of an existing project.`,
      );
    }
  }
  return results;
}

function verifyPlanTarget(
  module: string,
  plansDir: string,
  options: PlanPluginOptions,
  workspaceRoot: string,
): TargetConfiguration {
  // The configuration travels in the target's options, so that it is part of the cache key:
  // a changed severity or section re-runs verification; nothing else in nx.json does.
  const { targetName: _name, ...config } = options;
  return {
    executor: '@mjomeet/plan:verify-plan',
    cache: true,
    inputs: [
      // The module's folder in any case: a twin in another case is a finding too.
      `{workspaceRoot}/${plansDir}/${anyCase(module)}/**/*`,
      '{projectRoot}/src/**/*',
      ...(options.customRules ?? []).map((file) => `{workspaceRoot}/${file.replace(/^\.\//, '')}`),
      ...approvalInputs(`${plansDir}/${module}`, options),
      pluginInput(workspaceRoot),
    ],
    outputs: ['{options.outputFile}'],
    options: { plansDir: `${plansDir}/${module}`, config },
    metadata: {
      description: `Verifies the plans in ${plansDir}/${module}: structure, checklists, tests, traceability and approval.`,
      technologies: ['markdown'],
    },
  };
}

/**
 * What a proved approval depends on besides the plans: the history of the module's plans folder
 * (its last commit: a commit hash stands for all its ancestry), whether the clone is shallow,
 * whether this is a CI run, and the files the policy reads. git runs without a shell here, in
 * the workspace root; outside a repository its output is empty, and so is the proof.
 */
function approvalInputs(
  moduleDir: string,
  options: PlanPluginOptions,
): NonNullable<TargetConfiguration['inputs']> {
  const policy = options.approval ?? {};
  const inputs: NonNullable<TargetConfiguration['inputs']> = [
    { runtime: `git log -1 --format=%H -- ${JSON.stringify(moduleDir)}` },
    { runtime: 'git rev-parse --is-shallow-repository' },
    { env: 'CI' },
  ];
  if (policy.approvers === 'codeowners') {
    inputs.push(...CODEOWNERS_LOCATIONS.map((file) => `{workspaceRoot}/${file}`));
  }
  if (policy.requireSignedApprovals) {
    // Which keys git trusts: the policy's allowed signers file, or git's own configuration.
    if (policy.allowedSigners) inputs.push(`{workspaceRoot}/${policy.allowedSigners}`);
    inputs.push({ runtime: 'git config --get-regexp ^gpg' });
  }
  return inputs;
}

/**
 * After the tests: checks, in the report of the test run it depends on, that every test the
 * module's plans cite ran and passed. Its inputs are the plans, the configuration (in its
 * options) and the report the test task wrote or a cache hit restored: a new test run, or a
 * changed citation, is a miss; nothing else is.
 */
function verifyEvidenceTarget(
  module: string,
  plansDir: string,
  options: PlanPluginOptions,
  workspaceRoot: string,
): TargetConfiguration {
  const { targetName: _name, ...config } = options;
  const testTarget = options.evidence?.testTarget ?? TEST_TARGET;
  const report = options.evidence?.report ?? TEST_REPORT;
  return {
    executor: '@mjomeet/plan:verify-evidence',
    dependsOn: [testTarget],
    cache: true,
    inputs: [
      `{workspaceRoot}/${plansDir}/${anyCase(module)}/**/*`,
      { dependentTasksOutputFiles: `**/${basename(report)}` },
      pluginInput(workspaceRoot),
    ],
    outputs: ['{options.outputFile}'],
    options: { plansDir: `${plansDir}/${module}`, config },
    metadata: {
      description: `Checks, in the report of the ${testTarget} run it follows, that every test the plans in ${plansDir}/${module} cite ran and passed.`,
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

/** `rooms` → `[rR][oO][oO][mM][sS]`: a glob that matches the name in any case. */
function anyCase(name: string): string {
  return name.replace(/[A-Za-z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/**
 * Nx loads this plugin in a worker on every command that computes the project graph. @nx/devkit
 * (~0.15 s to load there) is needed only to warn, so it is loaded only then.
 */
function warn(message: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('@nx/devkit') as typeof import('@nx/devkit')).logger.warn(message);
}
