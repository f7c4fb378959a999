/** `plan/section-duplicate`: no catalog section appears twice, whichever copy holds what. */
import type { Section } from '../../plan-model';
import type { PlanRule } from '../rule';
import { docsOf, sectionIdOf } from '../rule';

export const sectionDuplicate: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/section-duplicate',
    severity: 'error',
    description:
      'Every catalog section appears once: a second copy would hide what the rules read.',
    tags: ['structure', 'gate'],
    docs: docsOf('plan/section-duplicate'),
    messages: {
      duplicate:
        'Section `## {{title}}` appears again (first on line {{firstLine}}); merge the two into one section.',
    },
  },
  check(context, report) {
    const first = new Map<string, Section>();
    for (const section of context.plan.sections) {
      const id = sectionIdOf(section, context.catalog);
      if (!id) continue;
      const earlier = first.get(id);
      if (!earlier) first.set(id, section);
      else
        report(section.heading, 'duplicate', {
          title: section.title,
          firstLine: earlier.heading.line,
        });
    }
  },
};
