/** `evidence/not-run`: every cited test ran in the module's last test run. */
import type { RunRule } from '../rule';
import { docsOf } from '../rule';
import { citedData } from './run-messages';

export const evidenceNotRun: RunRule = {
  scope: 'run',
  meta: {
    id: 'evidence/not-run',
    severity: 'error',
    description:
      "Every test a plan cites ran in the module's last test run: jest ran its file, and the test itself.",
    tags: ['evidence', 'tests', 'gate'],
    docs: docsOf('evidence/not-run'),
    messages: {
      fileNotRun:
        "{{owner}} cites `{{name}}`, which did not run in the last test run: jest did not run {{file}} (its configuration's testMatch or testRegex does not match it, testPathIgnorePatterns excludes it, or the run was filtered). Make jest run it, or cite a test that runs.",
      noTest:
        '{{owner}} cites `{{name}}`, which did not run in the last test run: {{file}} ran, but no test of that name (it was renamed, or left out by a filter such as --testNamePattern). Cite the test by its current name.',
      skipped:
        '{{owner}} cites `{{name}}`, which did not run in the last test run: jest reported it {{status}} (skipped, todo, or left out by a name filter). Make it run, or cite a test that runs.',
      fileFailed:
        '{{owner}} cites `{{name}}`, which did not run in the last test run: {{file}} failed to run ({{problem}}). Fix the file so that its tests run.',
      notAFile:
        '{{owner}} cites `{{name}}` by a link that is not a path of the repository ({{file}}), so no test run can be checked for it; link the test file by its path.',
    },
  },
  check(run, report) {
    for (const cited of run.cited) {
      const { outcome } = cited;
      const at = { line: cited.link.line, column: cited.link.column };
      const data = citedData(cited);
      switch (outcome.kind) {
        case 'file-not-run':
          report(cited.plan, at, 'fileNotRun', data);
          break;
        case 'no-test':
          report(cited.plan, at, 'noTest', data);
          break;
        case 'skipped':
          report(cited.plan, at, 'skipped', { ...data, status: `"${outcome.status}"` });
          break;
        case 'file-failed':
          report(cited.plan, at, 'fileFailed', { ...data, problem: outcome.problem });
          break;
        case 'not-a-file':
          report(cited.plan, at, 'notAFile', data);
          break;
      }
    }
  },
};
