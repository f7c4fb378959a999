/** `approval/unsigned`: with requireSignedApprovals, the approver signed the approval's commit. */
import { currentApprovals, shortHash, whoOf } from '../../approval-block';
import { proveApproval } from '../../plan-history';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

/** `%G?` → message id; G (good) is checked against the approver instead. */
const STATUS: Readonly<Record<string, string>> = {
  B: 'bad',
  U: 'untrusted',
  X: 'expired',
  Y: 'expiredKey',
  R: 'revoked',
  E: 'cannotCheck',
  N: 'unsigned',
};

export const approvalUnsigned: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'approval/unsigned',
    severity: 'error',
    description:
      'With requireSignedApprovals and git history: the commit that added each approval carries a valid signature of its approver, as git verify-commit sees it.',
    tags: ['approval', 'gate'],
    docs: docsOf('approval/unsigned'),
    messages: {
      unsigned:
        "The approval by {{who}} was committed unsigned in {{commit}} (or git cannot check its signature here: for SSH signatures, set the policy's allowedSigners or gpg.ssh.allowedSignersFile); approvals must be signed: the approver commits it with `git commit -S`.",
      bad: 'The signature of {{commit}}, which adds the approval by {{who}}, is bad: the commit is not what was signed.',
      untrusted:
        "{{commit}}, which adds the approval by {{who}}, is signed with a key git does not trust ({{key}}); add the approver's key to the allowed signers (SSH) or trust it (GPG).",
      expired: 'The signature of {{commit}}, which adds the approval by {{who}}, has expired.',
      expiredKey:
        '{{commit}}, which adds the approval by {{who}}, is signed with an expired key ({{key}}).',
      revoked:
        '{{commit}}, which adds the approval by {{who}}, is signed with a revoked key ({{key}}).',
      cannotCheck:
        'The signature of {{commit}}, which adds the approval by {{who}}, cannot be checked here: its key ({{key}}) is missing.',
      otherSigner:
        '{{commit}}, which adds the approval by {{who}}, is signed by {{signer}}, not by the approver.',
    },
  },
  check(context, report) {
    const history = context.history;
    if (!context.approvalPolicy.requireSignedApprovals || !history?.available) return;
    for (const entry of currentApprovals(context)) {
      for (const commit of proveApproval(entry, history).addedIn) {
        const signature = history.signatures?.get(commit.hash);
        const status = signature?.status ?? 'N';
        const data = {
          who: whoOf(entry),
          commit: shortHash(commit.hash),
          key: signature?.key || 'unknown key',
          signer: signature?.signer || 'an unknown signer',
        };
        if (status !== 'G') {
          report(entry.position, STATUS[status] ?? 'cannotCheck', data);
        } else if (!signedBy(signature!.signer, entry.email ?? commit.authorEmail)) {
          report(entry.position, 'otherSigner', data);
        }
      }
    }
  },
};

/** An SSH principal is the email; a GPG user id is `Name <email>`. */
function signedBy(signer: string, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  const lower = signer.trim().toLowerCase();
  return lower === wanted || lower.endsWith(`<${wanted}>`) || lower.includes(`<${wanted}>`);
}
