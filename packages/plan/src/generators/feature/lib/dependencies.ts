import {
  addDependenciesToPackageJson,
  GeneratorCallback,
  getProjects,
  installPackagesTask,
  joinPathFragments,
  readJson,
  Tree,
} from '@nx/devkit';

/**
 * What the generated code needs at run time. What a module project needs to build and test
 * (jest, TypeScript, @nx/jest) is the business of the Nx generators that make it, and an adopted
 * project keeps its own set-up.
 */
const MODULE_DEPENDENCIES = ['@mjomeet/ddd'];

/**
 * Adds to the workspace's package.json what generated modules need and the workspace lacks,
 * and returns the install step Nx runs after writing. Nothing is added twice, and a package the
 * workspace builds itself (a workspace package of that name) counts as present.
 */
export function ensureModuleDependencies(tree: Tree): GeneratorCallback | undefined {
  if (!tree.exists('package.json')) return undefined;
  const present = presentPackages(tree);
  const ownVersion = `^${pluginVersion()}`;
  const dependencies = Object.fromEntries(
    MODULE_DEPENDENCIES.filter((name) => !present.has(name)).map((name) => [name, ownVersion]),
  );
  if (Object.keys(dependencies).length === 0) return undefined;
  addDependenciesToPackageJson(tree, dependencies, {});
  return () => installPackagesTask(tree);
}

function presentPackages(tree: Tree): Map<string, string> {
  const root = readJson<PackageJson>(tree, 'package.json');
  const present = new Map<string, string>(
    Object.entries({ ...root.dependencies, ...root.devDependencies }),
  );
  for (const project of getProjects(tree).values()) {
    const manifest = joinPathFragments(project.root, 'package.json');
    if (!tree.exists(manifest)) continue;
    const { name, version } = readJson<PackageJson>(tree, manifest);
    if (name) present.set(name, version ?? '*');
  }
  return present;
}

/** The Nx that runs this generator: the Nx plugins it adds must match it. */
export function runningNxVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('nx/package.json') as PackageJson).version ?? 'latest';
}

function pluginVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../../package.json') as PackageJson).version ?? '0.0.0';
}

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
