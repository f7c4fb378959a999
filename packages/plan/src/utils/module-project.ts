import { getProjects, ProjectConfiguration, Tree } from '@nx/devkit';
import { planModuleOf } from '../plan/plan-required';

/**
 * The Nx project whose plan module is `module`: the project named so (with or without an npm
 * scope), or the one tagged `plan:module:{module}`, however Nx defines it (project.json or
 * package.json). The generators, the executor and the plugin map modules to projects alike.
 */
export function projectOfModule(
  tree: Tree,
  module: string,
): (ProjectConfiguration & { name: string }) | undefined {
  for (const [name, project] of getProjects(tree)) {
    if (planModuleOf(name, project.tags) === module) return { ...project, name };
  }
  return undefined;
}
