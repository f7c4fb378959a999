/** `approval/missing`: the plan is approved, not a draft. */
import { approveCommand, statusAt } from '../../approval-block';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalMissing: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/missing',
    severity: 'error',
    description: 'The plan is approved: its status is not draft.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/missing'),
    messages: {
      draft:
        'The plan is a draft and not approved; nothing of it may be implemented yet. When the plan is complete, a reviewer approves it as their own git identity and commits the approval: {{command}}.',
    },
  },
  check(context, report) {
    if (context.status === 'draft')
      report(statusAt(context), 'draft', { command: approveCommand(context) });
  },
};
