/** `approval/invalid`: an approved plan's approval block is well-formed. */
import { approveCommand, isApprovedStatus, readApproval } from '../../approval-block';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

const HOW = 'record it with {{command}}.';

export const approvalInvalid: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/invalid',
    severity: 'error',
    description:
      'An approved or implemented plan has a valid approval block: by, an ISO-8601 at that is not in the future, and a sha256 digest.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/invalid'),
    messages: {
      noBlock: `The status is \`{{status}}\` but there is no \`approval\` block; ${HOW}`,
      notMapping: `\`approval\` is not a mapping of \`by\`, \`at\` and \`digest\`; ${HOW}`,
      noApprover: `\`approval.by\` must name who approved the plan; ${HOW}`,
      badDate: `\`approval.at\` must be an ISO-8601 date-time with a time zone, like 2026-11-23T10:00:00Z (it is {{value}}); ${HOW}`,
      futureDate: `\`approval.at\` ({{value}}) is in the future; ${HOW}`,
      badDigest: `\`approval.digest\` must be \`sha256:\` followed by 64 lower-case hex digits; ${HOW}`,
    },
  },
  check(context, report) {
    if (!isApprovedStatus(context)) return;
    const command = approveCommand(context);
    for (const problem of readApproval(context).problems) {
      report(problem.at, problem.messageId, {
        command,
        status: context.status ?? '',
        value: problem.value ?? '',
      });
    }
  },
};
