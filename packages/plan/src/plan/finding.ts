/** What a rule reports, and what every rule is. */

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable id, e.g. `plan/section-missing`; documented in docs/rules.md. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** One line: what is wrong and what to do about it. */
  readonly message: string;
  /** The plan's path as given to the verifier (workspace-relative in practice). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/** A rule as reporters and docs see it. */
export interface RuleMeta {
  readonly id: string;
  readonly severity: Severity;
  /** One line; used as the SARIF short description and in docs/rules.md. */
  readonly description: string;
}

/** Orders findings by file, line, column, then rule id, so that reports are stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
