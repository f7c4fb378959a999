/** `approval/pending`: locally, an approval that git cannot prove yet is said, not guessed. */
import { currentApprovals, historyGapText, whoOf } from '../../approval-block';
import { proveApproval } from '../../plan-history';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalPending: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/pending',
    severity: 'warning',
    description:
      'Outside CI: an approval that git history cannot prove yet (not committed, or no history here) is reported as pending; CI fails it (approval/unverifiable).',
    tags: ['approval'],
    docs: docsOf('approval/pending'),
    messages: {
      uncommitted:
        'The approval by {{who}} is not committed yet, so git cannot prove who made it; the approver commits it. In CI (--ci, CI=true) an unproved approval fails.',
      noHistory:
        'The approval by {{who}} cannot be proved here: {{reason}}. In CI (--ci, CI=true) this fails; see docs/approval.md.',
    },
  },
  check(context, report) {
    const history = context.history;
    if (context.ci || !history) return;
    for (const entry of currentApprovals(context)) {
      const who = whoOf(entry);
      if (!history.available) {
        report(entry.position, 'noHistory', { who, reason: historyGapText(history).reason });
      } else if (!proveApproval(entry, history).committed) {
        report(entry.position, 'uncommitted', { who });
      }
    }
  },
};
