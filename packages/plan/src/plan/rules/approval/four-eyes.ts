/** `approval/four-eyes`: no approver wrote the content they approved. */
import { approveCommand, currentApprovals, shortHash, whoOf } from '../../approval-block';
import { authoredBy, proveApproval } from '../../plan-history';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

/** Commits named in a message; more are counted. */
const SHOWN = 3;

export const approvalFourEyes: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/four-eyes',
    severity: 'error',
    description:
      "With fourEyes and git history: no approver authored a commit that changed the plan's content since its last approval.",
    tags: ['approval', 'gate'],
    docs: docsOf('approval/four-eyes'),
    messages: {
      author:
        '{{who}} approved content they wrote ({{commits}}); with fourEyes, someone who did not write the plan since its last approval approves it: {{command}}.',
    },
  },
  check(context, report) {
    const history = context.history;
    if (!context.approvalPolicy.fourEyes || !history?.available) return;
    for (const entry of currentApprovals(context)) {
      const own = proveApproval(entry, history).contentCommits.filter((commit) =>
        authoredBy(commit, entry),
      );
      if (own.length === 0) continue;
      const hashes = own.slice(0, SHOWN).map((commit) => shortHash(commit.hash));
      const more = own.length > SHOWN ? ` and ${own.length - SHOWN} more` : '';
      report(entry.position, 'author', {
        who: whoOf(entry),
        commits: `${own.length === 1 ? 'commit' : 'commits'} ${hashes.join(', ')}${more}`,
        command: approveCommand(context),
      });
    }
  },
};
