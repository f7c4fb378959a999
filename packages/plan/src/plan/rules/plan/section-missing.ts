/** `plan/section-missing`: every catalog section is there, with its exact title. */
import { normaliseTitle } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf, sectionIdOf, sectionRef } from '../rule';

export const sectionMissing: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/section-missing',
    severity: 'error',
    description:
      'Every section of the plan catalog is present as a `##` heading with its exact title.',
    tags: ['structure'],
    docs: docsOf('plan/section-missing'),
    messages: {
      missing: 'Section `## {{title}}` is missing{{hint}}; add it{{place}}: {{guidance}}',
    },
  },
  check(context, report) {
    const { plan, sections, catalog } = context;
    const specs = catalog.sections;
    specs.forEach((spec, index) => {
      if (sections.has(spec.id)) return;
      // Point at where it belongs: the next catalog section present, or the end of the plan.
      const next = specs.slice(index + 1).find((later) => sections.has(later.id));
      const previous = [...specs.slice(0, index)].reverse().find((e) => sections.has(e.id));
      const at = next
        ? sections.get(next.id)!.heading
        : { line: Math.max(plan.lines.lineCount, 1), column: 1 };
      const place = previous
        ? ` after ${sectionRef(previous.id, catalog)}`
        : next
          ? ` before ${sectionRef(next.id, catalog)}`
          : '';
      const lookalike = plan.sections.find(
        (section) =>
          !sectionIdOf(section, catalog) &&
          normaliseTitle(section.title).toLowerCase() === normaliseTitle(spec.title).toLowerCase(),
      );
      const hint = lookalike
        ? ` (line ${lookalike.heading.line} has \`## ${lookalike.title}\`: write the title exactly)`
        : '';
      report(at, 'missing', { title: spec.title, hint, place, guidance: spec.guidance });
    });
  },
};
