import { logger, Tree } from '@nx/devkit';
import { projectOfModule } from '../../utils/module-project';
import { formatStylish, moduleCodeFromFiles, recordApproval, verifyPlan } from '../../plan';
import { planPath } from '../../plan/layout';
import { treeConfig } from '../../utils/tree-config';
import { UserInputError, toNames } from '../feature/lib/names';
import type { ApproveGeneratorSchema } from './schema';

/** Who approved and when are recorded as given; keep them to one plain line. */
const REVIEWER = /^[^\r\n]{1,100}$/;

export async function approveGenerator(tree: Tree, schema: ApproveGeneratorSchema): Promise<void> {
  const module = toNames(schema.module, 'The module').fileName;
  const useCase = toNames(schema.useCase, 'The use-case').className;
  const by = (schema.by ?? '').trim();
  if (!REVIEWER.test(by)) {
    throw new UserInputError(
      'Say who approves the plan with --by="Your Name" (one line, at most 100 characters).',
    );
  }

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
      `The plan's module "${module}" has no Nx project, so its code cannot be traced. Create it with nx g @mjomeet/plan:feature --module=${module} --useCase=${useCase}.`,
    );
  }

  const moduleCode = moduleCodeFromFiles(project.root, readSources(tree, project.root));
  const findings = verifyPlan({ file, text, moduleCode, config, skipTags: ['approval'] });
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    throw new UserInputError(
      `${file} cannot be approved yet: fix these first, then approve again.\n\n${formatStylish(errors, 1)}`,
    );
  }
  // Warnings do not block an approval, but the reviewer approves knowing them.
  if (findings.length > 0) logger.warn(formatStylish(findings, 1));

  tree.write(file, recordApproval(text, { by, at: new Date() }));
}

/** The module's TypeScript sources, as the traceability rules read them. */
function readSources(tree: Tree, projectRoot: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (tree.isFile(path)) {
        if (path.endsWith('.ts'))
          files.set(path.slice(projectRoot.length + 1), tree.read(path, 'utf-8') ?? '');
      } else visit(path);
    }
  };
  visit(`${projectRoot}/src`);
  return files;
}

export default approveGenerator;
