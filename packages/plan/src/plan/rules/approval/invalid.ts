/** `approval/invalid`: an approved plan's approvals are well-formed. */
import { approveCommand, isApprovedStatus, readApprovals } from '../../approval-block';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

const HOW = 'record it with {{command}}.';

export const approvalInvalid: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/invalid',
    severity: 'error',
    description:
      'An approved or implemented plan has well-formed approvals: each with by, an email, an ISO-8601 at that is not in the future, and a sha256 digest.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/invalid'),
    messages: {
      noBlock: `The status is \`{{status}}\` but no approval is recorded; ${HOW}`,
      both: 'The front matter has both `approval` (a single approval, as plans had before approval lists) and `approvals`; keep `approvals`: the approve generator migrates the single block when it next writes ({{command}}).',
      notList: `\`approvals\` must be a list of approvals, each with \`by\`, \`email\`, \`at\` and \`digest\`; ${HOW}`,
      notMapping: `\`{{field}}\` is not a mapping of \`by\`, \`email\`, \`at\` and \`digest\`; ${HOW}`,
      noApprover: `\`{{field}}\` must name who approved the plan; ${HOW}`,
      badEmail: `\`{{field}}\` must be an email like ada@example.com (it is {{value}}); ${HOW}`,
      badDate: `\`{{field}}\` must be an ISO-8601 date-time with a time zone, like 2026-11-23T10:00:00Z (it is {{value}}); ${HOW}`,
      futureDate: `\`{{field}}\` ({{value}}) is in the future; ${HOW}`,
      badDigest: `\`{{field}}\` must be \`sha256:\` followed by 64 lower-case hex digits; ${HOW}`,
    },
  },
  check(context, report) {
    if (!isApprovedStatus(context)) return;
    const command = approveCommand(context);
    for (const problem of readApprovals(context).problems) {
      report(problem.at, problem.messageId, {
        command,
        status: context.status ?? '',
        field: problem.field ?? 'approval',
        value: problem.value ?? '',
      });
    }
  },
};
