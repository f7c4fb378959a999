/** `checklist/unchecked`: an implemented plan has every item done or N/A. */
import { checklistTasks, isNotApplicable } from '../../checklist-tasks';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const unchecked: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'checklist/unchecked',
    severity: 'error',
    description: 'When the status is implemented, every checklist item is ticked or marked N/A.',
    tags: ['checklist'],
    docs: docsOf('checklist/unchecked'),
    messages: {
      notTicked:
        'The plan is implemented but "{{item}}" is not ticked; tick it (`- [x]`) once it is done, or mark it "N/A: reason".',
    },
  },
  check(context, report) {
    if (context.status !== 'implemented') return;
    for (const { tasks } of checklistTasks(context.catalog.checklists, context.sections)) {
      for (const task of tasks) {
        if (!task.checked && !isNotApplicable(task))
          report(task, 'notTicked', { item: excerpt(task.text) });
      }
    }
  },
};
