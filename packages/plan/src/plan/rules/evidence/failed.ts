/** `evidence/failed`: every cited test passed in the module's last test run. */
import { excerpt } from '../../text';
import type { RunRule } from '../rule';
import { docsOf } from '../rule';
import { citedData } from './run-messages';

export const evidenceFailed: RunRule = {
  scope: 'run',
  meta: {
    id: 'evidence/failed',
    severity: 'error',
    description: "Every test a plan cites passed in the module's last test run.",
    tags: ['evidence', 'tests', 'gate'],
    docs: docsOf('evidence/failed'),
    messages: {
      failed:
        '{{owner}} cites `{{name}}`, which failed in the last test run ({{file}}): {{failure}}. What the plan claims does not hold; fix the code or the test.',
    },
  },
  check(run, report) {
    for (const cited of run.cited) {
      if (cited.outcome.kind !== 'failed') continue;
      report(cited.plan, { line: cited.link.line, column: cited.link.column }, 'failed', {
        ...citedData(cited),
        failure: excerpt(cited.outcome.failure, 160),
      });
    }
  },
};
