/** `trace/use-case-without-plan`: every use-case of the module's code has its plan. */
import { kebabCase } from '../../kebab-case';
import { APPLICATION_DIR, planInModuleDir, PLAN_SUFFIX, useCaseOfCodeDir } from '../../layout';
import { plansOf } from '../../module-layout';
import type { ModuleRule } from '../rule';
import { docsOf } from '../rule';

export const useCaseWithoutPlan: ModuleRule = {
  scope: 'module',
  meta: {
    id: 'trace/use-case-without-plan',
    severity: 'error',
    description: `Every use-case folder of the module's code (\`${APPLICATION_DIR}/{use-case}\` with a command or handler) has a plan.`,
    tags: ['trace', 'layout', 'gate'],
    docs: docsOf('trace/use-case-without-plan'),
    messages: {
      noPlan:
        'The use-case {{folder}} has code but no plan: expected {{expected}}. Restore or rename its plan, or plan it with nx g @mjomeet/plan:feature.',
    },
  },
  check(layout, report) {
    if (!layout.projectRoot) return;
    const planned = new Set(
      plansOf(layout).map((plan) =>
        kebabCase(plan.slice(plan.lastIndexOf('/') + 1, -PLAN_SUFFIX.length)),
      ),
    );
    for (const folder of layout.useCaseFolders) {
      if (planned.has(folder)) continue;
      report(`${layout.projectRoot}/${APPLICATION_DIR}/${folder}`, 'noPlan', {
        folder,
        expected: `${layout.plansDir}/${planInModuleDir(useCaseOfCodeDir(folder))}`,
      });
    }
  },
};
