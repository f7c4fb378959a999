import {
  addProjectConfiguration,
  generateFiles,
  GeneratorCallback,
  joinPathFragments,
  OverwriteStrategy,
  readProjectConfiguration,
  Tree,
  updateProjectConfiguration,
} from '@nx/devkit';
import { DEFAULT_PROFILE } from '../../plan/config/resolve';
import { isPlanRequiredByTag, PLAN_REQUIRED_TAG } from '../../plan/plan-required';
import { ignoreTestReports, reportArgs, reportOutput } from '../../utils/test-report';
import { dirname, join } from 'node:path';
import { initGenerator, isPluginRegistered } from '../init/generator';
import { formatSnippet, formatWithPrettier } from '../../utils/prettier';
import { Artifact, listenerNames, useCaseArtifacts } from './lib/artifacts';
import { ensureModuleDependencies } from './lib/dependencies';
import { assertIdentifiersAreFree, derivedIdentifiers } from './lib/derived-identifiers';
import { addMethodToAggregate } from './lib/extend-aggregate';
import { lockModule } from './lib/module-lock';
import { nameSources } from './lib/name-sources';
import { toNames, UserInputError } from './lib/names';
import { NormalizedFeatureOptions, normalizeOptions } from './lib/normalize-options';
import { assertPathsFit } from './lib/path-limits';
import {
  codeSubstitutions,
  FILES_DIR,
  moduleSubstitutions,
  planSubstitutions,
  renderSnippet,
  SpecForPlan,
} from './lib/templates';
import { writtenPaths } from './lib/written-paths';
import type { FeatureGeneratorSchema } from './schema';

/**
 * Runs holding the module's lock, so that a concurrent run on the module cannot drop this one's
 * changes (see module-lock.ts). The lock is released once Nx has written the changes: Nx runs the
 * returned callback after that.
 */
export async function featureGenerator(
  tree: Tree,
  schema: FeatureGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const lock = lockModule(tree, toNames(schema.module, 'The module').fileName);
  if (!lock) return generateFeature(tree, schema);
  let callback: GeneratorCallback | void;
  try {
    callback = await generateFeature(tree, schema);
  } catch (error) {
    lock.releaseUnchanged();
    throw error;
  }
  return async () => {
    lock.releaseAfterWrite();
    if (callback) await callback();
  };
}

async function generateFeature(
  tree: Tree,
  schema: FeatureGeneratorSchema,
): Promise<GeneratorCallback | void> {
  const options = normalizeOptions(tree, schema);
  assertNotPlannedYet(tree, options);

  const artifacts = useCaseArtifacts(options);
  assertUsableNames(options, schema, artifacts);
  const written: string[] = [];
  if (options.createProject) written.push(...addModuleProject(tree, options));
  else markPlanRequired(tree, options.projectName);
  if (!options.skipCode) written.push(...(await addUseCaseCode(tree, options, artifacts)));

  if (!isPluginRegistered(tree)) {
    // init's own formatFiles would re-wrap the plan: its nx.json is formatted with the rest.
    await initGenerator(tree, { skipFormat: true });
    written.push('nx.json');
  }
  if (!options.skipFormat) await formatWithPrettier(tree, written);

  addPlan(tree, options, artifacts);
  if (!options.skipFormat) await formatWithPrettier(tree, [options.planFile]);

  return options.skipCode ? undefined : ensureModuleDependencies(tree);
}

export default featureGenerator;

/**
 * Refuses, before anything is written, names whose code would not compile or would hide a name
 * it uses, and names that make a path too long for a file system or a Windows checkout.
 */
function assertUsableNames(
  options: NormalizedFeatureOptions,
  schema: FeatureGeneratorSchema,
  artifacts: readonly Artifact[],
): void {
  const sources = nameSources(options, schema);
  assertIdentifiersAreFree(derivedIdentifiers(options, sources));
  assertPathsFit(writtenPaths(options, artifacts), sources);
}

/** A plan is a person's work: never overwrite it, nor the code of a use-case already made. */
function assertNotPlannedYet(tree: Tree, options: NormalizedFeatureOptions): void {
  if (tree.exists(options.planFile)) {
    throw new UserInputError(
      `${options.useCase.className} is planned already: ${options.planFile} exists. Edit that plan; to start over, delete it and the use-case's code first.`,
    );
  }
  const applicationDir = joinPathFragments(options.projectRoot, options.applicationDir);
  if (!options.skipCode && tree.exists(applicationDir)) {
    throw new UserInputError(
      `${applicationDir} exists already. Delete it or choose another use-case name; the generator never overwrites code.`,
    );
  }
}

function addModuleProject(tree: Tree, options: NormalizedFeatureOptions): string[] {
  const { project, projectRoot } = options;
  const report = options.config.evidence.report;
  ignoreTestReports(tree, report);
  const baseTsConfig = ['tsconfig.base.json', 'tsconfig.json'].find((file) => tree.exists(file));
  generateFiles(
    tree,
    join(FILES_DIR, 'module'),
    projectRoot,
    moduleSubstitutions(options, baseTsConfig),
  );
  tree.write(joinPathFragments(projectRoot, 'src/index.ts'), '');
  addProjectConfiguration(tree, project, {
    root: projectRoot,
    sourceRoot: joinPathFragments(projectRoot, 'src'),
    projectType: 'library',
    tags: ['type:module', PLAN_REQUIRED_TAG],
    targets: {
      // Cached, with jest's results as an output: verify-evidence reads them, from a cache hit too.
      [options.config.evidence.testTarget]: {
        executor: 'nx:run-commands',
        cache: true,
        outputs: ['{workspaceRoot}/coverage/{projectRoot}', reportOutput(report)],
        options: {
          command: `jest --config {projectRoot}/jest.config.cjs ${reportArgs(reportOutput(report))}`,
        },
      },
      typecheck: {
        executor: 'nx:run-commands',
        options: { command: 'tsc -p {projectRoot}/tsconfig.json --noEmit' },
      },
    },
  });
  return [
    joinPathFragments(projectRoot, 'jest.config.cjs'),
    joinPathFragments(projectRoot, 'tsconfig.json'),
    joinPathFragments(projectRoot, 'README.md'),
    joinPathFragments(projectRoot, 'project.json'),
  ];
}

/**
 * An adopted project stays gated from now on, whether or not its plans stay: the tag is what
 * the plugin, verify-plan and the audit read.
 */
function markPlanRequired(tree: Tree, project: string): void {
  const configuration = readProjectConfiguration(tree, project);
  if (isPlanRequiredByTag(configuration.tags)) return;
  updateProjectConfiguration(tree, project, {
    ...configuration,
    tags: [...(configuration.tags ?? []), PLAN_REQUIRED_TAG],
  });
}

/**
 * Writes the use-case's skeletons. Files of the aggregate that exist already are shared with
 * other use-cases: they are kept, and the aggregate is extended with this use-case's method.
 */
async function addUseCaseCode(
  tree: Tree,
  options: NormalizedFeatureOptions,
  artifacts: readonly Artifact[],
): Promise<string[]> {
  const substitutions = codeSubstitutions(options);
  const root = options.projectRoot;
  const aggregateFile = joinPathFragments(root, artifacts[0].file);
  const aggregateExisted = tree.exists(aggregateFile);
  const names = {
    aggregateFile: options.aggregate.fileName,
    aggregateIdFile: options.aggregateId.fileName,
    useCaseFile: options.useCase.fileName,
  };
  const generate = (template: string, dir: string, extra: Record<string, unknown> = {}) =>
    generateFiles(
      tree,
      join(FILES_DIR, template),
      joinPathFragments(root, dir),
      { ...substitutions, ...names, ...extra },
      { overwriteStrategy: OverwriteStrategy.KeepExisting },
    );

  if (aggregateExisted) await extendAggregate(tree, aggregateFile, options, substitutions);
  else generate('aggregate', options.domainDir);
  for (const vo of options.valueObjects) {
    generate('value-object', options.domainDir, { vo, voFile: vo.fileName });
  }
  for (const event of options.events) {
    generate('event', options.domainDir, { event, eventFile: event.fileName });
  }
  generate('use-case', options.applicationDir);
  const listener = listenerNames(options);
  options.scheduledCommands.forEach((sc, index) => {
    generate('scheduled-command', options.applicationDir, { sc, scFile: sc.fileName });
    if (index === 0 && listener) {
      generate('listener', options.applicationDir, {
        sc,
        event: options.events[0],
        listenerFile: listener.fileName,
      });
    }
  });

  await addExports(tree, options, artifacts);
  return [...artifacts.flatMap((artifact) => [artifact.file, artifact.spec])]
    .map((file) => joinPathFragments(root, file))
    .filter((file) => file !== aggregateFile || !aggregateExisted);
}

async function extendAggregate(
  tree: Tree,
  aggregateFile: string,
  options: NormalizedFeatureOptions,
  substitutions: Record<string, unknown>,
): Promise<void> {
  const format = (code: string, kind: 'member' | 'statements') =>
    options.skipFormat ? code : formatSnippet(tree, aggregateFile, code, kind);
  const method = await format(renderSnippet('aggregate-method.ts.ejs', substitutions), 'member');
  const imports = (await format(String(substitutions.useCaseImports), 'statements'))
    .split('\n')
    .filter((line) => line.trim().length > 0);
  const source = tree.read(aggregateFile, 'utf-8') ?? '';
  tree.write(
    aggregateFile,
    addMethodToAggregate(
      source,
      aggregateFile,
      options.aggregate.className,
      options.useCase.propertyName,
      method,
      imports,
    ),
  );
}

/**
 * The module's barrel gains an export per new file. Only the appended lines are formatted: the
 * lines a person wrote stay byte for byte, in whatever style they are.
 */
async function addExports(
  tree: Tree,
  options: NormalizedFeatureOptions,
  artifacts: readonly Artifact[],
): Promise<void> {
  const barrel = joinPathFragments(options.projectRoot, 'src/index.ts');
  const current = tree.read(barrel, 'utf-8') ?? '';
  const lines = artifacts
    .map((artifact) => `./${artifact.file.replace(/^src\//, '').replace(/\.ts$/, '')}`)
    .filter((path) => !new RegExp(`from\\s+['"]${escapeRegExp(path)}['"]`).test(current))
    .map((path) => `export * from '${path}';`);
  if (lines.length === 0) return;
  const added = `${lines.join('\n')}\n`;
  const formatted = options.skipFormat
    ? added
    : await formatSnippet(tree, barrel, added, 'statements');
  tree.write(barrel, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${formatted}`);
}

function addPlan(
  tree: Tree,
  options: NormalizedFeatureOptions,
  artifacts: readonly Artifact[],
): void {
  const specs: SpecForPlan[] = artifacts
    .map((artifact) => ({
      file: artifact.spec,
      subject: artifact.file,
      code: tree.read(joinPathFragments(options.projectRoot, artifact.spec), 'utf-8') ?? '',
    }))
    .filter((spec) => spec.code.length > 0);
  const { profile } = options;
  generateFiles(tree, join(FILES_DIR, 'plan'), dirname(options.planFile), {
    ...planSubstitutions(
      options,
      artifacts,
      specs,
      profile.catalog,
      profile.name === DEFAULT_PROFILE ? undefined : profile.name,
    ),
    planName: options.useCase.className,
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
