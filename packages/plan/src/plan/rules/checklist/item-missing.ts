/** `checklist/item-missing`: every checklist item is there, word for word. */
import { checklistTasks, startsWithItem } from '../../checklist-tasks';
import type { TaskItem } from '../../plan-model';
import { normaliseTitle } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

export const itemMissing: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'checklist/item-missing',
    severity: 'error',
    description:
      'Every item of the seed checklists is a task item, word for word, in its checklist section.',
    tags: ['checklist'],
    docs: docsOf('checklist/item-missing'),
    messages: {
      missing:
        'Checklist item "{{item}}" ({{group}}) is missing from {{section}}; add `- [ ] {{item}}` word for word (keep it and mark it "N/A: reason" if it does not apply).',
    },
  },
  check(context, report) {
    const { catalog } = context;
    for (const { checklist, section, tasks } of checklistTasks(
      catalog.checklists,
      context.sections,
    )) {
      const used = new Set<TaskItem>();
      for (const group of checklist.groups) {
        const groupHeading = section.subheadings.find(
          (heading) => normaliseTitle(heading.text) === normaliseTitle(group.title),
        );
        for (const item of group.items) {
          const task = tasks.find((t) => !used.has(t) && startsWithItem(t.text, item));
          if (task) {
            used.add(task);
            continue;
          }
          report(groupHeading ?? section.heading, 'missing', {
            item,
            group: group.title,
            section: sectionRef(checklist.section, catalog),
          });
        }
      }
    }
  },
};
