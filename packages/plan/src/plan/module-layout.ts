/** What the module rules look at: a module's plans folder and its code's use-case folders. Pure data. */
import { PLAN_SUFFIX, USE_CASE_NAME } from './layout';

/** What verify-project read of a module, workspace-relative and sorted. */
export interface ModuleLayout {
  /** The module's plans folder: `docs/features/rooms`. */
  readonly plansDir: string;
  /** Every file under it, relative to it: `BookRoom/BookRoom-plan.md`, `notes.md`. */
  readonly files: readonly string[];
  /** Folders beside it whose name is the module's in another case: `Rooms`. */
  readonly caseTwins: readonly string[];
  /** The module's project root, when known: `packages/rooms`. */
  readonly projectRoot: string | undefined;
  /** Its use-case folders: those under `{projectRoot}/src/application` with a command or handler. */
  readonly useCaseFolders: readonly string[];
}

/** Whether a file of the plans folder is a plan of the layout: `{UseCase}/{UseCase}-plan.md`. */
export function isPlanOfLayout(file: string): boolean {
  const [folder, name, ...deeper] = file.split('/');
  return (
    deeper.length === 0 &&
    name !== undefined &&
    USE_CASE_NAME.test(folder) &&
    name === `${folder}${PLAN_SUFFIX}`
  );
}

/** The plans of the layout, workspace-relative. */
export function plansOf(layout: ModuleLayout): string[] {
  return layout.files.filter(isPlanOfLayout).map((file) => `${layout.plansDir}/${file}`);
}
