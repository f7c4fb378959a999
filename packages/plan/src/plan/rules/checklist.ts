/** The seed's two checklists: every item present word for word, N/A with a reason, done when implemented. */
import { Checklist, CHECKLISTS } from '../catalog';
import type { Finding } from '../finding';
import type { TaskItem } from '../plan-model';
import type { Rule, RuleContext } from './rule';
import { excerpt, finding, normaliseTitle, sectionRef } from './rule';
import { hasWords, MINIMUM_WORDS } from '../substance';

/** `N/A` as a word, any case; what follows tells whether a reason is given. */
const NOT_APPLICABLE = /(?<![A-Za-z0-9])N\/A(?![A-Za-z0-9])/i;
/** `: reason` after the N/A. */
const REASON_AFTER_COLON = /^\s*:(.*)$/su;
const WORD_CHARACTER = /[A-Za-z0-9]/;

/** The task items of the checklist sections, with their checklist. */
function checklistTasks(
  context: RuleContext,
): Array<{ checklist: Checklist; tasks: readonly TaskItem[] }> {
  const result: Array<{ checklist: Checklist; tasks: readonly TaskItem[] }> = [];
  for (const checklist of CHECKLISTS) {
    const section = context.sections.get(checklist.section);
    if (section) result.push({ checklist, tasks: section.tasks });
  }
  return result;
}

/** Whether a task's text starts with the item, as a whole phrase (`Rate limiting configured — …`). */
function startsWithItem(text: string, item: string): boolean {
  return text.startsWith(item) && !WORD_CHARACTER.test(text.charAt(item.length));
}

export function isNotApplicable(task: TaskItem): boolean {
  return NOT_APPLICABLE.test(task.text);
}

export const itemMissing: Rule = {
  id: 'checklist/item-missing',
  severity: 'error',
  description:
    'Every item of the seed checklists is a task item, word for word, in its checklist section.',
  check(context) {
    const findings: Finding[] = [];
    for (const { checklist, tasks } of checklistTasks(context)) {
      const section = context.sections.get(checklist.section)!;
      const used = new Set<TaskItem>();
      for (const group of checklist.groups) {
        const groupHeading = section.subheadings.find(
          (heading) => normaliseTitle(heading.text) === normaliseTitle(group.title),
        );
        for (const item of group.items) {
          const task = tasks.find(
            (candidate) => !used.has(candidate) && startsWithItem(candidate.text, item),
          );
          if (task) {
            used.add(task);
            continue;
          }
          findings.push(
            finding(
              itemMissing,
              context,
              groupHeading ?? section.heading,
              `Checklist item "${item}" (${group.title}) is missing from ${sectionRef(checklist.section)}; add \`- [ ] ${item}\` word for word (keep it and mark it "N/A: reason" if it does not apply).`,
            ),
          );
        }
      }
    }
    return findings;
  },
};

export const naReason: Rule = {
  id: 'checklist/na-reason',
  severity: 'error',
  description: `A checklist item marked N/A says why in a real sentence: \`N/A: reason\` (${MINIMUM_WORDS.naReason}+ words).`,
  check(context) {
    const findings: Finding[] = [];
    for (const { tasks } of checklistTasks(context)) {
      for (const task of tasks) {
        const match = NOT_APPLICABLE.exec(task.text);
        if (!match) continue;
        const reason = REASON_AFTER_COLON.exec(task.text.slice(match.index + match[0].length));
        if (reason && hasWords(reason[1], MINIMUM_WORDS.naReason)) continue;
        const sourceColumn = context.plan.lines
          .lineText(task.line)
          .indexOf(match[0], task.textColumn - 1);
        const at = {
          line: task.line,
          column: sourceColumn >= 0 ? sourceColumn + 1 : task.textColumn,
        };
        findings.push(
          finding(
            naReason,
            context,
            at,
            reason?.[1].trim()
              ? `"${excerpt(task.text)}" is marked N/A without a real reason (at least ${MINIMUM_WORDS.naReason} words, not "n/a", "-" or "none"); write why it does not apply: "N/A: <reason>".`
              : `"${excerpt(task.text)}" is marked N/A without a reason; write why it does not apply: "N/A: <reason>".`,
          ),
        );
      }
    }
    return findings;
  },
};

export const unchecked: Rule = {
  id: 'checklist/unchecked',
  severity: 'error',
  description: 'When the status is implemented, every checklist item is ticked or marked N/A.',
  check(context) {
    if (context.status !== 'implemented') return [];
    const findings: Finding[] = [];
    for (const { tasks } of checklistTasks(context)) {
      for (const task of tasks) {
        if (task.checked || isNotApplicable(task)) continue;
        findings.push(
          finding(
            unchecked,
            context,
            task,
            `The plan is implemented but "${excerpt(task.text)}" is not ticked; tick it (\`- [x]\`) once it is done, or mark it "N/A: reason".`,
          ),
        );
      }
    }
    return findings;
  },
};
