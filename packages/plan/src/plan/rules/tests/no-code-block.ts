/** `tests/no-code-block`: the Unit tests section shows TypeScript. */
import { isTypeScriptBlock } from '../../typescript';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

export const noCodeBlock: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'tests/no-code-block',
    severity: 'error',
    description: 'The Unit tests section contains at least one TypeScript (```ts) code block.',
    tags: ['tests'],
    docs: docsOf('tests/no-code-block'),
    messages: {
      none: '{{section}} has no TypeScript code block; add the tests to review, each in a ```ts block with the implementation it tests.',
    },
  },
  check(context, report) {
    const section = context.sections.get('unit-tests');
    if (!section || section.codeBlocks.some(isTypeScriptBlock)) return;
    report(section.heading, 'none', { section: sectionRef('unit-tests', context.catalog) });
  },
};
