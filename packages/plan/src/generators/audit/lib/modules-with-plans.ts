import { Tree, visitNotIgnoredFiles } from '@nx/devkit';
import { moduleOfPlanFile } from '../../../plan/plan-required';

/**
 * The modules that have plans, as the plugin sees them: any markdown file below
 * `{plansDir}/{module}/` (a misplaced or misnamed plan still makes its module plan-required;
 * verify-plan then reports it).
 */
export function modulesWithPlans(tree: Tree, plansDir: string): string[] {
  if (!tree.exists(plansDir) || tree.isFile(plansDir)) return [];
  const modules = new Set<string>();
  visitNotIgnoredFiles(tree, plansDir, (file) => {
    const module = moduleOfPlanFile(file, plansDir);
    if (module) modules.add(module);
  });
  return [...modules].sort();
}
