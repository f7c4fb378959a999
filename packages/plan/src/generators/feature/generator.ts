import {
  generateFiles,
  GeneratorCallback,
  joinPathFragments,
  OverwriteStrategy,
  runTasksInSerial,
  Tree,
} from '@nx/devkit';
import { DEFAULT_PROFILE } from '../../plan/config/resolve';
import { planModuleOf } from '../../plan/plan-required';
import { addProjectTags, projectNamed } from '../../utils/module-project';
import { dirname, join } from 'node:path';
import { initGenerator, isPluginRegistered } from '../init/generator';
import { formatSnippet, formatWithPrettier } from '../../utils/prettier';
import { Artifact, listenerNames, useCaseArtifacts } from './lib/artifacts';
import { ensureModuleDependencies } from './lib/dependencies';
import { assertIdentifiersAreFree, derivedIdentifiers } from './lib/derived-identifiers';
import { addMethodToAggregate } from './lib/extend-aggregate';
import { ImportExtension, relativeImportExtension, withImportExtension } from './lib/import-style';
import { addModuleProject } from './lib/module-project';
import { lockModule } from './lib/module-lock';
import { nameSources } from './lib/name-sources';
import { toNames, UserInputError } from './lib/names';
import { NormalizedFeatureOptions, normalizeOptions } from './lib/normalize-options';
import { assertPathsFit } from './lib/path-limits';
import {
  codeSubstitutions,
  FILES_DIR,
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
  const module = moduleToLock(tree, schema);
  const lock = module === undefined ? undefined : lockModule(tree, module);
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

/** The module a run changes, to lock it; undefined when the options name none (refused later). */
function moduleToLock(tree: Tree, schema: FeatureGeneratorSchema): string | undefined {
  if (schema.module !== undefined) return toNames(schema.module, 'The module').fileName;
  const project = schema.project === undefined ? undefined : projectNamed(tree, schema.project);
  return project && planModuleOf(project.name, project.tags);
}

async function generateFeature(
  tree: Tree,
  schema: FeatureGeneratorSchema,
): Promise<GeneratorCallback | void> {
  let options = normalizeOptions(tree, schema);
  assertNotPlannedYet(tree, options);

  const artifacts = useCaseArtifacts(options);
  assertUsableNames(options, schema, artifacts);
  // Everything is checked: from here on, Nx writes all of it or, on an error, nothing.
  const written: string[] = [];
  const tasks: GeneratorCallback[] = [];
  if (options.createProject) {
    const created = await addModuleProject(tree, options);
    options = { ...options, projectName: created.projectName };
    written.push(...created.written);
    tasks.push(created.callback);
  } else {
    const tagged = adoptProject(tree, options);
    if (tagged) written.push(tagged);
  }
  const extension = relativeImportExtension(tree, options.projectRoot);
  if (!options.skipCode) {
    written.push(...(await addUseCaseCode(tree, options, artifacts, extension)));
  }

  if (!isPluginRegistered(tree)) {
    // init's own formatFiles would re-wrap the plan: its nx.json is formatted with the rest.
    await initGenerator(tree, { skipFormat: true });
    written.push('nx.json');
  }
  if (!options.skipFormat) await formatWithPrettier(tree, written);

  addPlan(tree, options, artifacts);
  if (!options.skipFormat) await formatWithPrettier(tree, [options.planFile]);

  const install = options.skipCode ? undefined : ensureModuleDependencies(tree);
  if (install) tasks.push(install);
  return tasks.length === 0 ? undefined : runTasksInSerial(...tasks);
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

/**
 * An existing project is planned as it is: its layout and configuration stay, it is tagged
 * plan-required (gated from now on, whether or not its plans stay) and, when the module is not
 * its unscoped name, tagged with the module, which the plugin, verify-plan, approve and the
 * audit all read. Returns the file that carries the tags when it changed.
 */
function adoptProject(tree: Tree, options: NormalizedFeatureOptions): string | undefined {
  const project = projectNamed(tree, options.projectName);
  if (!project || options.adoptTags.length === 0) return undefined;
  return addProjectTags(tree, project, options.adoptTags);
}

/**
 * Writes the use-case's skeletons. Files of the aggregate that exist already are shared with
 * other use-cases: they are kept, and the aggregate is extended with this use-case's method.
 */
async function addUseCaseCode(
  tree: Tree,
  options: NormalizedFeatureOptions,
  artifacts: readonly Artifact[],
  extension: ImportExtension,
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

  const before = new Set(
    artifacts
      .flatMap((artifact) => [artifact.file, artifact.spec])
      .filter((file) => tree.exists(joinPathFragments(root, file))),
  );
  if (aggregateExisted) {
    await extendAggregate(tree, aggregateFile, options, substitutions, extension);
  } else generate('aggregate', options.domainDir);
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

  // Relative imports as the project writes them (`./room.aggregate.js` under nodenext).
  for (const file of artifacts.flatMap((artifact) => [artifact.file, artifact.spec])) {
    const path = joinPathFragments(root, file);
    if (before.has(file) || !tree.exists(path)) continue;
    tree.write(path, withImportExtension(tree.read(path, 'utf-8') ?? '', extension));
  }

  await addExports(tree, options, artifacts, extension);
  return [...artifacts.flatMap((artifact) => [artifact.file, artifact.spec])]
    .map((file) => joinPathFragments(root, file))
    .filter((file) => file !== aggregateFile || !aggregateExisted);
}

async function extendAggregate(
  tree: Tree,
  aggregateFile: string,
  options: NormalizedFeatureOptions,
  substitutions: Record<string, unknown>,
  extension: ImportExtension,
): Promise<void> {
  const format = (code: string, kind: 'member' | 'statements') =>
    options.skipFormat ? code : formatSnippet(tree, aggregateFile, code, kind);
  const method = await format(renderSnippet('aggregate-method.ts.ejs', substitutions), 'member');
  const useCaseImports = withImportExtension(String(substitutions.useCaseImports), extension);
  const imports = (await format(useCaseImports, 'statements'))
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
  extension: ImportExtension,
): Promise<void> {
  const barrel = joinPathFragments(options.projectRoot, 'src/index.ts');
  const current = tree.read(barrel, 'utf-8') ?? '';
  const lines = artifacts
    .map((artifact) => `./${artifact.file.replace(/^src\//, '').replace(/\.ts$/, extension)}`)
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
