/** `evidence/target`: a cited test is in a test file of the module, in this repository. */
import { checkLink, planEvidence } from '../../evidence';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';
import { linkRef } from './messages';

export const evidenceTarget: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'evidence/target',
    severity: 'error',
    description:
      "Every evidence link targets a test file of the module's project, by its path in the repository.",
    tags: ['evidence', 'tests'],
    docs: docsOf('evidence/target'),
    messages: {
      url: 'The evidence {{link}} is a URL; link the test file by its path in the repository (relative to this plan, or from the root: `/packages/…`), so that it is checked against this checkout.',
      outsideWorkspace:
        'The evidence {{link}} points outside the repository; link a test file of the module by its path, relative to this plan or from the root (`/packages/…`).',
      outsideModule:
        'The evidence {{link}} is not a file of the module ({{root}}/); cite a test of the module this plan is for.',
      noFile:
        'There is no file {{file}} (cited by {{link}}); correct the path: relative to this plan, or from the repository root with a leading `/`.',
      notTest:
        '{{file}} is not a test file (a `*.spec.*` or `*.test.*` file, or one under `__tests__/`); cite the test that proves it, in its test file.',
      unparsable:
        "{{file}} cannot be read as TypeScript or JavaScript, so the test {{link}} cites cannot be found in it; fix the file's syntax.",
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    for (const link of planEvidence(context).links) {
      if (!code) {
        if (link.isUrl) report(link, 'url', { link: linkRef(link) });
        continue;
      }
      const check = checkLink(link, code);
      const data = { link: linkRef(link) };
      switch (check.kind) {
        case 'url':
          report(link, 'url', data);
          break;
        case 'outside-workspace':
          report(link, 'outsideWorkspace', data);
          break;
        case 'outside-module':
          report(link, 'outsideModule', { ...data, root: check.root || 'the module' });
          break;
        case 'no-file':
          report(link, 'noFile', { ...data, file: check.file });
          break;
        case 'not-a-test-file':
          report(link, 'notTest', { ...data, file: check.file });
          break;
        case 'unparsable':
          report(link, 'unparsable', { ...data, file: check.file });
          break;
      }
    }
  },
};
