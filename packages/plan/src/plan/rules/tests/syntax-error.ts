/** `tests/syntax-error`: every TypeScript block of the plan parses. */
import { firstSyntaxError, isTypeScriptBlock, positionInPlan } from '../../typescript';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const syntaxError: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'tests/syntax-error',
    severity: 'error',
    description: "Every TypeScript code block of the plan parses with TypeScript's parser.",
    tags: ['tests'],
    docs: docsOf('tests/syntax-error'),
    messages: {
      syntax:
        'TypeScript syntax error in the ```{{lang}} block: {{problem}}{{more}}; fix the code so that it parses.',
    },
  },
  check(context, report) {
    for (const block of context.plan.codeBlocks) {
      if (!isTypeScriptBlock(block)) continue;
      const problem = firstSyntaxError(block.code, block.lang === 'tsx');
      if (!problem) continue;
      report(positionInPlan(context.plan, block, problem), 'syntax', {
        lang: block.lang,
        problem: problem.message,
        more: problem.count > 1 ? ` (${problem.count - 1} more after it)` : '',
      });
    }
  },
};
