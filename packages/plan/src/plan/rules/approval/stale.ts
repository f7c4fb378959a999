/** `approval/stale`: the plan has not changed since it was approved. */
import {
  approveCommand,
  contentDigest,
  isApprovedStatus,
  readApprovals,
} from '../../approval-block';
import { DIGEST_PATTERN } from '../../digest';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalStale: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/stale',
    severity: 'error',
    description:
      'Every approval digest matches the plan: the plan has not changed since it was approved.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/stale'),
    messages: {
      stale:
        'The plan changed after {{by}} approved it on {{on}}; review the change and approve again: {{command}}.',
    },
  },
  check(context, report) {
    if (!isApprovedStatus(context)) return;
    const current = contentDigest(context);
    for (const entry of readApprovals(context).entries) {
      // A malformed digest is approval/invalid's to report; it cannot be compared.
      if (!entry.digest || !DIGEST_PATTERN.test(entry.digest) || entry.digest === current) continue;
      report(entry.fieldAt('digest'), 'stale', {
        by: excerpt(entry.by ?? '') || 'the reviewer',
        on: excerpt(entry.at ?? '') || 'an unknown date',
        command: approveCommand(context),
      });
    }
  },
};
