/** `plan/section-empty`: no catalog section is only its heading (and comments). */
import type { Catalog } from '../../catalog';
import type { Section } from '../../plan-model';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

/** Whether a section has any block besides headings and comments (a checklist: its groups). */
export function hasContent(id: string, section: Section, catalog: Catalog): boolean {
  return (
    section.contentBlocks > 0 ||
    (catalog.checklists.some((checklist) => checklist.section === id) &&
      section.subheadings.length > 0)
  );
}

export const sectionEmpty: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/section-empty',
    severity: 'error',
    description: 'Every catalog section has content besides its heading.',
    tags: ['structure', 'content'],
    docs: docsOf('plan/section-empty'),
    messages: { empty: 'Section `## {{title}}` is empty; write {{guidance}}' },
  },
  check(context, report) {
    for (const [id, section] of context.sections) {
      if (hasContent(id, section, context.catalog)) continue;
      const guidance = context.catalog.sections.find((spec) => spec.id === id)?.guidance ?? '';
      report(section.heading, 'empty', { title: section.title, guidance });
    }
  },
};
