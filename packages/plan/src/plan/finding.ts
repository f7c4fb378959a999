/** What a rule reports, and what every rule is. */

export type Severity = 'error' | 'warning';

/** The values a message template is filled with: `{{name}}` → data.name. */
export type MessageData = Readonly<Record<string, string | number>>;

export interface Finding {
  /** Stable id, e.g. `plan/section-missing`; documented in docs/rules.md. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** Which of the rule's messages: stable, for tests and tools (the prose may change). */
  readonly messageId: string;
  /** What the message was filled with. */
  readonly data: MessageData;
  /** One line: what is wrong and what to do about it. */
  readonly message: string;
  /** The plan's path as given to the verifier (workspace-relative in practice). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/**
 * What a rule is for: the `meta` of a rule object, as the verifier, the reporters, the docs and
 * the configuration see it (like an eslint rule's meta).
 */
export interface RuleMeta {
  /** Namespaced: `plan/…`, `checklist/…`; a workspace's own rules: `custom/…`. */
  readonly id: string;
  /** The default severity; the configuration may change it or turn the rule off. */
  readonly severity: Severity;
  /** One line; used as the SARIF short description and in docs/rules.md. */
  readonly description: string;
  /**
   * What the rule is about, and how the verifier treats it: `approval` rules are skipped by
   * the approve generator, a `blocking` rule that reports stops every other rule on the plan,
   * and a `gate` rule cannot be turned off or made a warning: the gate itself rests on it.
   */
  readonly tags: readonly RuleTag[];
  /** Where the rule is documented (SARIF `helpUri`). */
  readonly docs: string;
  /** Message templates by message id: `{{name}}` is filled from the finding's data. */
  readonly messages: Readonly<Record<string, string>>;
  /** JSON schema of the rule's options (an object), when it takes any. */
  readonly schema?: Readonly<Record<string, unknown>>;
  /** The options a rule runs with when the configuration gives none. */
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
}

export type RuleTag =
  | 'structure'
  | 'content'
  | 'checklist'
  | 'security'
  | 'tests'
  | 'evidence'
  | 'trace'
  | 'approval'
  | 'layout'
  | 'blocking'
  | 'gate'
  | 'custom';

/** Fills a message template: `{{name}}` → data.name; an unknown name is left as written. */
export function fillMessage(template: string, data: MessageData): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
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
