/** The task items of a plan's checklists, as the checklist rules read them. */
import type { Checklist } from './catalog';
import type { Section, TaskItem } from './plan-model';

/** `N/A` as a word, any case; what follows tells whether a reason is given. */
export const NOT_APPLICABLE = /(?<![A-Za-z0-9])N\/A(?![A-Za-z0-9])/i;
const WORD_CHARACTER = /[A-Za-z0-9]/;

export interface ChecklistTasks {
  readonly checklist: Checklist;
  readonly section: Section;
  readonly tasks: readonly TaskItem[];
}

/** The task items of each checklist section the plan has, with its checklist. */
export function checklistTasks(
  checklists: readonly Checklist[],
  sections: ReadonlyMap<string, Section>,
): ChecklistTasks[] {
  const result: ChecklistTasks[] = [];
  for (const checklist of checklists) {
    const section = sections.get(checklist.section);
    if (section) result.push({ checklist, section, tasks: section.tasks });
  }
  return result;
}

/** Whether a task's text starts with the item, as a whole phrase (`Rate limiting configured — …`). */
export function startsWithItem(text: string, item: string): boolean {
  return text.startsWith(item) && !WORD_CHARACTER.test(text.charAt(item.length));
}

export function isNotApplicable(task: TaskItem): boolean {
  return NOT_APPLICABLE.test(task.text);
}
