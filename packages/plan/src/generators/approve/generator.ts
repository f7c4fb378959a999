import { logger, Tree } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { projectOfModule } from '../../utils/module-project';
import { formatStylish, moduleCodeFromFiles, recordApproval, verifyPlan } from '../../plan';
import { allowedApprovers, isAllowed } from '../../plan/approval-policy';
import { CodeOwners, CODEOWNERS_LOCATIONS, parseCodeOwners } from '../../plan/codeowners';
import { planDigest } from '../../plan/digest';
import { gitIdentity, readPlansHistory } from '../../plan/git-history';
import { planPath } from '../../plan/layout';
import { authoredBy, proveApproval } from '../../plan/plan-history';
import { treeConfig } from '../../utils/tree-config';
import { UserInputError, toNames } from '../feature/lib/names';
import type { ApproveGeneratorSchema } from './schema';

/** A label of the approver (`--by`): one plain line. */
const LABEL = /^[^\r\n]{1,100}$/;

/**
 * Approves a plan as the git identity of whoever runs it (user.name, user.email): the approval
 * is proved later from the commit that adds it, so it records who will commit it. `--by` only
 * labels that identity. Nothing is written unless every check passes.
 */
export async function approveGenerator(tree: Tree, schema: ApproveGeneratorSchema): Promise<void> {
  const module = toNames(schema.module, 'The module').fileName;
  const useCase = toNames(schema.useCase, 'The use-case').className;
  const label = schema.by === undefined ? undefined : schema.by.trim();
  if (label !== undefined && !LABEL.test(label)) {
    throw new UserInputError(
      '--by labels your git identity (it never replaces it): give one line of at most 100 characters, or leave it out.',
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
  const workspaceRoot = existsSync(tree.root) ? tree.root : process.cwd();
  const identity = approverIdentity(workspaceRoot);

  const moduleCode = moduleCodeFromFiles(project.root, readSources(tree, project.root));
  const findings = verifyPlan({ file, text, moduleCode, config, skipTags: ['approval'] });
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    throw new UserInputError(
      `${file} cannot be approved yet: fix these first, then approve again.\n\n${formatStylish(errors, 1)}`,
    );
  }

  const policy = config.approval;
  const allowed = allowedApprovers(policy, file, readCodeOwners(tree));
  if (allowed && !isAllowed(allowed, identity)) {
    throw new UserInputError(
      `${identity.name} <${identity.email}> (your git identity) may not approve ${file}; its approvers are ${allowed.source}.`,
    );
  }
  if (policy.fourEyes) {
    const own = ownContentCommits(tree.root, config.plansDir, module, file, text, identity);
    if (own.length > 0) {
      throw new UserInputError(
        `${identity.email} (your git identity) wrote this plan's content since its last approval (${own.join(', ')}); with fourEyes, someone who did not write it approves it.`,
      );
    }
  }
  // Warnings do not block an approval, but the reviewer approves knowing them.
  if (findings.length > 0) logger.warn(formatStylish(findings, 1));

  tree.write(
    file,
    recordApproval(text, { by: identity.name, email: identity.email, at: new Date(), label }),
  );
  const sign = policy.requireSignedApprovals ? ' -S' : '';
  logger.info(
    `Approved as ${identity.name} <${identity.email}>. The approval counts once you commit it as yourself: git add ${file} && git commit${sign} -m "Approve ${module}/${useCase}". verify-plan proves it from that commit (docs/approval.md).`,
  );
}

/** The approver: who git records as the author of the next commit made here. */
function approverIdentity(cwd: string): { name: string; email: string } {
  const identity = gitIdentity(cwd);
  if (!('problem' in identity)) return identity;
  if (identity.problem === 'git-missing') {
    throw new UserInputError(
      `approve records your git identity, and git cannot be run here (${identity.detail}). Install git and put it on the PATH.`,
    );
  }
  throw new UserInputError(
    'approve records your git identity, and git has none here. Tell git who you are first: git config user.name "Your Name" && git config user.email you@example.com (the commit that adds the approval must be yours).',
  );
}

/** The workspace's CODEOWNERS, where GitHub looks for it. */
function readCodeOwners(tree: Tree): CodeOwners | undefined {
  for (const location of CODEOWNERS_LOCATIONS) {
    const text = tree.read(location, 'utf-8');
    if (text !== null) return parseCodeOwners(location, text);
  }
  return undefined;
}

/**
 * The commits of the approver that changed the plan's content since its last approval, as far
 * as committed history shows (nothing when there is no history here: verify-plan says so).
 */
function ownContentCommits(
  root: string,
  plansDir: string,
  module: string,
  file: string,
  text: string,
  identity: { name: string; email: string },
): string[] {
  if (!existsSync(root)) return [];
  const history = readPlansHistory({
    workspaceRoot: root,
    plansDir: `${plansDir}/${module}`,
    plans: [file],
  }).get(file);
  if (!history?.available) return [];
  const entry = {
    by: identity.name,
    email: identity.email,
    at: undefined,
    digest: planDigest(text),
    label: undefined,
    key: JSON.stringify(['(about to be recorded)', identity.email]),
    legacy: false,
    index: 0,
  };
  return proveApproval(entry, history)
    .contentCommits.filter((commit) => authoredBy(commit, entry))
    .map((commit) => `commit ${commit.hash.slice(0, 7)}`);
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
