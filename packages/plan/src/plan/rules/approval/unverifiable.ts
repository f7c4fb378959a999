/** `approval/unverifiable`: in CI, an approval that git history cannot prove fails. */
import { currentApprovals, historyGapText, whoOf } from '../../approval-block';
import { proveApproval } from '../../plan-history';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalUnverifiable: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/unverifiable',
    severity: 'error',
    description:
      'In CI (--ci, CI=true): every approval is proved from git history; one that cannot be (a shallow clone, no repository, not committed) fails, saying how to fetch the history.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/unverifiable'),
    messages: {
      uncommitted:
        'The approval by {{who}} is not committed, so nothing proves who made it; CI verifies committed approvals only: the approver commits it.',
      noHistory: 'The approval by {{who}} cannot be verified: {{reason}}. {{fix}}',
    },
  },
  check(context, report) {
    const history = context.history;
    if (!context.ci || !history) return;
    for (const entry of currentApprovals(context)) {
      const who = whoOf(entry);
      if (!history.available) {
        report(entry.position, 'noHistory', { who, ...historyGapText(history) });
      } else if (!proveApproval(entry, history).committed) {
        report(entry.position, 'uncommitted', { who });
      }
    }
  },
};
