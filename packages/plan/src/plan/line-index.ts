/**
 * Offsets ↔ 1-based line:column over a whole plan file.
 *
 * Line breaks are `\r\n`, `\r` and `\n`, the same set markdown-it normalises, so that a line
 * number computed here and one computed from a markdown-it token map always agree. Columns count
 * UTF-16 code units (what JavaScript strings index), which is also what SARIF is told.
 */

export interface SourcePosition {
  /** 1-based line of the whole file (front matter included). */
  readonly line: number;
  /** 1-based column, in UTF-16 code units. */
  readonly column: number;
}

export class LineIndex {
  /** Offset of the first character of each line; `starts[0]` is 0. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    // The common case (no `\r`) takes the fast path: indexOf is much cheaper than a char loop.
    if (text.indexOf('\r') === -1) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of a 1-based line (clamped to the file). */
  lineStart(line: number): number {
    const i = Math.min(Math.max(line, 1), this.starts.length) - 1;
    return this.starts[i];
  }

  /** The text of a 1-based line, without its line break; '' outside the file. */
  lineText(line: number): string {
    if (line < 1 || line > this.starts.length) return '';
    const start = this.starts[line - 1];
    let end = line < this.starts.length ? this.starts[line] : this.text.length;
    // Drop the line break (`\n`, `\r\n` or `\r`).
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  /** 1-based line:column of an offset (clamped to the file). */
  position(offset: number): SourcePosition {
    const target = Math.min(Math.max(offset, 0), this.text.length);
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= target) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: target - this.starts[low] + 1 };
  }
}

/** Column (1-based) of the first character of a line that is not white space; 1 for a blank line. */
export function firstNonSpaceColumn(lineText: string): number {
  const match = /\S/.exec(lineText);
  return match ? match.index + 1 : 1;
}
