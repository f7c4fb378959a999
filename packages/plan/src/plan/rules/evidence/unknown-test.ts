/**
 * `evidence/unknown-test`: the cited file has a test of exactly the cited full name. Read with
 * TypeScript's parser: nested `describe`s, `it`/`test`, string and template-literal titles.
 */
import { checkLink, planEvidence } from '../../evidence';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const evidenceUnknownTest: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'evidence/unknown-test',
    severity: 'error',
    description:
      "The cited file has a test of exactly the link's text: its `describe` titles and its title, joined by ` › `.",
    tags: ['evidence', 'tests'],
    docs: docsOf('evidence/unknown-test'),
    messages: {
      renamed:
        "There is no test `{{name}}` in {{file}}; rename the link to the test's current name: `{{suggestion}}`.",
      unknown:
        'There is no test `{{name}}` in {{file}}; name the test as jest does: its `describe` titles and its title, joined by ` › ` ({{named}} of its tests have a name known before they run).',
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    if (!code) return;
    for (const link of planEvidence(context).links) {
      const check = checkLink(link, code);
      if (check.kind !== 'unknown-test') continue;
      if (check.suggestion)
        report(link, 'renamed', {
          name: link.name,
          file: check.file,
          suggestion: check.suggestion,
        });
      else report(link, 'unknown', { name: link.name, file: check.file, named: check.named });
    }
  },
};
