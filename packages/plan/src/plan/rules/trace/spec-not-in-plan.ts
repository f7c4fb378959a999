/** `trace/spec-not-in-plan`: every spec of the use-case is shown to the reviewer. */
import { SPEC_SUFFIX, useCaseCodeDir } from '../../layout';
import { namedArtifacts } from '../../plan-tables';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

const SPEC_FILE_SUFFIX = `${SPEC_SUFFIX}.ts`;

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
    const named = namedInText(plan.text, plan.lines.lineStart(section.heading.line), end);
    for (const [spec, of] of [...expected].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!named(spec))
        report(section.heading, 'notNamed', {
          spec,
          of,
          section: sectionRef('unit-tests', context.catalog),
        });
    }
  },
};

/**
 * Whether a spec's path occurs in text[start, end): every path ends with `.spec.ts`, so the
 * text is searched once for that suffix, and each path compared where it ends (rather than
 * searching the whole section, often the longest of the plan, once per spec).
 */
function namedInText(text: string, start: number, end: number): (spec: string) => boolean {
  const ends: number[] = [];
  for (let at = text.indexOf(SPEC_FILE_SUFFIX, start); at !== -1; ) {
    const after = at + SPEC_FILE_SUFFIX.length;
    if (after > end) break;
    ends.push(after);
    at = text.indexOf(SPEC_FILE_SUFFIX, at + 1);
  }
  return (spec) =>
    spec.endsWith(SPEC_FILE_SUFFIX)
      ? ends.some(
          (after) => after - spec.length >= start && text.startsWith(spec, after - spec.length),
        )
      : text.slice(start, end).includes(spec);
}
