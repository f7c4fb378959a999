/**
 * Writes a plan's `status` in its front matter, and nothing else: the other fields, their order
 * and comments, and the body stay byte for byte. The digest does not cover `status`, so an
 * approval stays current.
 */
import type { PlanStatus } from './catalog';
import { splitFrontMatter, yamlLibrary } from './front-matter';
import { LineIndex } from './line-index';

export class StatusError extends Error {
  override name = 'StatusError';
}

export function recordStatus(text: string, status: PlanStatus): string {
  const lines = new LineIndex(text);
  const split = splitFrontMatter(text, lines);
  if (!split.closed) throw new StatusError('The plan has no front matter (--- ... ---).');
  const { isMap, LineCounter, parseDocument } = yamlLibrary();
  const doc = parseDocument(split.yaml, { lineCounter: new LineCounter() });
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents)))
    throw new StatusError('The front matter is not a valid YAML mapping.');
  doc.set('status', status);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n/g, eol);
  const opening = text.slice(0, split.yamlOffset);
  const closing = text.slice(lines.lineStart(split.closeLine), split.bodyOffset);
  return opening + yaml + closing + text.slice(split.bodyOffset);
}
