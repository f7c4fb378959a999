/** `approval/author-mismatch`: the commit that added an approval was authored by its approver. */
import { approveCommand, currentApprovals, shortHash, whoOf } from '../../approval-block';
import { authoredBy, proveApproval } from '../../plan-history';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const approvalAuthorMismatch: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/author-mismatch',
    severity: 'error',
    description:
      'With git history: every commit that added an approval was authored by the approver it names (its email; the name of a single `approval` block).',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/author-mismatch'),
    messages: {
      otherAuthor:
        'The approval by {{who}} was committed by {{author}} in {{commit}}; an approval counts only in a commit its approver authored. {{who}} approves again ({{command}}) and commits it.',
      notFound:
        'The approval by {{who}} is committed, but no commit in the history adds it; the approver approves again ({{command}}) and commits it.',
    },
  },
  check(context, report) {
    const history = context.history;
    if (!history?.available) return;
    const command = approveCommand(context);
    for (const entry of currentApprovals(context)) {
      const proof = proveApproval(entry, history);
      if (!proof.committed) continue;
      const who = whoOf(entry);
      if (proof.addedIn.length === 0) report(entry.position, 'notFound', { who, command });
      for (const commit of proof.addedIn) {
        if (authoredBy(commit, entry)) continue;
        report(entry.position, 'otherAuthor', {
          who,
          author:
            entry.email !== undefined
              ? commit.authorEmail
              : `${commit.authorName} <${commit.authorEmail}>`,
          commit: shortHash(commit.hash),
          command,
        });
      }
    }
  },
};
