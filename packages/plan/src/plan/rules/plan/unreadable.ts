/** `plan/unreadable`: a file that is not a plan at all (empty, binary, huge). */
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

const UNREADABLE_KINDS = new Set(['empty', 'binary', 'too-large']);

export const unreadable: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/unreadable',
    severity: 'error',
    description: 'The plan file is readable text: not empty, not binary, at most 1 MiB.',
    // The parser checks this before it parses anything and then stops: nothing else can be
    // checked in such a file, so the verifier runs no other rule on it.
    tags: ['structure', 'blocking', 'gate'],
    docs: docsOf('plan/unreadable'),
    messages: { unreadable: '{{reason}}' },
  },
  check(context, report) {
    for (const problem of context.plan.problems) {
      if (UNREADABLE_KINDS.has(problem.kind))
        report(problem, 'unreadable', { reason: problem.message });
    }
  },
};
