/**
 * For scripts. The shape is stable (a breaking change bumps `version`):
 *
 *   {
 *     "tool": "@mjomeet/plan",
 *     "version": 1,
 *     "summary": { "plans": 2, "problems": 3, "errors": 2, "warnings": 1 },
 *     "findings": [
 *       { "file": "docs/...-plan.md", "line": 14, "column": 1, "severity": "error",
 *         "ruleId": "plan/placeholder", "message": "..." }
 *     ]
 *   }
 *
 * Findings keep the order they are given in (verifyPlan sorts by file, line, column).
 */
import type { Finding } from '../finding';
import { countFindings, FindingCounts } from './summary';

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  readonly tool: '@mjomeet/plan';
  readonly version: typeof JSON_REPORT_VERSION;
  readonly summary: FindingCounts;
  readonly findings: ReadonlyArray<
    Pick<Finding, 'file' | 'line' | 'column' | 'severity' | 'ruleId' | 'message'>
  >;
}

export function jsonReport(findings: readonly Finding[], plansCount: number): JsonReport {
  return {
    tool: '@mjomeet/plan',
    version: JSON_REPORT_VERSION,
    summary: countFindings(findings, plansCount),
    // Fixed key order, whatever order the finding objects were built in.
    findings: findings.map(({ file, line, column, severity, ruleId, message }) => ({
      file,
      line,
      column,
      severity,
      ruleId,
      message,
    })),
  };
}

export function formatJson(findings: readonly Finding[], plansCount: number): string {
  return `${JSON.stringify(jsonReport(findings, plansCount), null, 2)}\n`;
}
