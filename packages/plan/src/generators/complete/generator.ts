import {
  createProjectGraphAsync,
  logger,
  readProjectsConfigurationFromProjectGraph,
  Tree,
} from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatStylish, verifyPlan } from '../../plan';
import type { Finding } from '../../plan/finding';
import { planPath } from '../../plan/layout';
import { recordStatus } from '../../plan/record-status';
import { testTargetProblem, verifyProjectEvidence } from '../../plan/verify-evidence';
import { projectOfModule } from '../../utils/module-project';
import { treeConfig } from '../../utils/tree-config';
import { treeModuleCode } from '../../utils/tree-module-code';
import { toNames, UserInputError } from '../feature/lib/names';
import type { CompleteGeneratorSchema } from './schema';

/**
 * Records a use-case as implemented, only when it is: the plan passes every rule as an
 * implemented plan (so it is approved and its approval current, and every checklist item is
 * ticked or `N/A: reason`), and every test it cites ran and passed in the module's last test
 * run, as its report says. Changes nothing otherwise. Ticking boxes and the status do not change
 * the digest: the approval stays.
 */
export async function completeGenerator(
  tree: Tree,
  schema: CompleteGeneratorSchema,
): Promise<void> {
  const module = toNames(schema.module, 'The module').fileName;
  const useCase = toNames(schema.useCase, 'The use-case').className;
  const config = treeConfig(tree);
  const file = planPath(config.plansDir, module, useCase);
  const text = tree.read(file, 'utf-8');
  if (text === null) {
    throw new UserInputError(
      `There is no plan at ${file}. Plan the use-case first: nx g @mjomeet/plan:feature --module=${module} --useCase=${useCase}`,
    );
  }
  const project = projectOfModule(tree, module);
  if (!project) {
    throw new UserInputError(
      `The plan's module "${module}" has no Nx project, so its code and tests cannot be checked.`,
    );
  }

  // The plan as it would be once implemented: every rule, approval included, judges that.
  const implemented = recordStatus(text, 'implemented');
  const planFindings = verifyPlan({
    file,
    text: implemented,
    moduleCode: treeModuleCode(tree, project.root),
    config,
  });

  // The evidence of the last test run, with the test target as Nx merged it.
  const merged = await mergedProject(tree, project.name);
  const reportPath = `${project.root}/${config.evidence.report}`;
  const targets = merged?.targets ?? project.targets ?? {};
  const evidence = verifyProjectEvidence({
    workspaceRoot: tree.root,
    config,
    plansDir: `${config.plansDir}/${module}`,
    project: project.name,
    report: reportPath,
    testTarget: config.evidence.testTarget,
    plans: [file],
    readFile: (path) => tree.read(path, 'utf-8') ?? undefined,
    targetProblem: testTargetProblem(
      targets[config.evidence.testTarget],
      { name: project.name, root: project.root, targets: Object.keys(targets) },
      reportPath,
    ),
  });

  const errors: Finding[] = [...planFindings, ...evidence.findings].filter(
    (finding) => finding.severity === 'error',
  );
  if (errors.length > 0) {
    throw new UserInputError(
      `${useCase} is not implemented yet, so ${file} keeps its status: fix these first, then run nx run ${project.name}:${config.evidence.targetName} and complete again.\n\n${formatStylish(errors, 1)}`,
    );
  }
  if (text === implemented) {
    logger.info(`${file} is implemented already, and still is: every check passes.`);
    return;
  }
  const passed = evidence.cited.length;
  logger.info(
    `${useCase} is implemented: every checklist item is done or N/A, and the ${passed} test${passed === 1 ? '' : 's'} it cites passed in the last run of ${project.name}:${config.evidence.testTarget}.`,
  );
  tree.write(file, implemented);
}

/**
 * The project as Nx merged it (targetDefaults, inferred targets); undefined when the tree is not
 * a workspace on disk (a test's tree), or the graph cannot be computed.
 */
async function mergedProject(tree: Tree, name: string) {
  if (!existsSync(join(tree.root, 'nx.json'))) return undefined;
  try {
    const graph = await createProjectGraphAsync({ exitOnError: false });
    return readProjectsConfigurationFromProjectGraph(graph).projects[name];
  } catch {
    return undefined;
  }
}

export default completeGenerator;
