import { ExecutorContext, logger } from '@nx/devkit';
import { formatReport } from '../../plan';
import { loadConfig } from '../../plan/config/load';
import { ConfigError, ResolvedConfig } from '../../plan/config/resolve';
import { planModuleOf } from '../../plan/plan-required';
import { testTargetProblem, verifyProjectEvidence } from '../../plan/verify-evidence';
import { workspaceConfig } from '../../utils/plan-config';
import { printLine } from '../../utils/write-stdout';
import { reportFilePath, writeReportFile } from '../verify-plan/write-report-file';
import type { VerifyEvidenceExecutorSchema } from './schema';

/**
 * Runs after the module's test target (it depends on it): checks the tests the module's plans
 * cite against the report that run wrote, or that a cache hit restored. Runs no test.
 */
export default async function verifyEvidenceExecutor(
  options: VerifyEvidenceExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const projectName = context.projectName ?? '';
  const project = context.projectsConfigurations?.projects[projectName];
  let config: ResolvedConfig;
  try {
    config =
      options.config !== undefined
        ? loadConfig(options.config, context.root)
        : workspaceConfig(context.nxJsonConfiguration, context.root);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(error.message);
    return { success: false };
  }
  const root = project?.root ?? '.';
  const module = planModuleOf(projectName, project?.tags);
  const testTarget = options.testTarget ?? config.evidence.testTarget;
  const reportPath = (options.report ?? `${root}/${config.evidence.report}`).replace(/^\.\//, '');
  const targets = project?.targets ?? {};
  const result = verifyProjectEvidence({
    workspaceRoot: context.root,
    config,
    plansDir: options.plansDir ?? `${config.plansDir}/${module}`,
    project: projectName,
    report: reportPath,
    testTarget,
    useCase: options.useCase,
    targetProblem: testTargetProblem(
      targets[testTarget],
      { name: projectName, root, targets: Object.keys(targets) },
      reportPath,
    ),
  });

  const format = options.format ?? 'stylish';
  const passed = result.cited.filter((cited) => cited.outcome.kind === 'passed').length;
  const summary =
    result.findings.length === 0
      ? `✔ ${plural(passed, 'cited test')} ran and passed (${plural(result.plans.length, 'plan')}; ${reportPath})\n`
      : undefined;
  const report = formatReport(format, result.findings, result.plans.length, {
    rules: config.knownRules.map((rule) => rule.meta),
  });
  const forPeople = summary ?? formatReport('stylish', result.findings, result.plans.length);
  if (options.outputFile) {
    const problem = writeReportFile(
      reportFilePath(context.root, options.outputFile),
      options.outputFile,
      report,
    );
    if (problem) {
      logger.error(problem);
      return { success: false };
    }
    await printLine(forPeople);
  } else {
    await printLine(format === 'stylish' ? forPeople : report);
  }
  return { success: !result.findings.some((finding) => finding.severity === 'error') };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
