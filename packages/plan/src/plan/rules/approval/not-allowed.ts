/** `approval/not-allowed`: the approver is one the policy allows (a list, or CODEOWNERS). */
import { currentApprovals, whoOf } from '../../approval-block';
import { AllowedApprovers, allowedApprovers, isAllowed } from '../../approval-policy';
import { authoredBy, proveApproval } from '../../plan-history';
import type { PlanRule, RuleContext } from '../rule';
import { docsOf } from '../rule';

export const approvalNotAllowed: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/not-allowed',
    severity: 'error',
    description:
      "Each approver is allowed by the approval policy: in its list of approvers, or an owner CODEOWNERS gives for the plan's path.",
    tags: ['approval', 'gate'],
    docs: docsOf('approval/not-allowed'),
    messages: {
      notAllowed: '{{who}} may not approve this plan; its approvers are {{approvers}}.',
    },
  },
  check(context, report) {
    const allowed = allowedOf(context);
    if (!allowed) return;
    const history = context.history;
    for (const entry of currentApprovals(context)) {
      // Proved, the approver is the commit's author; not yet proved, what the entry says.
      const commit = history?.available ? proveApproval(entry, history).addedIn[0] : undefined;
      const identity =
        commit && authoredBy(commit, entry)
          ? { name: commit.authorName, email: commit.authorEmail }
          : { name: entry.by, email: entry.email };
      if (isAllowed(allowed, identity)) continue;
      report(entry.fieldAt(entry.email !== undefined ? 'email' : 'by'), 'notAllowed', {
        who: whoOf(entry),
        approvers: allowed.source,
      });
    }
  },
};

function allowedOf(context: RuleContext): AllowedApprovers | undefined {
  return allowedApprovers(context.approvalPolicy, context.file, context.codeowners);
}
