/** `plan/placeholder`: no `TODO(plan)` left anywhere in the file. */
import { PLACEHOLDER, SECTIONS } from '../catalog';
import type { Finding } from '../finding';
import type { Rule } from './rule';
import { excerpt, finding, sectionIdOf } from './rule';

export const placeholder: Rule = {
  id: 'plan/placeholder',
  severity: 'error',
  description: `No template placeholder (${PLACEHOLDER}) is left in the plan.`,
  check(context) {
    const { plan } = context;
    const findings: Finding[] = [];
    const { text, lines, sections } = plan;
    let sectionIndex = 0;
    let lastLine = 0;
    // indexOf over the text, not a regex per line: the common plan has none, and this is cheap.
    for (
      let offset = text.indexOf(PLACEHOLDER);
      offset !== -1;
      offset = text.indexOf(PLACEHOLDER, offset + 1)
    ) {
      // `TODO(plan)` in backticks mentions the token (the template's introduction does); it
      // is not a placeholder.
      if (text.charAt(offset - 1) === '`' && text.charAt(offset + PLACEHOLDER.length) === '`')
        continue;
      const at = lines.position(offset);
      if (at.line === lastLine) continue; // one finding per line
      lastLine = at.line;
      while (
        sectionIndex + 1 < sections.length &&
        sections[sectionIndex + 1].heading.line <= at.line
      )
        sectionIndex++;
      const section = sections[sectionIndex];
      const inSection = section && section.heading.line <= at.line ? section : undefined;
      const inFrontMatter = plan.frontMatter !== undefined && at.line <= plan.frontMatter.endLine;
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
          at,
          `\`${PLACEHOLDER}\` left in ${where}; replace it with ${guidance ?? 'what the plan says here.'}`,
        ),
      );
    }
    return findings;
  },
};
