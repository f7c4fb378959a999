/** `evidence/no-assertion`: the body of a cited test asserts something. */
import { checkLink, planEvidence } from '../../evidence';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';
import { testRef } from './messages';

export const evidenceNoAssertion: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'evidence/no-assertion',
    severity: 'error',
    description:
      'The body of a cited test calls `expect…` or `assert…` at least once: a test that asserts nothing passes whatever the code does.',
    tags: ['evidence', 'tests'],
    docs: docsOf('evidence/no-assertion'),
    messages: {
      inline:
        'The cited test `{{name}}` ({{at}}) asserts nothing: its body calls no `expect…` or `assert…`, so it passes whatever the code does. Add an assertion, or cite a test that has one.',
      reference:
        "The cited test `{{name}}` ({{at}}) runs a function defined elsewhere, so its assertions cannot be seen; write the test's body in the `it`/`test` call, with its assertions.",
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    if (!code) return;
    for (const link of planEvidence(context).links) {
      const check = checkLink(link, code);
      if (check.kind !== 'no-assertion') continue;
      report(link, check.test.body === 'reference' ? 'reference' : 'inline', {
        name: link.name,
        at: testRef(check.file, check.test),
      });
    }
  },
};
