/** `trace/spec-not-in-plan`: every spec of the use-case is shown to the reviewer. */
import { useCaseCodeDir } from '../../layout';
import { namedArtifacts } from '../../plan-tables';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

export const specNotInPlan: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'trace/spec-not-in-plan',
    severity: 'error',
    description:
      "Every spec of the plan's artifacts and of its use-case folder is named in the Unit tests section.",
    tags: ['trace', 'tests'],
    docs: docsOf('trace/spec-not-in-plan'),
    messages: {
      notNamed:
        "Spec `{{spec}}` ({{of}}) is not named in {{section}}; add a `###` sub-section named after it, with the test's code, so that the reviewer sees it.",
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    const section = context.sections.get('unit-tests');
    if (!code || !section) return;
    const { plan } = context;
    // Expected specs, with what they test for the message: beside each found artifact's file,
    // and everything in the use-case's application folder.
    const expected = new Map<string, string>();
    for (const artifact of namedArtifacts(context.sections)) {
      const file = code.declarations.get(artifact.name);
      const spec = file?.replace(/\.ts$/, '.spec.ts');
      if (spec && code.specFiles.has(spec) && !expected.has(spec))
        expected.set(spec, `of \`${artifact.name}\``);
    }
    if (context.useCase) {
      const folder = `${useCaseCodeDir(context.useCase)}/`;
      for (const spec of code.specFiles) {
        if (spec.startsWith(folder) && !expected.has(spec)) expected.set(spec, `in ${folder}`);
      }
    }
    const end =
      section.endLine < plan.lines.lineCount
        ? plan.lines.lineStart(section.endLine + 1)
        : plan.text.length;
    const sectionText = plan.text.slice(plan.lines.lineStart(section.heading.line), end);
    for (const [spec, of] of [...expected].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!sectionText.includes(spec))
        report(section.heading, 'notNamed', {
          spec,
          of,
          section: sectionRef('unit-tests', context.catalog),
        });
    }
  },
};
