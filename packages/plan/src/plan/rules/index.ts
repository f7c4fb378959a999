/**
 * The built-in rules, in the order they run and are documented (docs/rules.md). Each rule is an
 * object in its own file, named after its id.
 */
import { approvalInvalid } from './approval/invalid';
import { approvalMissing } from './approval/missing';
import { approvalStale } from './approval/stale';
import { approvalAuthorMismatch } from './approval/author-mismatch';
import { approvalFourEyes } from './approval/four-eyes';
import { approvalInsufficient } from './approval/insufficient';
import { approvalNotAllowed } from './approval/not-allowed';
import { approvalPending } from './approval/pending';
import { approvalUnsigned } from './approval/unsigned';
import { approvalUnverifiable } from './approval/unverifiable';
import { itemMissing } from './checklist/item-missing';
import { naReason } from './checklist/na-reason';
import { unchecked } from './checklist/unchecked';
import { evidenceFailed } from './evidence/failed';
import { evidenceMissing } from './evidence/missing';
import { evidenceNoAssertion } from './evidence/no-assertion';
import { evidenceNoReport } from './evidence/no-report';
import { evidenceNotRun } from './evidence/not-run';
import { evidenceSkippedTest } from './evidence/skipped-test';
import { evidenceTarget } from './evidence/target';
import { evidenceUnknownTest } from './evidence/unknown-test';
import { frontMatter } from './plan/front-matter';
import { misplacedFile } from './plan/misplaced-file';
import { noPlans } from './plan/no-plans';
import { pathMismatch } from './plan/path-mismatch';
import { placeholder } from './plan/placeholder';
import { profile } from './plan/profile';
import { sectionDuplicate } from './plan/section-duplicate';
import { sectionEmpty } from './plan/section-empty';
import { sectionMissing } from './plan/section-missing';
import { sectionOrder } from './plan/section-order';
import { sectionSubstance } from './plan/section-substance';
import { unreadable } from './plan/unreadable';
import type { Rule } from './rule';
import { noAssertion } from './tests/no-assertion';
import { noCodeBlock } from './tests/no-code-block';
import { syntaxError } from './tests/syntax-error';
import { mitigationMissing } from './threat-model/mitigation-missing';
import { noThreats } from './threat-model/no-threats';
import { vagueRow } from './threat-model/vague-row';
import { artifactMissing } from './trace/artifact-missing';
import { specDrift } from './trace/spec-drift';
import { specNotInPlan } from './trace/spec-not-in-plan';
import { useCaseWithoutPlan } from './trace/use-case-without-plan';

export const BUILT_IN_RULES: readonly Rule[] = [
  unreadable,
  frontMatter,
  pathMismatch,
  profile,
  sectionMissing,
  sectionDuplicate,
  sectionOrder,
  sectionEmpty,
  sectionSubstance,
  placeholder,
  itemMissing,
  naReason,
  unchecked,
  noThreats,
  mitigationMissing,
  vagueRow,
  noCodeBlock,
  syntaxError,
  noAssertion,
  artifactMissing,
  specNotInPlan,
  specDrift,
  evidenceMissing,
  evidenceTarget,
  evidenceUnknownTest,
  evidenceSkippedTest,
  evidenceNoAssertion,
  approvalMissing,
  approvalInvalid,
  approvalStale,
  approvalInsufficient,
  approvalAuthorMismatch,
  approvalNotAllowed,
  approvalFourEyes,
  approvalUnsigned,
  approvalPending,
  approvalUnverifiable,
  misplacedFile,
  noPlans,
  useCaseWithoutPlan,
  evidenceNoReport,
  evidenceNotRun,
  evidenceFailed,
];

export type { ModuleRule, PlanRule, Report, Rule, RuleContext, RunRule } from './rule';
