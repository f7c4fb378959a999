import {
  getProjects,
  joinPathFragments,
  ProjectConfiguration,
  readJson,
  Tree,
  updateJson,
} from '@nx/devkit';
import { planModuleOf } from '../plan/plan-required';

export type NamedProject = ProjectConfiguration & { name: string };

/**
 * The Nx project whose plan module is `module`: the project named so (with or without an npm
 * scope), or the one tagged `plan:module:{module}`, however Nx defines it (project.json or
 * package.json). The generators, the executor and the plugin map modules to projects alike.
 */
export function projectOfModule(tree: Tree, module: string): NamedProject | undefined {
  for (const [name, project] of getProjects(tree)) {
    if (planModuleOf(name, project.tags) === module) return { ...project, name };
  }
  return undefined;
}

/** The Nx project of that name, however Nx defines it; undefined when there is none. */
export function projectNamed(tree: Tree, name: string): NamedProject | undefined {
  const project = getProjects(tree).get(name);
  return project ? { ...project, name } : undefined;
}

/**
 * Adds tags to a project in the file that defines it: its project.json, else the `nx` field of
 * its package.json. Only `tags` is written: what Nx infers for a package.json project (targets
 * from its scripts, its name) is not copied into the file, and nothing else of it changes.
 * Returns the file written, or undefined when every tag was there already.
 */
export function addProjectTags(
  tree: Tree,
  project: NamedProject,
  tags: readonly string[],
): string | undefined {
  const missing = tags.filter((tag) => !(project.tags ?? []).includes(tag));
  if (missing.length === 0) return undefined;
  const projectJson = joinPathFragments(project.root, 'project.json');
  if (tree.exists(projectJson)) {
    updateJson<{ tags?: string[] }>(tree, projectJson, (json) => ({
      ...json,
      tags: union(json.tags, missing),
    }));
    return projectJson;
  }
  const packageJson = joinPathFragments(project.root, 'package.json');
  if (!tree.exists(packageJson)) {
    throw new Error(
      `The project "${project.name}" has neither a project.json nor a package.json in ${project.root}; tag it ${missing.map((tag) => `"${tag}"`).join(' and ')} where it is defined.`,
    );
  }
  const manifest = readJson<{ nx?: { tags?: string[] } }>(tree, packageJson);
  updateJson<{ nx?: { tags?: string[] } }>(tree, packageJson, (json) => ({
    ...json,
    nx: { ...json.nx, tags: union(manifest.nx?.tags, missing) },
  }));
  return packageJson;
}

function union(current: readonly string[] | undefined, added: readonly string[]): string[] {
  return [...new Set([...(current ?? []), ...added])];
}
