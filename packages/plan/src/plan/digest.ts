/**
 * The approval digest: what a reviewer approved. It covers the plan's content (the front
 * matter's `module` and `useCase`, and the whole body) and nothing the workflow itself writes:
 * ticking a checklist box and recording status/approval in the front matter leave it unchanged,
 * while any other edit of the body makes an approval stale.
 */
import { createHash } from 'node:crypto';
import { readFrontMatter, splitFrontMatter } from './front-matter';
import { LineIndex } from './line-index';

export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * A GFM task marker `[x]`/`[X]` after a list bullet (in a quote or nested list too). Written so
 * that no two parts can match the same white space: a 1 MiB line of spaces stays linear.
 */
const TICKED_TASK = /^((?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[[xX]\](?=\s|$)/gm;
const LINE_BREAK = /\r\n?/g;

/** `sha256:<64 hex>` of a plan's text. Never throws, whatever the text. */
export function planDigest(text: string): string {
  const safe = typeof text === 'string' ? text : '';
  const split = splitFrontMatter(safe, new LineIndex(safe));
  const data = split.closed ? readFrontMatter(split.yaml, 2).data : undefined;
  return digestOfParts(data?.module, data?.useCase, safe.slice(split.bodyOffset));
}

/**
 * The digest from a plan already split: the verifier has parsed the front matter and must not
 * parse it twice. `module`/`useCase` that are not strings count as absent.
 */
export function digestOfParts(
  module: unknown,
  useCase: unknown,
  body: string,
  remember = true,
): string {
  // JSON keeps the two names and the body apart unambiguously, whatever characters they hold.
  const head = JSON.stringify({
    module: typeof module === 'string' ? module : '',
    useCase: typeof useCase === 'string' ? useCase : '',
  });
  const known = recent.get(body);
  if (known && known.head === head) return known.digest;
  const normalised = (body.includes('\r') ? body.replace(LINE_BREAK, '\n') : body).replace(
    TICKED_TASK,
    '$1[ ]',
  );
  const digest = `sha256:${createHash('sha256').update(head).update('\n').update(normalised).digest('hex')}`;
  if (!remember) return digest;
  if (recent.size >= RECENT_SIZE) recent.delete(recent.keys().next().value as string);
  recent.set(body, { head, digest });
  return digest;
}

/**
 * The last digests computed, by body. verify-plan digests a plan's file and each version of it
 * in git history, and the file is normally HEAD's version: the same body, digested once. The
 * batch reads the histories of ten modules before it verifies their plans: the memo holds a few
 * hundred plans, each a slice of a plan's text that is in memory anyway; a version only git has
 * is digested without being remembered (`remember`), so that its text is not held.
 */
const recent = new Map<string, { head: string; digest: string }>();
const RECENT_SIZE = 512;
