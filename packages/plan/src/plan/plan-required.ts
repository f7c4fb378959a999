/**
 * Which Nx projects must have approved plans, and which plans' module a project is. Shared by the
 * inferred targets, verify-plan, the generators and the audit, so that they all agree.
 *
 * A project is plan-required when it carries the `plan:required` tag (written by `feature` when it
 * creates or adopts a project, or by a person) or when plans exist for its module. Its module is
 * its project name without the npm scope (`@org/billing` → `billing`), unless a
 * `plan:module:<name>` tag names another.
 */

/** Tag that makes a project plan-required whether or not plans exist for it yet. */
export const PLAN_REQUIRED_TAG = 'plan:required';
/** Tag prefix that names the plans folder of a project whose name is not its module. */
export const PLAN_MODULE_TAG_PREFIX = 'plan:module:';
/** Where plans live unless the plugin's `plansDir` option says otherwise. */
export const DEFAULT_PLANS_DIR = 'docs/features';

export function isPlanRequiredByTag(tags: readonly string[] | undefined): boolean {
  return (tags ?? []).includes(PLAN_REQUIRED_TAG);
}

/** The plan module of a project: its `plan:module:<name>` tag, else its unscoped name. */
export function planModuleOf(projectName: string, tags: readonly string[] | undefined): string {
  const tagged = (tags ?? []).find((tag) => tag.startsWith(PLAN_MODULE_TAG_PREFIX));
  if (tagged) return tagged.slice(PLAN_MODULE_TAG_PREFIX.length);
  const slash = projectName.lastIndexOf('/');
  return projectName.startsWith('@') && slash > 0 ? projectName.slice(slash + 1) : projectName;
}

/**
 * The module a file under the plans folder makes plan-required: any markdown file below
 * `{plansDir}/{module}/`, not only a plan at its canonical path, so that a renamed or misplaced
 * plan keeps its module gated (verify-plan then reports it).
 */
export function moduleOfPlanFile(file: string, plansDir: string): string | undefined {
  const prefix = `${plansDir}/`;
  if (!file.startsWith(prefix) || !/\.md$/i.test(file)) return undefined;
  const [module, ...rest] = file.slice(prefix.length).split('/');
  return module && rest.length > 0 ? module : undefined;
}
