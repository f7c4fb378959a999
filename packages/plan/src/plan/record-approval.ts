/**
 * Writes an approval into a plan's front matter: `status: approved` and one entry of the
 * `approvals` list (who, from the approver's git identity; when; the digest of the content).
 * Only the front matter changes, so the digest written is the digest of the result; comments
 * and the other fields of the front matter are kept.
 *
 * The list keeps the other approvers' approvals of the same content (a plan may need several),
 * drops approvals of other content (they are stale: they approved another text), and replaces
 * this approver's earlier one. A single `approval:` block (plans approved before lists) is
 * migrated into the list.
 */
import { approvalEntriesOf, EMAIL, identityOf } from './approval-block';
import { planDigest } from './digest';
import { splitFrontMatter, yamlLibrary } from './front-matter';
import { LineIndex } from './line-index';

export interface ApprovalRecord {
  /** The approver's name, as their git identity has it (user.name): one line. */
  readonly by: string;
  /** The approver's email, as their git identity has it (user.email). */
  readonly email: string;
  readonly at: Date;
  /** What `--by` said when it was not the git name: a label of the identity, one line. */
  readonly label?: string;
}

/** Thrown when a plan's front matter cannot carry an approval; the message says why. */
export class ApprovalError extends Error {
  override name = 'ApprovalError';
}

export function recordApproval(text: string, approval: ApprovalRecord): string {
  const by = approval.by.trim();
  const email = approval.email.trim();
  const label = approval.label?.trim();
  if (by === '' || /[\r\n]/.test(by))
    throw new ApprovalError('The approver must be one non-empty line.');
  if (!EMAIL.test(email))
    throw new ApprovalError(`The approver's email "${email}" is not an email.`);
  if (label !== undefined && /[\r\n]/.test(label))
    throw new ApprovalError('The label must be one line.');
  if (Number.isNaN(approval.at.getTime()))
    throw new ApprovalError('The approval time is not a valid date.');
  const lines = new LineIndex(text);
  const split = splitFrontMatter(text, lines);
  if (!split.closed) {
    throw new ApprovalError(
      'The plan has no front matter (--- ... ---) to record the approval in.',
    );
  }
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const doc = parseDocument(split.yaml, { lineCounter: new LineCounter() });
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    throw new ApprovalError(
      'The front matter is not a valid YAML mapping; fix it before approving.',
    );
  }
  const listNode = doc.get('approvals', true);
  if (listNode !== undefined && listNode !== null && !isSeq(listNode)) {
    throw new ApprovalError(
      "The front matter's `approvals` is not a list; fix it (or remove it) before approving.",
    );
  }
  const digest = planDigest(text);
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const me = identityOf({ by, email });
  const keep = new Set(
    approvalEntriesOf(data)
      .filter(
        (entry) =>
          entry.digest === digest &&
          identityOf(entry) !== me &&
          // A single block of this approver (it has no email) is theirs too.
          !(
            entry.legacy &&
            identityOf({ by: entry.by, email: undefined }) === identityOf({ by, email: undefined })
          ),
      )
      .map((entry) => entry.key),
  );
  // The entries kept are written back as they were (node for node, comments included).
  const kept: unknown[] = [];
  const legacy = doc.get('approval', true);
  if (isSeq(listNode)) {
    const entries = approvalEntriesOf({ approvals: data.approvals });
    listNode.items.forEach((node, index) => {
      const entry = entries.find((candidate) => candidate.index === index);
      if (entry && keep.has(entry.key)) kept.push(node);
    });
  } else if (legacy !== undefined && legacy !== null) {
    const [entry] = approvalEntriesOf({ approval: data.approval });
    if (entry && keep.has(entry.key)) kept.push(legacy);
  }
  const fields: Record<string, string> = { by, email, at: approval.at.toISOString(), digest };
  if (label && label !== by) fields.label = label;

  const status = doc.get('status');
  // Re-approving an implemented plan (after a reviewed change) keeps it implemented.
  doc.set('status', status === 'implemented' ? 'implemented' : 'approved');
  doc.delete('approval');
  const list = doc.createNode([]) as import('yaml').YAMLSeq;
  for (const node of kept) list.items.push(node);
  list.items.push(doc.createNode(fields));
  doc.set('approvals', list);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n/g, eol);
  const opening = text.slice(0, split.yamlOffset);
  const closing = text.slice(lines.lineStart(split.closeLine), split.bodyOffset);
  return opening + yaml + closing + text.slice(split.bodyOffset);
}
