/** `plan/path-mismatch`: the front matter names the plan its path says it is. */
import { pathNames, planPath } from '../../layout';
import type { SourcePosition } from '../../line-index';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

const START: SourcePosition = { line: 1, column: 1 };

export const pathMismatch: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/path-mismatch',
    severity: 'error',
    description:
      "The front matter's module and useCase match the plan's path {plansDir}/{module}/{UseCase}/{UseCase}-plan.md.",
    tags: ['structure', 'gate'],
    docs: docsOf('plan/path-mismatch'),
    messages: {
      mismatch:
        '`{{field}}: {{value}}` does not match the path, which says `{{expected}}`; fix the field{{move}}.',
    },
  },
  check(context, report) {
    const expected = pathNames(context.file, context.plansDir);
    const fm = context.plan.frontMatter;
    if (!expected || !fm?.data) return;
    const { module, useCase } = fm.data;
    const where = (name: string) => fm.fields.get(name)?.valuePosition ?? START;
    const move = (m: unknown, u: unknown) =>
      typeof m === 'string' && m && typeof u === 'string' && u
        ? `, or move the plan to ${planPath(context.plansDir, m, u)}`
        : '';
    if (typeof module === 'string' && module !== '' && module !== expected.module)
      report(where('module'), 'mismatch', {
        field: 'module',
        value: module,
        expected: expected.module,
        move: move(module, useCase),
      });
    if (typeof useCase === 'string' && useCase !== '' && useCase !== expected.useCase)
      report(where('useCase'), 'mismatch', {
        field: 'useCase',
        value: useCase,
        expected: expected.useCase,
        move: move(module, useCase),
      });
  },
};
