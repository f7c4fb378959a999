import { Tree } from '@nx/devkit';

const PLAN_FILE = /-plan\.md$/;

/**
 * The modules that have plans: the folders directly under `plansDir` with a `*-plan.md` anywhere
 * below them. Anywhere, not only at `{module}/{UseCase}/{UseCase}-plan.md`: a misplaced or
 * misnamed plan still makes its module plan-required (verify-plan then reports it).
 */
export function modulesWithPlans(tree: Tree, plansDir: string): string[] {
  if (!tree.exists(plansDir) || tree.isFile(plansDir)) return [];
  return tree
    .children(plansDir)
    .filter((module) => !tree.isFile(`${plansDir}/${module}`))
    .filter((module) => hasPlan(tree, `${plansDir}/${module}`))
    .sort();
}

function hasPlan(tree: Tree, dir: string): boolean {
  return tree.children(dir).some((child) => {
    const path = `${dir}/${child}`;
    return tree.isFile(path) ? PLAN_FILE.test(child) : hasPlan(tree, path);
  });
}
