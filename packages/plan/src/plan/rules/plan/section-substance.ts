/** `plan/section-substance`: every section says something, in real words. */
import { placeholderLines } from '../../placeholder-marker';
import type { PlanRule } from '../rule';
import { docsOf, guidanceOf, sectionHasWords } from '../rule';
import { hasContent } from './section-empty';

export interface SectionSubstanceOptions {
  /** Words a section needs, besides headings, comments, punctuation and fillers. */
  readonly minWords: number;
}

export const sectionSubstance: PlanRule<SectionSubstanceOptions> = {
  scope: 'plan',
  meta: {
    id: 'plan/section-substance',
    severity: 'error',
    description:
      'Every catalog section says something: at least 3 words besides headings and comments.',
    tags: ['content'],
    docs: docsOf('plan/section-substance'),
    messages: {
      saysNothing:
        'Section `## {{title}}` says nothing yet (fewer than {{minWords}} words besides punctuation and fillers such as "n/a" or "tbd"); write {{guidance}}',
    },
    schema: {
      type: 'object',
      properties: { minWords: { type: 'integer', minimum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { minWords: 3 },
  },
  check(context, report, { minWords }) {
    const placeholders = placeholderLines(context.plan.text);
    for (const [id, section] of context.sections) {
      if (!hasContent(id, section, context.catalog)) continue; // plan/section-empty's
      if (placeholders.some((line) => line > section.heading.line && line <= section.endLine))
        continue; // plan/placeholder reports what is still to write
      if (sectionHasWords(context.plan, section, minWords)) continue;
      report(section.heading, 'saysNothing', {
        title: section.title,
        minWords,
        guidance: guidanceOf(id, context.catalog),
      });
    }
  },
};
