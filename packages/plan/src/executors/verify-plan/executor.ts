import { ExecutorContext, logger } from '@nx/devkit';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatReport, verifyProjectPlans } from '../../plan';
import { DEFAULT_PLANS_DIR, planModuleOf } from '../../plan/plan-required';
import type { VerifyPlanExecutorSchema } from './schema';

export default async function verifyPlanExecutor(
  options: VerifyPlanExecutorSchema,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const projectName = context.projectName ?? '';
  const project = context.projectsConfigurations?.projects[projectName];
  const module = planModuleOf(projectName, project?.tags);
  const result = verifyProjectPlans({
    workspaceRoot: context.root,
    plansDir: options.plansDir ?? `${DEFAULT_PLANS_DIR}/${module}`,
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
    print(formatReport('stylish', result.findings, result.plans.length));
  } else {
    print(report);
  }
  return { success: !result.findings.some((finding) => finding.severity === 'error') };
}

function print(report: string): void {
  process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
}
