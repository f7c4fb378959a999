/**
 * Whether a file can be read as a plan at all. Checked before anything parses it: a binary
 * file or a huge one would only produce noise (or take long) in the markdown and YAML parsers.
 */
import { LineIndex, SourcePosition } from './line-index';

/** Plans are prose plus some test code; anything above this is not a plan someone reviews. */
export const MAX_PLAN_BYTES = 1024 * 1024;

export type UnreadableKind = 'empty' | 'binary' | 'too-large';

export interface Unreadable extends SourcePosition {
  readonly kind: UnreadableKind;
  readonly message: string;
}

/** C0 control characters that never occur in text (tab, line breaks and form feed do). */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const BINARY_CHARACTER = /[\u0000-\u0008\u000E-\u001F]/;

/** Why a text cannot be a plan, or undefined when it can. Never throws. */
export function checkReadable(text: string): Unreadable | undefined {
  if (typeof text !== 'string') {
    return { kind: 'binary', line: 1, column: 1, message: 'The plan is not text.' };
  }
  // A string longer than the limit in UTF-16 units is longer in UTF-8 bytes too; only strings
  // near the limit need the exact (and slower) byte count.
  const bytes =
    text.length > MAX_PLAN_BYTES || text.length * 3 > MAX_PLAN_BYTES
      ? byteLength(text)
      : text.length;
  if (bytes > MAX_PLAN_BYTES) {
    return { kind: 'too-large', line: 1, column: 1, message: tooLargeMessage(bytes) };
  }
  const binary = BINARY_CHARACTER.exec(text);
  if (binary) {
    const at = new LineIndex(text).position(binary.index);
    const code = binary[0].charCodeAt(0).toString(16).padStart(2, '0').toUpperCase();
    return {
      kind: 'binary',
      ...at,
      message: `The plan contains binary data (control character U+00${code}); a plan is a UTF-8 markdown text file, so restore it from version control or regenerate it.`,
    };
  }
  if (text.trim() === '') {
    return {
      kind: 'empty',
      line: 1,
      column: 1,
      message:
        'The plan is empty; regenerate it with `nx g @mjomeet/plan:feature` or restore it from version control.',
    };
  }
  return undefined;
}

export function tooLargeMessage(bytes: number): string {
  return `The plan is ${formatSize(bytes)}, more than the ${formatSize(MAX_PLAN_BYTES)} a plan may have; split the use-case or move generated material out of it.`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}
