/** `plan/placeholder`: no `TODO(plan)` left anywhere in the file, however it is disguised. */
import { PLACEHOLDER, SECTIONS } from '../catalog';
import type { Finding } from '../finding';
import { placeholderColumn, placeholderLines } from '../placeholder-marker';
import type { Rule } from './rule';
import { excerpt, finding, sectionIdOf } from './rule';

export const placeholder: Rule = {
  id: 'plan/placeholder',
  severity: 'error',
  description: `No template placeholder (${PLACEHOLDER}) is left in the plan, in any case or disguise.`,
  check(context) {
    const { plan } = context;
    const { lines, sections } = plan;
    const findings: Finding[] = [];
    let sectionIndex = 0;
    for (const line of placeholderLines(plan.text)) {
      while (sectionIndex + 1 < sections.length && sections[sectionIndex + 1].heading.line <= line)
        sectionIndex++;
      const section = sections[sectionIndex];
      const inSection = section && section.heading.line <= line ? section : undefined;
      const inFrontMatter = plan.frontMatter !== undefined && line <= plan.frontMatter.endLine;
      const id = inSection ? sectionIdOf(inSection) : undefined;
      const guidance = id ? SECTIONS.find((spec) => spec.id === id)?.guidance : undefined;
      const where = inFrontMatter
        ? 'the front matter'
        : inSection
          ? `\`## ${excerpt(inSection.title)}\``
          : 'the plan';
      findings.push(
        finding(
          placeholder,
          context,
          { line, column: placeholderColumn(lines.lineText(line)) },
          `\`${PLACEHOLDER}\` left in ${where}; replace it with ${guidance ?? 'what the plan says here.'}`,
        ),
      );
    }
    return findings;
  },
};
