import type { ExecutorContext } from '@nx/devkit';
// @nx/devkit's logger is Nx's own, which the task process has loaded already; @nx/devkit itself
// would add about 0.15 s of loading to every verify-plan task process.
import { logger } from 'nx/src/utils/logger';
import { formatReport } from '../../plan/formatters';
import {
  verifyProjectPlans,
  VerifyProjectPlansOptions,
  VerifyProjectPlansResult,
} from '../../plan/verify-project';
import { loadConfig } from '../../plan/config/load';
import { ConfigError, ResolvedConfig } from '../../plan/config/resolve';
import { planModuleOf } from '../../plan/plan-required';
import { workspaceConfig } from '../../utils/plan-config';
import { printLine } from '../../utils/write-stdout';
import type { VerifyPlanExecutorSchema } from './schema';
import {
  isInsideWorkspace,
  outsideWorkspaceWarning,
  reportFilePath,
  writeReportFile,
} from './write-report-file';

export default function verifyPlanExecutor(
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  return verifyPlanTask(options, context, taskConfig);
}

/**
 * The configuration of one task. The inferred target carries the plugin's options (so that they
 * are part of its hash); a target written by hand reads them from nx.json. Throws ConfigError.
 */
export function taskConfig(
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
): ResolvedConfig {
  return options.config !== undefined
    ? loadConfig(options.config, context.root)
    : workspaceConfig(context.nxJsonConfiguration, context.root);
}

/**
 * One verify-plan task: what the executor does, with the configuration from `configOf` (the
 * batch implementation resolves each distinct configuration once for all its tasks).
 */
export async function verifyPlanTask(
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
  configOf: typeof taskConfig,
): Promise<{ success: boolean }> {
  return reportTask(prepareTask(options, context, configOf), verifyProjectPlans);
}

/** A task ready to verify (what it verifies, with which configuration), or its error. */
export type PreparedTask =
  | {
      readonly options: VerifyPlanExecutorSchema;
      readonly context: ExecutorContext;
      readonly config: ResolvedConfig;
      readonly verify: VerifyProjectPlansOptions;
    }
  | { readonly configError: ConfigError }
  | { readonly thrown: unknown };

/** Resolves a task's configuration and what it verifies. Never throws: reportTask reports it. */
export function prepareTask(
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
  configOf: typeof taskConfig,
): PreparedTask {
  try {
    const config = configOf(options, context);
    const projectName = context.projectName ?? '';
    const project = context.projectsConfigurations?.projects[projectName];
    const module = planModuleOf(projectName, project?.tags);
    const verify: VerifyProjectPlansOptions = {
      workspaceRoot: context.root,
      config,
      plansDir: options.plansDir ?? `${config.plansDir}/${module}`,
      projectRoot: project?.root,
      useCase: options.useCase,
      ci: options.ci ?? isCiEnvironment(process.env),
    };
    return { options, context, config, verify };
  } catch (error) {
    return error instanceof ConfigError ? { configError: error } : { thrown: error };
  }
}

/**
 * Runs a prepared task's verification (`verify`: the model's, or the batch's verification of
 * that module) and prints its report, or its error. What throws here
 * fails the task with its stack, as it would fail the task's process.
 */
export async function reportTask(
  task: PreparedTask,
  verify: (options: VerifyProjectPlansOptions) => VerifyProjectPlansResult,
): Promise<{ success: boolean }> {
  if ('thrown' in task) throw task.thrown;
  if ('configError' in task) {
    logger.error(task.configError.message);
    return { success: false };
  }
  const { options, context, config } = task;
  const result = verify(task.verify);
  if (result.problem) {
    logger.error(result.problem);
    return { success: false };
  }

  const format = options.format ?? 'stylish';
  const report = formatReport(format, result.findings, result.plans.length, {
    rules: config.knownRules.map((rule) => rule.meta),
  });
  if (options.outputFile) {
    const path = reportFilePath(context.root, options.outputFile);
    const problem = writeReportFile(path, options.outputFile, report);
    if (problem) {
      logger.error(problem);
      return { success: false };
    }
    if (isCached(context) && !isInsideWorkspace(context.root, path)) {
      logger.warn(outsideWorkspaceWarning(options.outputFile));
    }
    // The file is for tools; the terminal still shows people what was found.
    await printLine(formatReport('stylish', result.findings, result.plans.length));
  } else {
    await printLine(report);
  }
  return { success: !result.findings.some((finding) => finding.severity === 'error') };
}

/**
 * `CI` set to anything but "false" or "0", as CI services set it (GitHub Actions, GitLab,
 * CircleCI, Azure Pipelines with a variable, …): approvals that history cannot prove then fail.
 */
export function isCiEnvironment(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** Whether Nx will cache this run: the target says so and the run does not skip the cache. */
function isCached(context: ExecutorContext): boolean {
  return context.target?.cache === true && process.env.NX_SKIP_NX_CACHE !== 'true';
}
