/** `plan/profile`: the plan's profile exists and its module may use it. */
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const profile: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/profile',
    severity: 'error',
    description:
      "The plan's `profile` (when it gives one) is configured, and its module may use it.",
    tags: ['structure', 'gate'],
    docs: docsOf('plan/profile'),
    messages: {
      unknown:
        '`profile: {{requested}}` is not configured, so the plan is checked as a full plan; use one of {{available}}, or remove the field.',
      notAllowed:
        'The module {{module}} may not use the profile `{{name}}`; write a full plan (remove `profile`), or allow the module in the configuration (profiles.{{name}}.modules).',
    },
  },
  check(context, report) {
    const { profile: chosen } = context;
    const at = context.plan.frontMatter?.fields.get('profile')?.valuePosition ?? {
      line: 1,
      column: 1,
    };
    if (!chosen.known) {
      report(at, 'unknown', {
        requested: String(chosen.requested),
        available: chosen.available.map((name) => `\`${name}\``).join(', '),
      });
    } else if (
      !chosen.modules.includes('*') &&
      !(context.module !== undefined && chosen.modules.includes(context.module))
    ) {
      report(at, 'notAllowed', { module: context.module ?? '(unknown)', name: chosen.name });
    }
  },
};
