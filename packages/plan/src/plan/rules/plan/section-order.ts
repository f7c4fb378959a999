/** `plan/section-order`: the catalog sections in the catalog's order. */
import type { Section } from '../../plan-model';
import type { PlanRule } from '../rule';
import { docsOf, sectionIdOf, sectionRef } from '../rule';

export const sectionOrder: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'plan/section-order',
    severity: 'warning',
    description: 'The catalog sections appear in the catalog order.',
    tags: ['structure'],
    docs: docsOf('plan/section-order'),
    messages: {
      outOfOrder:
        'Section `## {{title}}` is out of order; move it {{place}} (sections follow the order of the plan template).',
    },
  },
  check(context, report) {
    const { catalog } = context;
    const order = new Map(catalog.sections.map((spec, index) => [spec.id, index]));
    const placed: Array<{ id: string; section: Section }> = [];
    const seen = new Set<string>();
    for (const section of context.plan.sections) {
      const id = sectionIdOf(section, catalog);
      if (!id || seen.has(id)) continue; // a repeat is plan/section-duplicate's
      seen.add(id);
      placed.push({ id, section });
    }
    // The sections in the longest run that is already in catalog order stay; each other one
    // is reported once, with where it belongs. Swapping two sections gives one finding.
    const inOrder = longestIncreasingRun(placed.map((entry) => order.get(entry.id)!));
    const anchors = placed.filter((_, position) => inOrder.has(position));
    placed.forEach((entry, position) => {
      if (inOrder.has(position)) return;
      const index = order.get(entry.id)!;
      const before = [...anchors].reverse().find((anchor) => order.get(anchor.id)! < index);
      const after = anchors.find((anchor) => order.get(anchor.id)! > index);
      const place = before
        ? `after ${sectionRef(before.id, catalog)}`
        : after
          ? `before ${sectionRef(after.id, catalog)}`
          : 'in catalog order';
      report(entry.section.heading, 'outOfOrder', { title: entry.section.title, place });
    });
  },
};

/** Positions (indexes into `values`) of one longest strictly increasing subsequence. */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  // O(n²) is plenty for a plan's sections and keeps this obvious.
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < i; j++) {
      if (values[j] < values[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < values.length; i++) if (end === -1 || length[i] > length[end]) end = i;
  const kept = new Set<number>();
  for (let i = end; i !== -1; i = previous[i]) kept.add(i);
  return kept;
}
