/** The front matter: valid, complete, and naming the plan the path says it is. */
import { PLAN_PATH_PATTERN, PLAN_STATUSES, planPath } from '../catalog';
import type { Finding } from '../finding';
import type { SourcePosition } from '../line-index';
import type { Rule, RuleContext } from './rule';
import { excerpt, finding, MODULE_NAME, USE_CASE_NAME } from './rule';

const START: SourcePosition = { line: 1, column: 1 };

/** `docs/features/{module}/{UseCase}/{UseCase}-plan.md` of a path, if it has that layout. */
export function pathNames(file: string): { module: string; useCase: string } | undefined {
  const match = PLAN_PATH_PATTERN.exec(file.replace(/\\/g, '/'));
  return match ? { module: match[1], useCase: match[2] } : undefined;
}

export const frontMatter: Rule = {
  id: 'plan/front-matter',
  severity: 'error',
  description:
    'The plan starts with a valid YAML front matter giving its module, useCase and status.',
  check(context) {
    const { plan } = context;
    const findings: Finding[] = [];
    const report = (at: SourcePosition, message: string) =>
      findings.push(finding(frontMatter, context, at, message));
    const expected = pathNames(context.file);
    const example = `\`module: ${expected?.module ?? '<module>'}\`, \`useCase: ${expected?.useCase ?? '<UseCase>'}\`, \`status: draft\``;

    for (const problem of plan.problems) {
      if (problem.kind === 'no-front-matter') {
        report(
          problem,
          `The plan has no front matter: ${problem.message}. Add it at the top: \`---\`, ${example}, \`---\`.`,
        );
      } else if (problem.kind === 'unclosed-front-matter') {
        report(problem, `The front matter is not closed: ${problem.message}.`);
      } else if (problem.kind === 'invalid-yaml') {
        report(
          problem,
          `The front matter is not valid YAML: ${problem.message}. Fix the YAML between the \`---\` lines.`,
        );
      }
    }
    const fm = plan.frontMatter;
    if (!fm || !fm.data) return findings;

    const field = (name: string) => fm.fields.get(name);
    const valueAt = (name: string): SourcePosition => field(name)?.valuePosition ?? START;
    const show = (value: unknown) => excerpt(JSON.stringify(value) ?? String(value));

    const module = fm.data.module;
    if (module === undefined || module === null || module === '') {
      report(
        START,
        `The front matter has no \`module\`; add \`module: ${expected?.module ?? '<module>'}\` (the module's Nx project name).`,
      );
    } else if (typeof module !== 'string' || !MODULE_NAME.test(module)) {
      report(
        valueAt('module'),
        `\`module\` is ${show(module)}, not a project name; write the module's Nx project name, e.g. \`module: ${expected?.module ?? 'meetings'}\`.`,
      );
    }
    const useCase = fm.data.useCase;
    if (useCase === undefined || useCase === null || useCase === '') {
      report(
        START,
        `The front matter has no \`useCase\`; add \`useCase: ${expected?.useCase ?? '<UseCase>'}\` (the use-case in PascalCase).`,
      );
    } else if (typeof useCase !== 'string' || !USE_CASE_NAME.test(useCase)) {
      report(
        valueAt('useCase'),
        `\`useCase\` is ${show(useCase)}, not a PascalCase name; write it like \`useCase: ${expected?.useCase ?? 'ScheduleMeeting'}\`.`,
      );
    }
    const status = fm.data.status;
    if (status === undefined || status === null || status === '') {
      report(
        START,
        'The front matter has no `status`; add `status: draft` (the approve generator sets `approved`).',
      );
    } else if (
      typeof status !== 'string' ||
      !(PLAN_STATUSES as readonly string[]).includes(status)
    ) {
      report(
        valueAt('status'),
        `\`status\` is ${show(status)}; it must be one of ${PLAN_STATUSES.join(', ')}.`,
      );
    }
    return findings;
  },
};

export const pathMismatch: Rule = {
  id: 'plan/path-mismatch',
  severity: 'error',
  description:
    "The front matter's module and useCase match the plan's path docs/features/{module}/{UseCase}/{UseCase}-plan.md.",
  check(context: RuleContext) {
    const expected = pathNames(context.file);
    const fm = context.plan.frontMatter;
    if (!expected || !fm?.data) return [];
    const findings: Finding[] = [];
    const { module, useCase } = fm.data;
    const where = (name: string) => fm.fields.get(name)?.valuePosition ?? START;
    if (typeof module === 'string' && module !== '' && module !== expected.module) {
      const target = typeof useCase === 'string' && useCase ? planPath(module, useCase) : undefined;
      findings.push(
        finding(
          pathMismatch,
          context,
          where('module'),
          `\`module: ${module}\` does not match the path, which says \`${expected.module}\`; fix the field${target ? `, or move the plan to ${target}` : ''}.`,
        ),
      );
    }
    if (typeof useCase === 'string' && useCase !== '' && useCase !== expected.useCase) {
      const target = typeof module === 'string' && module ? planPath(module, useCase) : undefined;
      findings.push(
        finding(
          pathMismatch,
          context,
          where('useCase'),
          `\`useCase: ${useCase}\` does not match the path, which says \`${expected.useCase}\`; fix the field${target ? `, or move the plan to ${target}` : ''}.`,
        ),
      );
    }
    return findings;
  },
};
