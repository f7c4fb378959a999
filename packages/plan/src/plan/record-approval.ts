/**
 * Writes an approval into a plan's front matter: `status: approved` and the `approval` block
 * (who, when, digest). Only the front matter changes, so the digest written is the digest of
 * the result; comments and the other fields of the front matter are kept.
 */
import { planDigest } from './digest';
import { splitFrontMatter, yamlLibrary } from './front-matter';
import { LineIndex } from './line-index';

export interface ApprovalRecord {
  /** Who approves: one line. */
  readonly by: string;
  readonly at: Date;
}

/** Thrown when a plan's front matter cannot carry an approval; the message says why. */
export class ApprovalError extends Error {
  override name = 'ApprovalError';
}

export function recordApproval(text: string, approval: ApprovalRecord): string {
  const by = approval.by.trim();
  if (by === '' || /[\r\n]/.test(by))
    throw new ApprovalError('The approver must be one non-empty line.');
  if (Number.isNaN(approval.at.getTime()))
    throw new ApprovalError('The approval time is not a valid date.');
  const lines = new LineIndex(text);
  const split = splitFrontMatter(text, lines);
  if (!split.closed) {
    throw new ApprovalError(
      'The plan has no front matter (--- ... ---) to record the approval in.',
    );
  }
  const { isMap, LineCounter, parseDocument } = yamlLibrary();
  const doc = parseDocument(split.yaml, { lineCounter: new LineCounter() });
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    throw new ApprovalError(
      'The front matter is not a valid YAML mapping; fix it before approving.',
    );
  }
  const status = doc.get('status');
  // Re-approving an implemented plan (after a reviewed change) keeps it implemented.
  doc.set('status', status === 'implemented' ? 'implemented' : 'approved');
  doc.set(
    'approval',
    doc.createNode({ by, at: approval.at.toISOString(), digest: planDigest(text) }),
  );
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n/g, eol);
  const opening = text.slice(0, split.yamlOffset);
  const closing = text.slice(lines.lineStart(split.closeLine), split.bodyOffset);
  return opening + yaml + closing + text.slice(split.bodyOffset);
}
