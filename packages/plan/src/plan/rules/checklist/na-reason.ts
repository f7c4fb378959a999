/** `checklist/na-reason`: an item marked N/A says why, in real words. */
import { checklistTasks, NOT_APPLICABLE } from '../../checklist-tasks';
import { hasWords } from '../../substance';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

/** `: reason` after the N/A. */
const REASON_AFTER_COLON = /^\s*:(.*)$/su;

export interface NaReasonOptions {
  /** Words a reason needs, besides punctuation and fillers. */
  readonly minWords: number;
}

export const naReason: PlanRule<NaReasonOptions> = {
  scope: 'plan',
  meta: {
    id: 'checklist/na-reason',
    severity: 'error',
    description:
      'A checklist item marked N/A says why in a real sentence: `N/A: reason` (2+ words).',
    tags: ['checklist', 'content'],
    docs: docsOf('checklist/na-reason'),
    messages: {
      noReason:
        '"{{item}}" is marked N/A without a reason; write why it does not apply: "N/A: <reason>".',
      vagueReason:
        '"{{item}}" is marked N/A without a real reason (at least {{minWords}} words, not "n/a", "-" or "none"); write why it does not apply: "N/A: <reason>".',
    },
    schema: {
      type: 'object',
      properties: { minWords: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { minWords: 2 },
  },
  check(context, report, { minWords }) {
    for (const { tasks } of checklistTasks(context.catalog.checklists, context.sections)) {
      for (const task of tasks) {
        const match = NOT_APPLICABLE.exec(task.text);
        if (!match) continue;
        const reason = REASON_AFTER_COLON.exec(task.text.slice(match.index + match[0].length));
        if (reason && hasWords(reason[1], minWords)) continue;
        const sourceColumn = context.plan.lines
          .lineText(task.line)
          .indexOf(match[0], task.textColumn - 1);
        const at = {
          line: task.line,
          column: sourceColumn >= 0 ? sourceColumn + 1 : task.textColumn,
        };
        report(at, reason?.[1].trim() ? 'vagueReason' : 'noReason', {
          item: excerpt(task.text),
          minWords,
        });
      }
    }
  },
};
