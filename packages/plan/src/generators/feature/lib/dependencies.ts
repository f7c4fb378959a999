import {
  addDependenciesToPackageJson,
  GeneratorCallback,
  getProjects,
  installPackagesTask,
  joinPathFragments,
  readJson,
  Tree,
} from '@nx/devkit';

/** What the generated module needs at run time. */
const MODULE_DEPENDENCIES = ['@mjomeet/ddd'];
/** What its test and typecheck targets need. */
const MODULE_DEV_DEPENDENCIES: Record<string, string> = {
  jest: '^30.0.0',
  '@swc/jest': '^0.2.39',
  '@swc/core': '^1.15.0',
  '@types/jest': '^30.0.0',
  '@types/node': '^20.0.0',
  typescript: '~5.9.0',
};

/**
 * Adds to the workspace's package.json what generated modules need and the workspace lacks,
 * and returns the install step Nx runs after writing. Nothing is added twice, and a package the
 * workspace builds itself (a workspace package of that name) counts as present.
 */
export function ensureModuleDependencies(tree: Tree): GeneratorCallback | undefined {
  if (!tree.exists('package.json')) return undefined;
  const present = presentPackages(tree);
  const ownVersion = `^${pluginVersion()}`;
  const nxVersion = present.get('nx') ?? runningNxVersion();
  const missing = (wanted: Record<string, string>) =>
    Object.fromEntries(Object.entries(wanted).filter(([name]) => !present.has(name)));

  const dependencies = missing(Object.fromEntries(MODULE_DEPENDENCIES.map((n) => [n, ownVersion])));
  const devDependencies = missing({ ...MODULE_DEV_DEPENDENCIES, '@nx/jest': nxVersion });
  if (Object.keys(dependencies).length === 0 && Object.keys(devDependencies).length === 0) {
    return undefined;
  }
  addDependenciesToPackageJson(tree, dependencies, devDependencies);
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

/** The Nx that runs this generator: @nx/jest must match it. */
function runningNxVersion(): string {
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
