/**
 * Verifies one plan: parse once, build one context, run the rule catalog, sort the findings.
 * No file system here: the caller reads the plan (and the module's code, once per module).
 */
import { compareFindings, Finding, RuleMeta } from './finding';
import type { ModuleCode } from './module-code';
import { parsePlan } from './parse-plan';
import { APPROVAL_RULE_IDS, RULE_CATALOG } from './rules';
import { createContext } from './rules/rule';
import { LAYOUT_RULES } from './rules/layout';
import { isUnreadable, unreadable } from './rules/unreadable';

export interface VerifyPlanOptions {
  /** The plan's path, workspace-relative: findings carry it, and path rules read it. */
  readonly file: string;
  readonly text: string;
  /** The module's code; without it the traceability rules (trace/*) do not run. */
  readonly moduleCode?: ModuleCode;
  /** Skip approval/* (the approve generator checks everything else before approving). */
  readonly skipApproval?: boolean;
  /** The current time, for "approved in the future". Default: now. */
  readonly now?: Date;
}

/** Every rule: id, severity and description, in catalog order (plans, then modules). */
export const RULES: readonly RuleMeta[] = [...RULE_CATALOG, ...LAYOUT_RULES].map(
  ({ id, severity, description }) => ({
    id,
    severity,
    description,
  }),
);

const RULES_WITHOUT_APPROVAL = RULE_CATALOG.filter(
  (rule) => !APPROVAL_RULE_IDS.has(rule.id) && rule !== unreadable,
);
const RULES_WITH_APPROVAL = RULE_CATALOG.filter((rule) => rule !== unreadable);

export function verifyPlan(options: VerifyPlanOptions): Finding[] {
  const { file, text, moduleCode, skipApproval = false, now = new Date() } = options;
  const plan = parsePlan(text, file);
  const context = createContext(plan, moduleCode, now);
  // An empty, binary or huge file is reported once, and nothing else is checked in it.
  if (isUnreadable(plan.problems)) return unreadable.check(context);
  const findings: Finding[] = [];
  for (const rule of skipApproval ? RULES_WITHOUT_APPROVAL : RULES_WITH_APPROVAL) {
    for (const found of rule.check(context)) findings.push(found);
  }
  return findings.sort(compareFindings);
}
