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
 * What makes a folder of the application layer a use-case: the command or the handler the
 * feature generator writes there. Folders without them (shared `ports/`, `errors/`) are not
 * use-cases.
 */
export const USE_CASE_FILE_SUFFIXES = ['.command.ts', '.handler.ts'] as const;

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
