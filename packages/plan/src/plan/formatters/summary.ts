/** Counts shared by every format, so that stylish, JSON and SARIF never disagree. */
import type { Finding } from '../finding';

export interface FindingCounts {
  readonly plans: number;
  readonly problems: number;
  readonly errors: number;
  readonly warnings: number;
}

export function countFindings(findings: readonly Finding[], plansCount: number): FindingCounts {
  let errors = 0;
  for (const finding of findings) if (finding.severity === 'error') errors++;
  return {
    plans: plansCount,
    problems: findings.length,
    errors,
    warnings: findings.length - errors,
  };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Reports are line-oriented: a message never spans lines. */
export function oneLine(text: string): string {
  // split/trim rather than /\s*\n+\s*/: that backtracks quadratically on long runs of spaces.
  return text.includes('\n') || text.includes('\r')
    ? text
        .split(/\r\n|\r|\n/)
        .map((part) => part.trim())
        .filter((part) => part.length > 0)
        .join(' ')
    : text;
}
