/** `plan/placeholder`: no `TODO(plan)` left anywhere in the file, however it is disguised. */
import { PLACEHOLDER } from '../../catalog';
import { placeholderColumn, placeholderLines } from '../../placeholder-marker';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf, guidanceOf, sectionIdOf } from '../rule';

export const placeholder: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/placeholder',
    severity: 'error',
    description: `No template placeholder (${PLACEHOLDER}) is left in the plan, in any case or disguise.`,
    tags: ['content', 'gate'],
    docs: docsOf('plan/placeholder'),
    messages: { left: '`{{marker}}` left in {{where}}; replace it with {{guidance}}' },
  },
  check(context, report) {
    const { plan, catalog } = context;
    const { lines, sections } = plan;
    let sectionIndex = 0;
    for (const line of placeholderLines(plan.text)) {
      while (sectionIndex + 1 < sections.length && sections[sectionIndex + 1].heading.line <= line)
        sectionIndex++;
      const section = sections[sectionIndex];
      const inSection = section && section.heading.line <= line ? section : undefined;
      const inFrontMatter = plan.frontMatter !== undefined && line <= plan.frontMatter.endLine;
      const id = inSection ? sectionIdOf(inSection, catalog) : undefined;
      const where = inFrontMatter
        ? 'the front matter'
        : inSection
          ? `\`## ${excerpt(inSection.title)}\``
          : 'the plan';
      report({ line, column: placeholderColumn(lines.lineText(line)) }, 'left', {
        marker: PLACEHOLDER,
        where,
        guidance: (id && guidanceOf(id, catalog)) || 'what the plan says here.',
      });
    }
  },
};
