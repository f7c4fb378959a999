/**
 * What a rule is and what it sees. A rule is a self-describing object, like an eslint rule: its
 * `meta` (id, description, tags, default severity, docs, message templates, options schema) and
 * a `check` that reports by message id. The context is computed once per plan and shared by all
 * rules, so no rule re-parses or re-derives what another already needed.
 */
import { Catalog, PLAN_STATUSES, PlanStatus } from '../catalog';
import type { MessageData, RuleMeta } from '../finding';
import { MODULE_NAME, USE_CASE_NAME } from '../layout';
import type { SourcePosition } from '../line-index';
import type { ModuleCode } from '../module-code';
import type { ParsedPlan, Section } from '../plan-model';
import { countWords } from '../substance';
import { normaliseTitle } from '../text';
import type { ModuleLayout } from '../module-layout';
import type { ApprovalPolicy } from '../approval-policy';
import type { CodeOwners } from '../codeowners';
import type { PlanHistory } from '../plan-history';
import type { EvidenceRun } from '../verify-evidence';

export type { RuleMeta } from '../finding';

export interface RuleContext {
  readonly plan: ParsedPlan;
  readonly file: string;
  /** The module's code; the traceability rules run only when it is given. */
  readonly moduleCode: ModuleCode | undefined;
  /** The clock, for "approved in the future". */
  readonly now: Date;
  /** The front matter's fields when they are valid, undefined otherwise. */
  readonly module: string | undefined;
  readonly useCase: string | undefined;
  readonly status: PlanStatus | undefined;
  /** What the plan must contain, as configured. */
  readonly catalog: Catalog;
  /** Where plans live, workspace-relative: `docs/features` unless configured. */
  readonly plansDir: string;
  /** The profile the plan asks for (`profile:` in its front matter), as configured. */
  readonly profile: PlanProfile;
  /** The first `##` section of each catalog title, by section id. */
  readonly sections: ReadonlyMap<string, Section>;
  /** The approval policy, as configured. */
  readonly approvalPolicy: ApprovalPolicy;
  /** The workspace's CODEOWNERS, when the policy's approvers are its owners and it has one. */
  readonly codeowners: CodeOwners | undefined;
  /**
   * What git history says of the plan: the approval rules prove each approval from it. Undefined
   * when the caller did not read history (a plan verified as text alone): they say nothing then.
   */
  readonly history: PlanHistory | undefined;
  /** A CI run (`--ci`, `CI=true`): an approval that cannot be proved fails, not only warns. */
  readonly ci: boolean;
}

/** Reports a finding of the running rule: where, which message, with what to fill it. */
export type Report = (at: SourcePosition, messageId: string, data?: MessageData) => void;
/** Reports a finding of a module rule, on a file or folder of the module (at line 1). */
export type ModuleReport = (file: string, messageId: string, data?: MessageData) => void;

/** A rule on one plan. */
export interface PlanRule<Options = Readonly<Record<string, unknown>>> {
  readonly scope: 'plan';
  readonly meta: RuleMeta;
  check(context: RuleContext, report: Report, options: Options): void;
  /**
   * Checks options the configuration gives against what the workspace's plans contain (a group
   * that no checklist has): `key: what is wrong`, or undefined when they are fine.
   */
  validate?(options: Options, catalog: Catalog): string | undefined;
}

/** A rule on a module as a whole: its plans folder and its code's layout. */
export interface ModuleRule<Options = Readonly<Record<string, unknown>>> {
  readonly scope: 'module';
  readonly meta: RuleMeta;
  check(layout: ModuleLayout, report: ModuleReport, options: Options): void;
}

/**
 * A rule on a test run (verify-evidence): what the last run of the module's tests says of the
 * tests its plans cite. It reads the outcome of every cited test, computed once for all.
 */
export interface RunRule<Options = Readonly<Record<string, unknown>>> {
  readonly scope: 'run';
  readonly meta: RuleMeta;
  check(run: EvidenceRun, report: RunReport, options: Options): void;
}

/** Reports a finding of a run rule: in a plan (at a link) or on the report file (at line 1). */
export type RunReport = (
  file: string,
  at: SourcePosition,
  messageId: string,
  data?: MessageData,
) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = PlanRule<any> | ModuleRule<any> | RunRule<any>;

/** Where every built-in rule is documented; a rule's anchor is its id without `/`. */
export const RULES_DOC = 'https://github.com/mjomeet/plan/blob/main/docs/rules.md';

export function docsOf(id: string): string {
  return `${RULES_DOC}#${id.replace(/[^a-z0-9-]/g, '')}`;
}

/** Catalog title → section id, built once per catalog. */
const titles = new WeakMap<Catalog, ReadonlyMap<string, string>>();

export function sectionIdOf(section: Section, catalog: Catalog): string | undefined {
  let byTitle = titles.get(catalog);
  if (!byTitle) {
    byTitle = new Map(catalog.sections.map((spec) => [normaliseTitle(spec.title), spec.id]));
    titles.set(catalog, byTitle);
  }
  return byTitle.get(normaliseTitle(section.title));
}

export interface PlanProfile {
  /** As the front matter gives it; `default` when it gives none. */
  readonly requested: unknown;
  /** The profile the plan is verified with: the full plan when the requested one is unknown. */
  readonly name: string;
  readonly known: boolean;
  /** The modules that may use it (`*`: all), and every profile the configuration has. */
  readonly modules: readonly string[];
  readonly available: readonly string[];
}

export interface ContextOptions {
  readonly moduleCode: ModuleCode | undefined;
  readonly now: Date;
  readonly catalog: Catalog;
  readonly plansDir: string;
  readonly profile: PlanProfile;
  readonly approvalPolicy: ApprovalPolicy;
  readonly codeowners?: CodeOwners;
  readonly history?: PlanHistory;
  readonly ci?: boolean;
}

export function createContext(plan: ParsedPlan, options: ContextOptions): RuleContext {
  const { moduleCode, now, catalog, plansDir, profile, approvalPolicy } = options;
  const data = plan.frontMatter?.data;
  const sections = new Map<string, Section>();
  for (const section of plan.sections) {
    const id = sectionIdOf(section, catalog);
    if (id && !sections.has(id)) sections.set(id, section);
  }
  const module =
    typeof data?.module === 'string' && MODULE_NAME.test(data.module) ? data.module : undefined;
  const useCase =
    typeof data?.useCase === 'string' && USE_CASE_NAME.test(data.useCase)
      ? data.useCase
      : undefined;
  const status = PLAN_STATUSES.find((candidate) => candidate === data?.status);
  return {
    plan,
    file: plan.file,
    moduleCode,
    now,
    module,
    useCase,
    status,
    catalog,
    plansDir,
    profile,
    sections,
    approvalPolicy,
    codeowners: options.codeowners,
    history: options.history,
    ci: options.ci ?? false,
  };
}

/** `## Title` in backticks, as messages name sections. */
export function sectionRef(id: string, catalog: Catalog): string {
  return `\`## ${catalog.sections.find((section) => section.id === id)?.title ?? id}\``;
}

/** What a section needs, as the template's guidance says it. */
export function guidanceOf(id: string, catalog: Catalog): string {
  return catalog.sections.find((section) => section.id === id)?.guidance ?? '';
}

/**
 * A section's text as a reader sees it: the lines below its heading, without its `###` headings
 * and HTML comments (the template's guidance), so that only what a person wrote is left.
 */
/**
 * Whether a section's body (sectionBody's text) holds `minimum` meaningful words: read line by
 * line, and only as far as needed, without building the body. A section's first lines usually
 * say enough, where the body of a long one (the unit tests, hundreds of lines) costs its whole
 * length to build.
 */
export function sectionHasWords(plan: ParsedPlan, section: Section, minimum: number): boolean {
  if (minimum <= 0) return true;
  const headingLines = new Set(section.subheadings.map((heading) => heading.line));
  let inComment = false;
  let count = 0;
  for (let line = section.heading.line + 1; line <= section.endLine; line++) {
    if (headingLines.has(line)) continue;
    const text = plan.lines.lineText(line);
    // What is left of the line outside HTML comments, a comment read as one space (as in
    // sectionBody); a comment may span lines, and one never closed runs to the section's end.
    let visible = '';
    let at = 0;
    while (at < text.length) {
      if (inComment) {
        const end = text.indexOf('-->', at);
        if (end === -1) break;
        inComment = false;
        at = end + 3;
      } else {
        const start = text.indexOf('<!--', at);
        if (start === -1) {
          visible += text.slice(at);
          break;
        }
        visible += `${text.slice(at, start)} `;
        inComment = true;
        at = start + 4;
      }
    }
    count += countWords(visible, minimum - count);
    if (count >= minimum) return true;
  }
  return false;
}

export function sectionBody(plan: ParsedPlan, section: Section): string {
  const headingLines = new Set(section.subheadings.map((heading) => heading.line));
  const lines: string[] = [];
  for (let line = section.heading.line + 1; line <= section.endLine; line++) {
    if (!headingLines.has(line)) lines.push(plan.lines.lineText(line));
  }
  return lines.join('\n').replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
}
