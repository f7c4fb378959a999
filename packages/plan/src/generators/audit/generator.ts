import { createProjectGraphAsync, logger, ProjectGraph, readNxJson, Tree } from '@nx/devkit';
import { AuditProject, auditReport, auditWorkspace, planRequiredProjects } from '../../plan/audit';
import type { DependsOnEntry } from '../../plan/depends-on';
import { UserInputError } from '../feature/lib/names';
import { modulesWithPlans } from './lib/modules-with-plans';
import { defaultGatedTargets, planPluginSettings } from './lib/plugin-options';
import { planPluginOptions } from '../../utils/plan-config';
import type { AuditGeneratorSchema } from './schema';

/**
 * The workspace audit, for CI: fails, listing them, when a plan-required project has no
 * verify-plan, runs another executor under that name, or has a gated target that does not depend
 * on it. Writes nothing. The projects are read from the project graph, where Nx has merged
 * targetDefaults, inferred targets and project.json: what `nx run` would really do.
 */
export async function auditGenerator(tree: Tree, schema: AuditGeneratorSchema = {}): Promise<void> {
  const nxJson = readNxJson(tree);
  const { registered, targetName, plansDir } = planPluginSettings(nxJson);
  const gatedTargets =
    schema.gatedTargets && schema.gatedTargets.length > 0
      ? schema.gatedTargets
      : defaultGatedTargets(nxJson, targetName);

  const projects = auditProjects(await createProjectGraphAsync({ exitOnError: false }));
  const modules = modulesWithPlans(tree, plansDir);
  const findings = auditWorkspace({
    projects,
    modulesWithPlans: modules,
    targetName,
    gatedTargets,
    plansDir,
    pluginRegistered: registered,
    pluginOptions: planPluginOptions(nxJson) as Record<string, unknown>,
  });
  const report = auditReport({
    findings,
    planRequired: planRequiredProjects(projects, modules).length,
    targetName,
    gatedTargets,
  });
  // Nx prints a thrown error's message without its stack and exits 1.
  if (findings.length > 0) throw new UserInputError(report);
  logger.info(report);
}

function auditProjects(graph: ProjectGraph): AuditProject[] {
  return Object.values(graph.nodes).map((node) => ({
    name: node.name,
    root: node.data.root,
    tags: node.data.tags ?? [],
    targets: Object.fromEntries(
      Object.entries(node.data.targets ?? {}).map(([name, target]) => [
        name,
        {
          executor: target.executor,
          dependsOn: target.dependsOn as DependsOnEntry[] | undefined,
          options: target.options as Record<string, unknown> | undefined,
        },
      ]),
    ),
  }));
}

export default auditGenerator;
