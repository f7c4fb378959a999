/**
 * What a rule sees and how it reports. The context is computed once per plan and shared by all
 * rules, so no rule re-parses or re-derives what another already needed.
 */
import { PLAN_STATUSES, PlanStatus, SectionId, SECTIONS } from '../catalog';
import type { Finding, RuleMeta } from '../finding';
import type { SourcePosition } from '../line-index';
import type { ModuleCode } from '../module-code';
import type { ParsedPlan, Section } from '../plan-model';
import { MODULE_NAME, USE_CASE_NAME } from '../layout';

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
  /** The first `##` section of each catalog title. */
  readonly sections: ReadonlyMap<SectionId, Section>;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): Finding[];
}

export function finding(
  rule: RuleMeta,
  context: RuleContext,
  at: SourcePosition,
  message: string,
): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message,
    file: context.file,
    line: at.line,
    column: at.column,
  };
}

/** Section titles compare with runs of white space collapsed: `##  Threat  model` is the same. */
export function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

/** Catalog title → section id, built once. */
const SECTION_BY_TITLE: ReadonlyMap<string, SectionId> = new Map(
  SECTIONS.map((section) => [normaliseTitle(section.title), section.id]),
);

export function sectionIdOf(section: Section): SectionId | undefined {
  return SECTION_BY_TITLE.get(normaliseTitle(section.title));
}

export { MODULE_NAME, USE_CASE_NAME } from '../layout';

export function createContext(
  plan: ParsedPlan,
  moduleCode: ModuleCode | undefined,
  now: Date,
): RuleContext {
  const data = plan.frontMatter?.data;
  const sections = new Map<SectionId, Section>();
  for (const section of plan.sections) {
    const id = sectionIdOf(section);
    if (id && !sections.has(id)) sections.set(id, section);
  }
  const module =
    typeof data?.module === 'string' && MODULE_NAME.test(data.module) ? data.module : undefined;
  const useCase =
    typeof data?.useCase === 'string' && USE_CASE_NAME.test(data.useCase)
      ? data.useCase
      : undefined;
  const status = PLAN_STATUSES.find((candidate) => candidate === data?.status);
  return { plan, file: plan.file, moduleCode, now, module, useCase, status, sections };
}

/** `## Title` in backticks, as messages name sections. */
export function sectionRef(id: SectionId): string {
  return `\`## ${SECTIONS.find((section) => section.id === id)?.title ?? id}\``;
}

/** Text from the plan quoted in a message: on one line, and cut to a readable length. */
export function excerpt(text: string, max = 80): string {
  const flat = (text.length > max * 4 ? text.slice(0, max * 4) : text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A section's text as a reader sees it: the lines below its heading, without its `###` headings
 * and HTML comments (the template's guidance), so that only what a person wrote is left.
 */
export function sectionBody(plan: ParsedPlan, section: Section): string {
  const headingLines = new Set(section.subheadings.map((heading) => heading.line));
  const lines: string[] = [];
  for (let line = section.heading.line + 1; line <= section.endLine; line++) {
    if (!headingLines.has(line)) lines.push(plan.lines.lineText(line));
  }
  return lines.join('\n').replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
}
