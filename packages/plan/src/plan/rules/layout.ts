/**
 * Rules on a module as a whole rather than on one plan: its plans folder follows the layout, it
 * has plans at all, and every use-case of its code has one. A gate that a renamed, misplaced or
 * deleted plan walks around is no gate, so each of these is an error.
 */
import type { Finding, RuleMeta } from '../finding';
import { kebabCase } from '../kebab-case';
import {
  APPLICATION_DIR,
  planInModuleDir,
  PLAN_SUFFIX,
  USE_CASE_NAME,
  useCaseOfCodeDir,
} from '../layout';

/** What verify-project read of a module, workspace-relative and sorted. Pure data: no I/O here. */
export interface ModuleLayout {
  /** The module's plans folder: `docs/features/rooms`. */
  readonly plansDir: string;
  /** Every file under it, relative to it: `BookRoom/BookRoom-plan.md`, `notes.md`. */
  readonly files: readonly string[];
  /** Folders beside it whose name is the module's in another case: `Rooms`. */
  readonly caseTwins: readonly string[];
  /** The module's project root, when known: `packages/rooms`. */
  readonly projectRoot: string | undefined;
  /** The use-case folders of its code: folders under `{projectRoot}/src/application` with a command or handler. */
  readonly useCaseFolders: readonly string[];
}

export interface LayoutRule extends RuleMeta {
  check(layout: ModuleLayout): Finding[];
}

/** Files under the plans folder that are plans of the layout: `{UseCase}/{UseCase}-plan.md`. */
export function plansOf(layout: ModuleLayout): string[] {
  return layout.files.filter(isPlanOfLayout).map((file) => `${layout.plansDir}/${file}`);
}

function isPlanOfLayout(file: string): boolean {
  const [folder, name, ...deeper] = file.split('/');
  return (
    deeper.length === 0 &&
    name !== undefined &&
    USE_CASE_NAME.test(folder) &&
    name === `${folder}${PLAN_SUFFIX}`
  );
}

function at(rule: LayoutRule, file: string, message: string): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, file, line: 1, column: 1 };
}

export const misplacedFile: LayoutRule = {
  id: 'plan/misplaced-file',
  severity: 'error',
  description:
    "Every file in a module's plans folder follows the layout `{UseCase}/{UseCase}-plan.md`.",
  check(layout) {
    const findings: Finding[] = [];
    const useCaseFolders = new Set(
      layout.files.filter(isPlanOfLayout).map((file) => file.split('/')[0]),
    );
    for (const twin of layout.caseTwins) {
      const folder = `${layout.plansDir.slice(0, layout.plansDir.lastIndexOf('/') + 1)}${twin}`;
      findings.push(
        at(
          misplacedFile,
          folder,
          `${folder} is the module's plans folder in another case; its plans are not verified there. Move them to ${layout.plansDir}.`,
        ),
      );
    }
    for (const file of layout.files) {
      if (isPlanOfLayout(file)) continue;
      const [folder, name, ...deeper] = file.split('/');
      // Pictures and other material beside a plan belong to it; a second markdown file does not.
      if (name !== undefined && useCaseFolders.has(folder) && !/\.md$/i.test(file)) continue;
      findings.push(
        at(
          misplacedFile,
          `${layout.plansDir}/${file}`,
          misplacedMessage(layout, folder, name, deeper),
        ),
      );
    }
    return findings;
  },
};

function misplacedMessage(
  layout: ModuleLayout,
  folder: string,
  name: string | undefined,
  deeper: readonly string[],
): string {
  const where = `${layout.plansDir}/${folder}`;
  if (name === undefined) {
    return `A file directly in ${layout.plansDir} is not a plan of the layout, and is not verified; a plan lives at ${layout.plansDir}/{UseCase}/{UseCase}${PLAN_SUFFIX}. Move it there, or out of the plans folder.`;
  }
  if (!USE_CASE_NAME.test(folder)) {
    const expected = useCaseOfCodeDir(kebabCase(folder));
    return `The folder ${where} is not a use-case name (PascalCase, like ${expected || 'BookRoom'}), so its plan is not verified; rename it to ${layout.plansDir}/${planInModuleDir(expected || 'BookRoom')}.`;
  }
  if (deeper.length > 0) {
    return `Plans are not nested: move what is in ${where}/${name} out of the plans folder, or make it ${layout.plansDir}/${planInModuleDir(folder)}.`;
  }
  if (name.endsWith(PLAN_SUFFIX) || name.toLowerCase().endsWith(PLAN_SUFFIX)) {
    return `${where}/${name} is misnamed, so it is not verified: the plan of ${folder} must be ${layout.plansDir}/${planInModuleDir(folder)}. Rename it.`;
  }
  if (/\.md$/i.test(name)) {
    return `${where}/${name} is a second markdown file beside the plan; nothing verifies it. Put what it says into ${layout.plansDir}/${planInModuleDir(folder)}, or move it out of the plans folder.`;
  }
  return `${where} holds no plan ${planInModuleDir(folder)}, so ${name} belongs to nothing; add the plan or move the file out of the plans folder.`;
}

export const noPlans: LayoutRule = {
  id: 'plan/no-plans',
  severity: 'error',
  description: 'A plan-required module has at least one plan.',
  check(layout) {
    if (plansOf(layout).length > 0) return [];
    return [
      at(
        noPlans,
        layout.plansDir,
        `This module is plan-required but has no plan in ${layout.plansDir}; plan a use-case with nx g @mjomeet/plan:feature before building or testing it.`,
      ),
    ];
  },
};

export const useCaseWithoutPlan: LayoutRule = {
  id: 'trace/use-case-without-plan',
  severity: 'error',
  description: `Every use-case folder of the module's code (\`${APPLICATION_DIR}/{use-case}\` with a command or handler) has a plan.`,
  check(layout) {
    if (!layout.projectRoot) return [];
    const planned = new Set(
      plansOf(layout).map((plan) =>
        kebabCase(plan.slice(plan.lastIndexOf('/') + 1, -PLAN_SUFFIX.length)),
      ),
    );
    const findings: Finding[] = [];
    for (const folder of layout.useCaseFolders) {
      if (planned.has(folder)) continue;
      const expected = `${layout.plansDir}/${planInModuleDir(useCaseOfCodeDir(folder))}`;
      findings.push(
        at(
          useCaseWithoutPlan,
          `${layout.projectRoot}/${APPLICATION_DIR}/${folder}`,
          `The use-case ${folder} has code but no plan: expected ${expected}. Restore or rename its plan, or plan it with nx g @mjomeet/plan:feature.`,
        ),
      );
    }
    return findings;
  },
};

/** The layout rules, in the order they run and are documented. */
export const LAYOUT_RULES: readonly LayoutRule[] = [misplacedFile, noPlans, useCaseWithoutPlan];
