import { ExecutorContext, logger } from '@nx/devkit';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatReport, verifyProjectPlans } from '../../plan';
import { printLine } from '../../utils/write-stdout';
import type { VerifyPlanExecutorSchema } from './schema';

export default async function verifyPlanExecutor(
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const projectName = context.projectName ?? '';
  const project = context.projectsConfigurations?.projects[projectName];
  const result = verifyProjectPlans({
    workspaceRoot: context.root,
    plansDir: options.plansDir ?? `docs/features/${projectName}`,
    projectRoot: project?.root,
    useCase: options.useCase,
  });
  if (result.problem) {
    logger.error(result.problem);
    return { success: false };
  }

  const format = options.format ?? 'stylish';
  const report = formatReport(format, result.findings, result.plans.length);
  if (options.outputFile) {
    // The file is for tools; the terminal still shows people what was found.
    const target = join(context.root, options.outputFile);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, report);
    await printLine(formatReport('stylish', result.findings, result.plans.length));
  } else {
    await printLine(report);
  }
  return { success: !result.findings.some((finding) => finding.severity === 'error') };
}
