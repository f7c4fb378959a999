/**
 * For people, like eslint's stylish: one line per finding, clickable `path:line:col` first,
 * then a summary line.
 *
 *   docs/features/zeta/BookRoom/BookRoom-plan.md:14:1  error  `TODO(plan)` left in ...  plan/placeholder
 *   ✖ 3 problems (2 errors, 1 warning) in 1 plan
 */
import type { Finding } from '../finding';
import { countFindings, oneLine, plural } from './summary';

export function formatStylish(findings: readonly Finding[], plansCount: number): string {
  const lines = findings.map(
    (finding) =>
      `${finding.file}:${finding.line}:${finding.column}  ${finding.severity}  ${oneLine(finding.message)}  ${finding.ruleId}`,
  );
  const counts = countFindings(findings, plansCount);
  lines.push(
    counts.problems === 0
      ? `✔ ${plural(counts.plans, 'plan')} verified, no problems`
      : `✖ ${plural(counts.problems, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}) in ${plural(counts.plans, 'plan')}`,
  );
  return `${lines.join('\n')}\n`;
}
