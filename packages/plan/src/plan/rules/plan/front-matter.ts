/** `plan/front-matter`: a valid front matter giving the plan's module, useCase and status. */
import { PLAN_STATUSES } from '../../catalog';
import { MODULE_NAME, pathNames, USE_CASE_NAME } from '../../layout';
import type { SourcePosition } from '../../line-index';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

const START: SourcePosition = { line: 1, column: 1 };

export const frontMatter: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/front-matter',
    severity: 'error',
    description:
      'The plan starts with a valid YAML front matter giving its module, useCase and status.',
    tags: ['structure', 'gate'],
    docs: docsOf('plan/front-matter'),
    messages: {
      noFrontMatter:
        'The plan has no front matter: {{problem}}. Add it at the top: `---`, {{example}}, `---`.',
      unclosed: 'The front matter is not closed: {{problem}}.',
      invalidYaml:
        'The front matter is not valid YAML: {{problem}}. Fix the YAML between the `---` lines.',
      noModule:
        "The front matter has no `module`; add `module: {{expected}}` (the module's Nx project name).",
      badModule:
        "`module` is {{value}}, not a project name; write the module's Nx project name, e.g. `module: {{expected}}`.",
      noUseCase:
        'The front matter has no `useCase`; add `useCase: {{expected}}` (the use-case in PascalCase).',
      badUseCase:
        '`useCase` is {{value}}, not a PascalCase name; write it like `useCase: {{expected}}`.',
      noStatus:
        'The front matter has no `status`; add `status: draft` (the approve generator sets `approved`).',
      badStatus: '`status` is {{value}}; it must be one of {{statuses}}.',
    },
  },
  check(context, report) {
    const { plan } = context;
    const expected = pathNames(context.file, context.plansDir);
    const example = `\`module: ${expected?.module ?? '<module>'}\`, \`useCase: ${expected?.useCase ?? '<UseCase>'}\`, \`status: draft\``;
    for (const problem of plan.problems) {
      if (problem.kind === 'no-front-matter')
        report(problem, 'noFrontMatter', { problem: problem.message, example });
      else if (problem.kind === 'unclosed-front-matter')
        report(problem, 'unclosed', { problem: problem.message });
      else if (problem.kind === 'invalid-yaml')
        report(problem, 'invalidYaml', { problem: problem.message });
    }
    const fm = plan.frontMatter;
    if (!fm || !fm.data) return;

    const valueAt = (name: string): SourcePosition => fm.fields.get(name)?.valuePosition ?? START;
    const show = (value: unknown) => excerpt(JSON.stringify(value) ?? String(value));
    const absent = (value: unknown) => value === undefined || value === null || value === '';

    const { module, useCase, status } = fm.data;
    if (absent(module)) report(START, 'noModule', { expected: expected?.module ?? '<module>' });
    else if (typeof module !== 'string' || !MODULE_NAME.test(module))
      report(valueAt('module'), 'badModule', {
        value: show(module),
        expected: expected?.module ?? 'meetings',
      });
    if (absent(useCase)) report(START, 'noUseCase', { expected: expected?.useCase ?? '<UseCase>' });
    else if (typeof useCase !== 'string' || !USE_CASE_NAME.test(useCase))
      report(valueAt('useCase'), 'badUseCase', {
        value: show(useCase),
        expected: expected?.useCase ?? 'ScheduleMeeting',
      });
    if (absent(status)) report(START, 'noStatus');
    else if (typeof status !== 'string' || !(PLAN_STATUSES as readonly string[]).includes(status))
      report(valueAt('status'), 'badStatus', {
        value: show(status),
        statuses: PLAN_STATUSES.join(', '),
      });
  },
};
