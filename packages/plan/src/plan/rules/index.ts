/** The rule catalog, in the order rules run and are documented (docs/rules.md). */
import { approvalInvalid, approvalMissing, approvalStale, APPROVAL_RULE_IDS } from './approval';
import { itemMissing, naReason, unchecked } from './checklist';
import { frontMatter, pathMismatch } from './front-matter';
import { placeholder } from './placeholder';
import type { Rule } from './rule';
import {
  sectionDuplicate,
  sectionEmpty,
  sectionMissing,
  sectionOrder,
  sectionSubstance,
} from './sections';
import { specDrift } from './spec-drift';
import { mitigationMissing, noThreats, vagueRow } from './threat-model';
import { artifactMissing, specNotInPlan } from './traceability';
import { unreadable } from './unreadable';
import { noAssertion, noCodeBlock, syntaxError } from './unit-tests';

export const RULE_CATALOG: readonly Rule[] = [
  unreadable,
  frontMatter,
  pathMismatch,
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
  approvalMissing,
  approvalInvalid,
  approvalStale,
];

export { APPROVAL_RULE_IDS };
export { unreadable };
export type { Rule, RuleContext } from './rule';
