/** `evidence/skipped-test`: a cited test runs: it is not skipped, todo, focused or `failing`. */
import { checkLink, planEvidence } from '../../evidence';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';
import { testRef } from './messages';

export const evidenceSkippedTest: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'evidence/skipped-test',
    severity: 'error',
    description:
      'A cited test runs as a test that must pass: it is not `skip`, `todo`, `only`, `xit`, `fit` or `failing` (nor in such a `describe`).',
    tags: ['evidence', 'tests'],
    docs: docsOf('evidence/skipped-test'),
    messages: {
      skip: 'The cited test `{{name}}` is skipped by `{{by}}` ({{at}}): a test that does not run proves nothing. Make it run, or cite a test that runs.',
      todo: 'The cited test `{{name}}` is a todo (`{{by}}`, {{at}}): it has no code yet. Write it, or cite a test that runs.',
      only: 'The cited test `{{name}}` is focused by `{{by}}` ({{at}}), which skips the other tests of its file; remove the focus (`.only`, `fit`, `fdescribe`).',
      failing:
        'The cited test `{{name}}` is marked `{{by}}` ({{at}}): it passes only while the behaviour is broken. Cite a test that expects it to work.',
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    if (!code) return;
    for (const link of planEvidence(context).links) {
      const check = checkLink(link, code);
      if (check.kind !== 'marked' || !check.test.mark) continue;
      report(link, check.test.mark, {
        name: link.name,
        by: check.test.markedBy ?? check.test.mark,
        at: testRef(check.file, check.test),
      });
    }
  },
};
