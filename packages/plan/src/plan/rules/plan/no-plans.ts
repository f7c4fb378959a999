/** `plan/no-plans`: a plan-required module has at least one plan. */
import { plansOf } from '../../module-layout';
import type { ModuleRule } from '../rule';
import { docsOf } from '../rule';

export const noPlans: ModuleRule = {
  scope: 'module',
  meta: {
    id: 'plan/no-plans',
    severity: 'error',
    description: 'A plan-required module has at least one plan.',
    tags: ['layout', 'gate'],
    docs: docsOf('plan/no-plans'),
    messages: {
      none: 'This module is plan-required but has no plan in {{plansDir}}; plan a use-case with nx g @mjomeet/plan:feature before building or testing it.',
    },
  },
  check(layout, report) {
    if (plansOf(layout).length === 0)
      report(layout.plansDir, 'none', { plansDir: layout.plansDir });
  },
};
