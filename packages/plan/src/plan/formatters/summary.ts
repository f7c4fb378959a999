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
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
