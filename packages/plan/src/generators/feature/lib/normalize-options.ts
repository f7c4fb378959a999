import { getProjects, joinPathFragments, Tree } from '@nx/devkit';
import { NamedProject, projectNamed, projectOfModule } from '../../../utils/module-project';
import {
  PLAN_MODULE_TAG_PREFIX,
  PLAN_REQUIRED_TAG,
  planModuleOf,
} from '../../../plan/plan-required';
import type { ResolvedConfig, ResolvedProfile } from '../../../plan/config/resolve';
import { APPLICATION_DIR, DOMAIN_DIR, planPath } from '../../../plan/layout';
import { treeConfig } from '../../../utils/tree-config';
import type { FeatureGeneratorSchema } from '../schema';
import { UserInputError, Names, pastTense, singular, toNames, toNamesList } from './names';

/** Packages of this repository that a module must not be confused with. */
const PROTECTED_MODULES = new Set(['plan', 'ddd', 'mjomeet']);

export interface NormalizedFeatureOptions {
  readonly module: Names;
  /** The module's name, kebab-case: its plans folder, and the name of a project it creates. */
  readonly project: string;
  /** The Nx project that implements the module (`@org/billing` for the module `billing`). */
  readonly projectName: string;
  readonly projectRoot: string;
  /** Whether the module project is created by this run. */
  readonly createProject: boolean;
  /**
   * The tags this run gives an existing project: `plan:required`, and `plan:module:{module}`
   * when the module is not the project's unscoped name. Empty when the project is created.
   */
  readonly adoptTags: readonly string[];
  readonly useCase: Names;
  readonly aggregate: Names;
  readonly aggregateId: Names;
  readonly valueObjects: readonly Names[];
  readonly events: readonly Names[];
  readonly scheduledCommands: readonly Names[];
  /** `docs/features/{module}/{UseCase}/{UseCase}-plan.md` */
  readonly planFile: string;
  /** Where the aggregate's files live, relative to the project root. */
  readonly domainDir: string;
  /** Where the use-case's application files live, relative to the project root. */
  readonly applicationDir: string;
  readonly skipCode: boolean;
  readonly skipFormat: boolean;
  /** The workspace's configuration: where plans live, what they contain. */
  readonly config: ResolvedConfig;
  /** The profile the plan is written for; the full plan's when none is asked for. */
  readonly profile: ResolvedProfile;
}

export function normalizeOptions(
  tree: Tree,
  schema: FeatureGeneratorSchema,
): NormalizedFeatureOptions {
  const config = treeConfig(tree);
  const useCase = toNames(schema.useCase, 'The use-case');
  const adopted = schema.project === undefined ? undefined : adoptedProject(tree, schema);
  if (schema.module === undefined && !adopted) {
    throw new UserInputError(
      'Say where the use-case goes: --module=<name> (a module project that exists or is created), or --project=<Nx project> (an existing library, planned as it is).',
    );
  }
  const module = toNames(
    schema.module ?? planModuleOf(adopted!.name, adopted!.tags),
    schema.module === undefined
      ? `The module (the unscoped name of "${adopted!.name}"; give --module to choose another)`
      : 'The module',
  );
  const project = module.fileName;
  if (PROTECTED_MODULES.has(project)) {
    throw new UserInputError(
      `The module "${project}" collides with the @mjomeet/${project} package of the plugin itself. Choose another module name.`,
    );
  }

  const existing = adopted ?? projectOfModule(tree, project);
  if (adopted) assertModuleIsFree(tree, adopted, project);
  if (!existing && schema.directory !== undefined) assertDirectory(schema.directory);
  const projectRoot =
    existing?.root ??
    normalizeDirectory(schema.directory ?? joinPathFragments('packages', project));
  if (!existing && tree.exists(projectRoot)) {
    throw new UserInputError(
      `${projectRoot} exists but is not an Nx project of the module "${project}". Move it away, choose another --directory, or plan in it as it is with --project=<its Nx project name> (nx show projects lists them).`,
    );
  }
  const adoptTags = existing
    ? [
        PLAN_REQUIRED_TAG,
        ...(planModuleOf(existing.name, existing.tags) === project
          ? []
          : [`${PLAN_MODULE_TAG_PREFIX}${project}`]),
      ].filter((tag) => !(existing.tags ?? []).includes(tag))
    : [];

  const aggregate = toNames(schema.aggregate ?? defaultAggregate(useCase, module), 'The aggregate');
  const events = toNamesList(schema.events, 'An event');
  const scheduledCommands =
    schema.scheduledCommands === undefined
      ? [toNames(`${useCase.className}FollowUp`, 'A scheduled command')]
      : toNamesList(schema.scheduledCommands, 'A scheduled command');
  const options: NormalizedFeatureOptions = {
    module,
    project,
    projectName: existing?.name ?? project,
    projectRoot,
    createProject: !existing,
    adoptTags,
    useCase,
    aggregate,
    aggregateId: toNames(`${aggregate.className}Id`, 'The aggregate id'),
    valueObjects: toNamesList(schema.valueObjects, 'A value object'),
    events: events.length > 0 ? events : [toNames(defaultEvent(useCase, aggregate), 'An event')],
    scheduledCommands,
    planFile: planPath(config.plansDir, project, useCase.className),
    domainDir: joinPathFragments(DOMAIN_DIR, aggregate.fileName),
    applicationDir: joinPathFragments(APPLICATION_DIR, useCase.fileName),
    skipCode: schema.skipCode ?? false,
    skipFormat: schema.skipFormat ?? false,
    config,
    profile: chooseProfile(config, schema.profile, project),
  };
  assertDistinctClassNames(options);
  return options;
}

/** The project `--project` names; refused with a hint when Nx has no project of that name. */
function adoptedProject(tree: Tree, schema: FeatureGeneratorSchema): NamedProject {
  const name = (schema.project ?? '').trim();
  const project = name ? projectNamed(tree, name) : undefined;
  if (!project) {
    throw new UserInputError(
      `There is no Nx project named "${schema.project}". Give its name as Nx shows it (nx show projects), e.g. --project=@org/billing.`,
    );
  }
  if (schema.directory !== undefined) {
    throw new UserInputError(
      `--directory is where a new module project is created; "${project.name}" exists already, in ${project.root}. Leave --directory out.`,
    );
  }
  return project;
}

/** An adopted project takes a module no other project has, and keeps the one it is tagged with. */
function assertModuleIsFree(tree: Tree, adopted: NamedProject, module: string): void {
  const tagged = (adopted.tags ?? []).find((tag) => tag.startsWith(PLAN_MODULE_TAG_PREFIX));
  if (tagged && tagged !== `${PLAN_MODULE_TAG_PREFIX}${module}`) {
    throw new UserInputError(
      `The project "${adopted.name}" is the module "${tagged.slice(PLAN_MODULE_TAG_PREFIX.length)}" (its tag "${tagged}"), not "${module}". Plan in that module (leave --module out), or change the tag first.`,
    );
  }
  const other = [...getProjects(tree)].find(
    ([name, project]) => name !== adopted.name && planModuleOf(name, project.tags) === module,
  );
  if (other) {
    const [name, project] = other;
    throw new UserInputError(
      `The module "${module}" is the project "${name}" already (in ${project.root}); one module is one project. Choose another --module for "${adopted.name}".`,
    );
  }
}

/** `--directory`: a folder inside the workspace, given relative to its root. */
function assertDirectory(directory: string): void {
  const parts = directory
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  if (
    parts.length === 0 ||
    directory.startsWith('/') ||
    /^[A-Za-z]:/.test(directory) ||
    parts.some((part) => part === '..' || !/^[A-Za-z0-9@._-]+$/.test(part) || part.startsWith('.'))
  ) {
    throw new UserInputError(
      `--directory "${directory}" is not a folder inside the workspace; give a path relative to its root, e.g. libs/rooms.`,
    );
  }
}

function normalizeDirectory(directory: string): string {
  return joinPathFragments(
    ...directory
      .replace(/\\/g, '/')
      .split('/')
      .filter((part) => part !== '' && part !== '.'),
  );
}

/** `ScheduleMeeting` → `Meeting`; a one-word use-case (`Checkout`) → the module in the singular. */
function defaultAggregate(useCase: Names, module: Names): string {
  return useCase.words.length > 1
    ? useCase.words.slice(1).join('-')
    : singular(module.words[module.words.length - 1]);
}

/** `ScheduleMeeting` on `Meeting` → `MeetingScheduled`. */
function defaultEvent(useCase: Names, aggregate: Names): string {
  return `${aggregate.className}-${pastTense(useCase.words[0])}`;
}

/** Two artifacts with one class name would overwrite each other's files or fail to compile. */
function assertDistinctClassNames(options: NormalizedFeatureOptions): void {
  const all = [
    options.aggregate,
    options.aggregateId,
    ...options.valueObjects,
    ...options.events,
    ...options.scheduledCommands,
  ].map((names) => names.className);
  const clash = all.find((name, index) => all.indexOf(name) !== index);
  if (clash) {
    throw new UserInputError(
      `"${clash}" is given for two different artifacts of this use-case. Give each aggregate, value object, event and scheduled command its own name.`,
    );
  }
}

/** The profile asked for, if the configuration has it and lets this module use it. */
function chooseProfile(
  config: ResolvedConfig,
  name: string | undefined,
  module: string,
): ResolvedProfile {
  if (name === undefined) return config.defaults;
  const profile = config.profiles.get(name);
  const names = [...config.profiles.keys()].join(', ');
  if (!profile) {
    throw new UserInputError(
      `There is no profile "${name}"; the configuration has ${names}. Profiles are set in nx.json (see docs/configuration.md).`,
    );
  }
  if (!profile.modules.includes('*') && !profile.modules.includes(module)) {
    throw new UserInputError(
      `The module "${module}" may not use the profile "${name}"; plan it in full (leave out --profile), or allow it in nx.json: profiles.${name}.modules.`,
    );
  }
  return profile;
}
