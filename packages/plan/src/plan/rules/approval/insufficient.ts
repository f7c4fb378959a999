/** `approval/insufficient`: as many distinct approvers as the policy requires. */
import {
  approveCommand,
  currentApprovals,
  identityOf,
  readApprovals,
  whoOf,
} from '../../approval-block';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalInsufficient: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/insufficient',
    severity: 'error',
    description:
      'The plan has approvals of its current content from as many distinct approvers as the policy requires (requiredApprovals).',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/insufficient'),
    messages: {
      tooFew:
        'The plan needs approvals from {{required}} distinct approvers and has {{count}} ({{who}}); another approver runs {{command}}.',
    },
  },
  check(context, report) {
    const required = context.approvalPolicy.requiredApprovals;
    const entries = currentApprovals(context);
    // None at all is approval/invalid's (no approval) or approval/stale's (none of this text).
    if (entries.length === 0) return;
    const distinct = new Map<string, string>();
    for (const entry of entries) {
      if (!distinct.has(identityOf(entry))) distinct.set(identityOf(entry), whoOf(entry));
    }
    if (distinct.size >= required) return;
    report(readApprovals(context).at, 'tooFew', {
      required,
      count: distinct.size,
      who: [...distinct.values()].join(', '),
      command: approveCommand(context),
    });
  },
};
