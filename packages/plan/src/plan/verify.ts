/**
 * Verifies one plan: parse once, build one context, run the configured rules, sort the
 * findings. No file system here: the caller reads the plan (and the module's code, once per
 * module). Which rules run, at which severity and with which options, is the configuration's;
 * how the verifier treats a rule is its tags': `blocking` rules run first and stop the others
 * when they report, and a caller may skip tags (approve skips `approval`).
 */
import { fillMessage, Finding, MessageData, RuleMeta, RuleTag, compareFindings } from './finding';
import type { SourcePosition } from './line-index';
import type { ModuleCode } from './module-code';
import { pathNames } from './layout';
import { parsePlan } from './parse-plan';
import { DEFAULT_CONFIG, ResolvedConfig, ResolvedRule } from './config/resolve';
import { BUILT_IN_RULES } from './rules';
import type { PlanRule } from './rules/rule';
import { createContext } from './rules/rule';
import type { CodeOwners } from './codeowners';
import type { PlanHistory } from './plan-history';

export interface VerifyPlanOptions {
  /** The plan's path, workspace-relative: findings carry it, and path rules read it. */
  readonly file: string;
  readonly text: string;
  /** The module's code; without it the traceability rules (trace/*) do not run. */
  readonly moduleCode?: ModuleCode;
  /** The workspace's configuration; default: the seed's catalog and every built-in rule. */
  readonly config?: ResolvedConfig;
  /** Rules with any of these tags do not run (the approve generator skips `approval`). */
  readonly skipTags?: readonly RuleTag[];
  /** Same as `skipTags: ['approval']`. */
  readonly skipApproval?: boolean;
  /** The current time, for "approved in the future". Default: now. */
  readonly now?: Date;
  /**
   * What git history says of the plan (verify-project reads it); without it the approvals are
   * checked as text only, and nothing is said about their proof.
   */
  readonly history?: PlanHistory;
  /** The workspace's CODEOWNERS, for `"approvers": "codeowners"`. */
  readonly codeowners?: CodeOwners;
  /** A CI run: an approval that cannot be proved from history is an error, not a warning. */
  readonly ci?: boolean;
}

/** Every built-in rule's meta, in catalog order. */
export const RULES: readonly RuleMeta[] = BUILT_IN_RULES.map((rule) => rule.meta);

export function verifyPlan(options: VerifyPlanOptions): Finding[] {
  const { file, text, moduleCode, now = new Date() } = options;
  const config = options.config ?? DEFAULT_CONFIG;
  const skip = new Set<RuleTag>(options.skipTags ?? []);
  if (options.skipApproval) skip.add('approval');
  const plan = parsePlan(text, file);
  const requested = plan.frontMatter?.data?.profile;
  const { profile, known } = config.profileOf(requested);
  const context = createContext(plan, {
    moduleCode,
    now,
    catalog: profile.catalog,
    plansDir: config.plansDir,
    profile: {
      requested,
      name: profile.name,
      known,
      modules: profile.modules,
      available: [...config.profiles.keys()],
    },
    approvalPolicy: config.approval,
    codeowners: options.codeowners,
    history: options.history,
    ci: options.ci,
  });
  const module = pathNames(file, config.plansDir)?.module ?? context.module;
  const rules = config
    .rulesFor(profile, module)
    .filter(
      (entry): entry is ResolvedRule<PlanRule> =>
        entry.rule.scope === 'plan' && !entry.rule.meta.tags.some((tag) => skip.has(tag)),
    );
  const findings: Finding[] = [];
  const run = (entry: ResolvedRule<PlanRule>) =>
    entry.rule.check(
      context,
      (at, messageId, data) => findings.push(findingOf(entry, file, at, messageId, data)),
      entry.options,
    );
  // A file that is no plan at all is reported once, and nothing else is checked in it.
  for (const entry of rules) if (entry.rule.meta.tags.includes('blocking')) run(entry);
  if (findings.length > 0) return findings.sort(compareFindings);
  for (const entry of rules) if (!entry.rule.meta.tags.includes('blocking')) run(entry);
  return findings.sort(compareFindings);
}

/** A finding of a rule: its message filled, at the configured severity. */
export function findingOf(
  { rule, severity }: Pick<ResolvedRule, 'rule' | 'severity'>,
  file: string,
  at: SourcePosition,
  messageId: string,
  data: MessageData = {},
): Finding {
  const template = rule.meta.messages[messageId];
  return {
    ruleId: rule.meta.id,
    severity,
    messageId,
    data,
    message: template === undefined ? messageId : fillMessage(template, data),
    file,
    line: at.line,
    column: at.column,
  };
}
