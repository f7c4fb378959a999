/**
 * A new module project, made the way `nx g @nx/js:library` makes one in this workspace, and with
 * Nx's own generators: `@nx/js:library`, which composes `@nx/jest:configuration`. The project
 * then follows the workspace's conventions: a package.json project with TypeScript project
 * references, customConditions and ES modules in a `--preset=ts` workspace; a project.json and
 * CommonJS where the workspace has those; the workspace's jest preset and plugin.
 */
import {
  ensurePackage,
  generateFiles,
  GeneratorCallback,
  getProjects,
  joinPathFragments,
  readNxJson,
  Tree,
} from '@nx/devkit';
import { join } from 'node:path';
import { PLAN_REQUIRED_TAG } from '../../../plan/plan-required';
import { setUpProjectTestReport } from '../../../utils/test-report';
import { runningNxVersion } from './dependencies';
import { UserInputError } from './names';
import type { NormalizedFeatureOptions } from './normalize-options';
import { FILES_DIR } from './templates';

type NxJs = typeof import('@nx/js');
type LibraryOptions = Parameters<NxJs['libraryGenerator']>[1];

/** Tags of a module project: what it is, and that it is gated whether or not it has plans. */
export const MODULE_TAGS = ['type:module', PLAN_REQUIRED_TAG];

export interface CreatedModuleProject {
  /** Its Nx project name: `rooms`, or `@org/rooms` for a package.json project. */
  readonly projectName: string;
  /** The files Nx's generators created or changed, to be formatted with the rest. */
  readonly written: string[];
  /** Nx's install step (its devDependencies, and linking the new workspace package). */
  readonly callback: GeneratorCallback;
}

export async function addModuleProject(
  tree: Tree,
  options: NormalizedFeatureOptions,
): Promise<CreatedModuleProject> {
  assertWorkspaceTypeScriptHasApi(tree, options);
  const root = options.projectRoot;
  const before = new Set(tree.listChanges().map((change) => change.path));
  // Installs @nx/js out of band when the workspace lacks it; its init then adds it (and
  // @nx/jest's adds @nx/jest) to the workspace's devDependencies, as `nx add` would.
  const { libraryGenerator } = ensurePackage<NxJs>('@nx/js', runningNxVersion());
  const nxJson = readNxJson(tree) ?? {};
  const library: LibraryOptions = {
    directory: root,
    bundler: 'tsc',
    unitTestRunner: 'jest',
    testEnvironment: 'node',
    linter: workspaceLinter(tree),
    tags: MODULE_TAGS.join(','),
    strict: true,
    skipFormat: true,
    // The workspace's formatter is its own business: the generated files are formatted with its
    // prettier when it has one; no formatter is installed or configured here.
    formatter: 'none',
    // As `nx g @nx/js:library` runs it (libraryGenerator's own defaults are for older callers):
    // inference plugins unless the workspace opted out, and a package.json project or a
    // project.json as the workspace's TypeScript setup has them.
    addPlugin: process.env.NX_ADD_PLUGINS !== 'false' && nxJson.useInferencePlugins !== false,
    useProjectJson: undefined,
  };
  const callback = await libraryGenerator(tree, library);

  const projectName = projectNameAt(tree, root);
  removeSampleCode(tree, root);
  writeReadme(tree, root, options.project, projectName);
  commonJsJestConfig(tree, root);
  // verify-evidence reads the report of the module's test run, restored by a cache hit too.
  const { testTarget, report } = options.config.evidence;
  setUpProjectTestReport(tree, projectName, testTarget, report);

  const written = tree
    .listChanges()
    .filter((change) => change.type !== 'DELETE' && !before.has(change.path))
    .map((change) => change.path);
  return { projectName, written, callback };
}

/**
 * Nx 23's `@nx/js:library` reads tsconfig files with the workspace's TypeScript API, which
 * TypeScript 7 (the native compiler) does not have: refused here, before anything is written,
 * with what works instead. A workspace with no TypeScript yet gets one from Nx's init.
 */
function assertWorkspaceTypeScriptHasApi(tree: Tree, options: NormalizedFeatureOptions): void {
  let typescript: { version?: string; readConfigFile?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    typescript = require(require.resolve('typescript', { paths: [tree.root] }));
  } catch {
    return;
  }
  if (typeof typescript.readConfigFile === 'function') return;
  throw new UserInputError(
    `The module "${options.project}" has no project yet, and making one runs Nx's @nx/js:library, which needs TypeScript's JavaScript API; the workspace's typescript ${typescript.version ?? ''} (7.x, the native compiler) has none, and Nx 23 does not support it yet. Plan in an existing project with --project=<name>, or create the library while the workspace is on TypeScript 6 or 5.`,
  );
}

/** The linter the workspace uses, as `nx g @nx/js:library` follows it; none when it has none. */
function workspaceLinter(tree: Tree): LibraryOptions['linter'] {
  const children = tree.children('');
  if (
    children.some((file) =>
      /^(eslint\.config\.[cm]?[jt]s|\.eslintrc(\.json|\.js|\.cjs)?)$/.test(file),
    )
  )
    return 'eslint';
  if (children.some((file) => /^\.?oxlintrc\.json$/.test(file))) return 'oxlint';
  return 'none';
}

function projectNameAt(tree: Tree, root: string): string {
  for (const [name, project] of getProjects(tree)) if (project.root === root) return name;
  throw new Error(`@nx/js:library made no project in ${root}.`);
}

/**
 * Nx's sample (`src/lib/{name}.ts`, its spec and the barrel's line) makes way for the module's
 * own code: the barrel starts empty and gains a line per artifact.
 */
function removeSampleCode(tree: Tree, root: string): void {
  const lib = joinPathFragments(root, 'src/lib');
  if (tree.exists(lib)) tree.delete(lib);
  tree.write(joinPathFragments(root, 'src/index.ts'), '');
}

/** The module's README says how it is planned and gated. */
function writeReadme(tree: Tree, root: string, module: string, projectName: string): void {
  const readme = joinPathFragments(root, 'README.md');
  if (tree.exists(readme)) tree.delete(readme);
  generateFiles(tree, join(FILES_DIR, 'module'), root, { tmpl: '', module, projectName });
}

/**
 * `@nx/jest:configuration` writes jest.config.cts, which jest loads through ts-node with the
 * compiler options Nx's jest plugin sets (`moduleResolution: node10`). TypeScript 6 refuses
 * those (TS5107, node10 deprecated) and no longer sees @types/node by default (TS2591), so
 * `nx test` fails in a new `--preset=ts` workspace. Its content is CommonJS already: as
 * jest.config.cjs it loads with no TypeScript at all, whatever the workspace's version.
 */
function commonJsJestConfig(tree: Tree, root: string): void {
  const cts = joinPathFragments(root, 'jest.config.cts');
  const content = tree.read(cts, 'utf-8');
  if (content === null || /^\s*(import|export)\s/m.test(content)) return;
  tree.rename(cts, joinPathFragments(root, 'jest.config.cjs'));
}
