/** `tests/no-assertion`: every test block holds a test that asserts. */
import { isTypeScriptBlock, testCensus } from '../../typescript';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

/** `### \`….spec.ts\``: the heading the template puts above each spec's code. */
const SPEC_HEADING = /\.spec\.tsx?`?\s*$/;

export const noAssertion: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'tests/no-assertion',
    severity: 'error',
    description:
      'Every test block of the Unit tests section holds at least one `it`/`test` with an assertion.',
    tags: ['tests', 'content'],
    docs: docsOf('tests/no-assertion'),
    messages: {
      noTestRuns:
        'The ```{{lang}} block has no `it`/`test` that runs (only skipped or todo tests, or none); write at least one test whose body checks the behaviour with `expect(…)`.',
      nothingAsserted:
        'The ```{{lang}} block has {{tests}} {{testNoun}} but none asserts anything; write at least one test whose body checks the behaviour with `expect(…)`.',
      noTest:
        '{{section}} has no test: none of its TypeScript blocks calls `it`/`test`; add the tests to review, each with an assertion.',
    },
  },
  check(context, report) {
    const section = context.sections.get('unit-tests');
    if (!section) return;
    const blocks = section.codeBlocks.filter(isTypeScriptBlock);
    if (blocks.length === 0) return; // tests/no-code-block's
    let testBlocks = 0;
    for (const block of blocks) {
      const census = testCensus(block.code, block.lang === 'tsx');
      if (!census) continue; // tests/syntax-error's
      const heading = [...section.subheadings].reverse().find((h) => h.line < block.line);
      const underSpec = heading !== undefined && SPEC_HEADING.test(heading.text);
      if (!census.callsTestApi && !underSpec) continue; // the implementation a test shows
      testBlocks++;
      if (census.asserting > 0) continue;
      if (census.tests === 0) report(block, 'noTestRuns', { lang: block.lang });
      else
        report(block, 'nothingAsserted', {
          lang: block.lang,
          tests: census.tests,
          testNoun: census.tests > 1 ? 'tests' : 'test',
        });
    }
    if (testBlocks === 0)
      report(section.heading, 'noTest', { section: sectionRef('unit-tests', context.catalog) });
  },
};
