/**
 * Where things are, by convention, in one place: the plans of a module and the folders the
 * feature generator writes a use-case's code into. The rules that check a module's layout (and
 * the generators that write it) read it from here.
 */
import { kebabCase } from './kebab-case';

/** A use-case's name as a plan folder and file name use it: `BookRoom`. */
export const USE_CASE_NAME = /^[A-Z][A-Za-z0-9]*$/;
/** A module's name as a plans folder uses it: `meetings`, `billing-v2`. */
export const MODULE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Module-relative folder of the application layer: one sub-folder per use-case. */
export const APPLICATION_DIR = 'src/application';
/** Module-relative folder of the domain layer: one sub-folder per aggregate. */
export const DOMAIN_DIR = 'src/domain';

export const PLAN_SUFFIX = '-plan.md';

/**
 * The kinds of artifact a use-case is made of: the plan's "Kind" column, the file suffix that
 * names each kind (domain-driven-hexagon's convention), and its layer. The generator names files
 * from here, the plan lists them from here, and the traceability rules look for them from here.
 */
export const ARTIFACT_KINDS = {
  aggregate: { kind: 'Aggregate', suffix: '.aggregate', layer: 'domain' },
  valueObject: { kind: 'Value object', suffix: '.value-object', layer: 'domain' },
  event: { kind: 'Domain event', suffix: '.event', layer: 'domain' },
  repositoryPort: { kind: 'Repository port', suffix: '.repository.port', layer: 'domain' },
  command: { kind: 'Command', suffix: '.command', layer: 'application' },
  handler: { kind: 'Handler', suffix: '.handler', layer: 'application' },
  listener: { kind: 'Listener', suffix: '.listener', layer: 'application' },
  scheduledCommand: {
    kind: 'Scheduled command',
    suffix: '.scheduled-command',
    layer: 'application',
  },
} as const;

export type ArtifactKind = keyof typeof ARTIFACT_KINDS;
export type ArtifactLayer = (typeof ARTIFACT_KINDS)[ArtifactKind]['layer'];

/** `.spec` before `.ts`: the test beside each artifact. */
export const SPEC_SUFFIX = '.spec';

/** The layer folder of an artifact, module-relative. */
export function layerDir(layer: ArtifactLayer): string {
  return layer === 'domain' ? DOMAIN_DIR : APPLICATION_DIR;
}

/**
 * What makes a folder of the application layer a use-case: the command or the handler the
 * feature generator writes there. Folders without them (shared `ports/`, `errors/`) are not
 * use-cases.
 */
export const USE_CASE_FILE_SUFFIXES = [
  `${ARTIFACT_KINDS.command.suffix}.ts`,
  `${ARTIFACT_KINDS.handler.suffix}.ts`,
] as const;

export function isUseCaseFile(name: string): boolean {
  return USE_CASE_FILE_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** `BookRoom` → `src/application/book-room`. */
export function useCaseCodeDir(useCase: string): string {
  return `${APPLICATION_DIR}/${kebabCase(useCase)}`;
}

/** `BookRoom` → `BookRoom/BookRoom-plan.md`, relative to the module's plans folder. */
export function planInModuleDir(useCase: string): string {
  return `${useCase}/${useCase}${PLAN_SUFFIX}`;
}

/** `book-room` → `BookRoom`: the plan name a use-case folder of the generator's layout expects. */
export function useCaseOfCodeDir(folder: string): string {
  return folder
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `{plansDir}/{module}/{UseCase}/{UseCase}-plan.md`, workspace-relative. */
export function planPath(plansDir: string, module: string, useCase: string): string {
  return `${plansDir}/${module}/${planInModuleDir(useCase)}`;
}

/** The module and use-case a plan's path names, when it has the layout under `plansDir`. */
export function pathNames(
  file: string,
  plansDir: string,
): { module: string; useCase: string } | undefined {
  const path = file.replace(/\\/g, '/');
  const prefix = `${plansDir.replace(/\/+$/, '')}/`;
  const at = path.startsWith(prefix) ? 0 : path.lastIndexOf(`/${prefix}`) + 1;
  if (at < 0 || !path.startsWith(prefix, at)) return undefined;
  const [module, folder, name, ...deeper] = path.slice(at + prefix.length).split('/');
  if (deeper.length > 0 || !module || !folder || name !== `${folder}${PLAN_SUFFIX}`)
    return undefined;
  return { module, useCase: folder };
}

/**
 * Where a module's test run writes its machine-readable report (jest's `--json` results),
 * relative to the project root. In the root itself: jest's `--outputFile` does not create a
 * missing folder, and the project's root always exists. Git ignores it.
 */
export const TEST_REPORT = 'jest-results.json';
/** The target that runs a module's tests; verify-evidence depends on it. */
export const TEST_TARGET = 'test';
/** The inferred target that checks the evidence of the last test run. */
export const VERIFY_EVIDENCE_TARGET = 'verify-evidence';
