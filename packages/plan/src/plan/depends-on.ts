/**
 * Whether an entry of a target's `dependsOn` makes the task depend on the same project's target
 * of a given name, as Nx 23 reads `dependsOn` (nx/src/tasks-runner/utils.js and
 * find-matching-projects.js), without importing Nx.
 *
 * The answer is three-valued because the audit fails closed: a form the audit cannot judge
 * exactly (a glob among the projects, a target pattern beyond `*`) is `unknown`, and only `yes`
 * counts as gated.
 */

export type Judgement = 'yes' | 'no' | 'unknown';

/** A `dependsOn` entry as Nx accepts it in project.json, package.json and nx.json. */
export type DependsOnEntry =
  | string
  | {
      readonly target?: string;
      readonly projects?: string | readonly string[];
      readonly dependencies?: boolean;
      readonly params?: string;
    };

/** What the judgement needs to know of a project. */
export interface ProjectIdentity {
  readonly name: string;
  readonly root: string;
  readonly tags?: readonly string[];
}

export interface DependsOnContext {
  /** The project whose target the `dependsOn` belongs to. */
  readonly self: ProjectIdentity;
  /** Every project of the workspace: Nx matches name patterns against all of them. */
  readonly projects: readonly ProjectIdentity[];
}

/** Nx's `isGlobPattern` characters (nx/src/utils/globs.js). */
const GLOB_CHARACTERS = /[*|{}()[]/;

export function dependsOnOwnTarget(
  entry: DependsOnEntry,
  targetName: string,
  context: DependsOnContext,
): Judgement {
  if (typeof entry === 'string') return stringEntry(entry, targetName, context);
  if (entry === null || typeof entry !== 'object') return 'no';
  const target = matchesTarget(entry.target, targetName);
  if (target === 'no') return 'no';
  return both(target, objectEntryProjects(entry, context));
}

/**
 * `"verify-plan"` is the same project's target; `"^verify-plan"` its dependencies' only; and
 * `"project:verify-plan"` names a project.
 */
function stringEntry(entry: string, targetName: string, context: DependsOnContext): Judgement {
  if (entry.startsWith('^')) return 'no';
  const colon = entry.indexOf(':');
  const project = colon > 0 ? entry.slice(0, colon) : undefined;
  if (project !== undefined && context.projects.some((p) => p.name === project)) {
    return project === context.self.name ? matchesTarget(entry.slice(colon + 1), targetName) : 'no';
  }
  return matchesTarget(entry, targetName);
}

/** Which projects an object entry applies to (normalizeDependencyConfigProjects). */
function objectEntryProjects(
  entry: Exclude<DependsOnEntry, string>,
  context: DependsOnContext,
): Judgement {
  const { projects, dependencies } = entry;
  if (projects === undefined || projects === null) return dependencies ? 'no' : 'yes';
  if (typeof projects === 'string') {
    // The pre-16 magic strings, still honoured by Nx 23 (with a warning).
    if (projects === 'self') return dependencies ? 'no' : 'yes';
    if (projects === 'dependencies') return 'no';
    return patternsSelect([projects], context);
  }
  if (!Array.isArray(projects)) return 'unknown';
  return patternsSelect(projects, context);
}

/** findMatchingProjects, for one project: whether the patterns select it. */
function patternsSelect(patterns: readonly string[], context: DependsOnContext): Judgement {
  if (patterns.every((pattern) => typeof pattern !== 'string' || pattern.length === 0)) {
    return 'no';
  }
  const list = patterns[0].startsWith('!') ? ['*', ...patterns] : [...patterns];
  let selected: Judgement = 'no';
  for (const raw of list) {
    if (typeof raw !== 'string' || raw.length === 0 || raw.startsWith('nx-cloud:')) continue;
    const exclude = raw.startsWith('!');
    const matches = patternMatches(exclude ? raw.slice(1) : raw, context);
    if (!exclude) {
      if (matches === 'yes') selected = 'yes';
      else if (matches === 'unknown' && selected === 'no') selected = 'unknown';
    } else if (matches === 'yes') selected = 'no';
    else if (matches === 'unknown' && selected === 'yes') selected = 'unknown';
  }
  return selected;
}

const PATTERN_TYPES = new Set(['name', 'tag', 'directory', 'unlabeled']);

/** Whether one pattern (without its `!`) matches the project (parseStringPattern and after). */
function patternMatches(pattern: string, context: DependsOnContext): Judgement {
  const { self, projects } = context;
  if (projects.some((project) => project.name === pattern)) {
    return pattern === self.name ? 'yes' : 'no';
  }
  const colon = pattern.indexOf(':');
  const label = colon === -1 ? 'unlabeled' : pattern.slice(0, colon);
  const type = PATTERN_TYPES.has(label) ? label : 'unlabeled';
  // Nx drops everything up to the first colon even when it is not a known label.
  const value = colon === -1 ? pattern : pattern.slice(colon + 1);
  if (value === '*') return 'yes';
  const glob = GLOB_CHARACTERS.test(value);
  switch (type) {
    case 'tag':
      if ((self.tags ?? []).includes(value)) return 'yes';
      return glob ? 'unknown' : 'no';
    case 'name':
      return glob ? 'unknown' : byNameOf(value, context).self;
    case 'directory':
      return glob ? 'unknown' : self.root === value ? 'yes' : 'no';
    default: {
      if (glob) return 'unknown';
      // By name first; by directory only when no project was added by name, which depends on
      // what earlier patterns selected: not known here unless no project matched by name.
      const byName = byNameOf(value, context);
      if (byName.self !== 'no') return byName.self;
      if (self.root !== value) return 'no';
      return byName.any ? 'unknown' : 'yes';
    }
  }
}

/**
 * Nx matches a name that is no project's exactly as a word of project names: case-insensitive,
 * between characters other than letters, digits, `@` and `-` (so `billing` selects
 * `@org/billing`).
 */
function byNameOf(value: string, context: DependsOnContext): { self: Judgement; any: boolean } {
  let words: RegExp;
  try {
    words = new RegExp(`(?<![@a-zA-Z0-9-])${value}(?![@a-zA-Z0-9-])`, 'i');
  } catch {
    return { self: 'unknown', any: true };
  }
  return {
    self: words.test(context.self.name) ? 'yes' : 'no',
    any: context.projects.some((project) => words.test(project.name)),
  };
}

/**
 * The entry's target against the target looked for. Nx expands a glob among all target names
 * with minimatch; only `*` is judged here (a target name has no `/` and no leading `.`).
 */
function matchesTarget(target: unknown, targetName: string): Judgement {
  if (typeof target !== 'string' || target.length === 0) return 'no';
  if (target === targetName) return 'yes';
  if (!GLOB_CHARACTERS.test(target)) return 'no';
  if (/[|{}()[\]?!+@\\]/.test(target)) return 'unknown';
  const pattern = new RegExp(
    `^${target
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return pattern.test(targetName) ? 'yes' : 'no';
}

function both(a: Judgement, b: Judgement): Judgement {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'yes' && b === 'yes' ? 'yes' : 'unknown';
}
