/** `approval/stale`: the plan has not changed since it was approved. */
import { approveCommand, isApprovedStatus, readApproval, statusAt } from '../../approval-block';
import { digestOfParts, DIGEST_PATTERN } from '../../digest';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalStale: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/stale',
    severity: 'error',
    description:
      'The approval digest matches the plan: the plan has not changed since it was approved.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/stale'),
    messages: {
      stale:
        'The plan changed after {{by}} approved it on {{on}}; review the change and approve again: {{command}}.',
    },
  },
  check(context, report) {
    if (!isApprovedStatus(context)) return;
    const approval = readApproval(context);
    // A malformed digest is approval/invalid's to report; it cannot be compared.
    if (!approval.digest || !DIGEST_PATTERN.test(approval.digest)) return;
    const { plan } = context;
    const data = plan.frontMatter?.data;
    const current = digestOfParts(data?.module, data?.useCase, plan.text.slice(plan.bodyOffset));
    if (current === approval.digest) return;
    report(
      plan.frontMatter?.fields.get('approval.digest')?.valuePosition ?? statusAt(context),
      'stale',
      {
        by: excerpt(approval.by ?? '') || 'the reviewer',
        on: excerpt(approval.at ?? '') || 'an unknown date',
        command: approveCommand(context),
      },
    );
  },
};
