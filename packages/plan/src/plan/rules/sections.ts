/** The `##` sections of the catalog: all present, once each, in order, and not empty. */
import { CHECKLISTS, SectionId, SECTIONS } from '../catalog';
import type { Finding } from '../finding';
import type { Section } from '../plan-model';
import type { Rule, RuleContext } from './rule';
import { finding, sectionBody, sectionIdOf, sectionRef } from './rule';
import { placeholderLines } from '../placeholder-marker';
import { hasWords, MINIMUM_WORDS } from '../substance';

const CATALOG_INDEX: ReadonlyMap<SectionId, number> = new Map(
  SECTIONS.map((section, index) => [section.id, index]),
);
const CHECKLIST_SECTIONS: ReadonlySet<SectionId> = new Set(
  CHECKLISTS.map((checklist) => checklist.section),
);
const LOWER_TITLES: ReadonlyMap<string, SectionId> = new Map(
  SECTIONS.map((section) => [section.title.toLowerCase(), section.id]),
);

export const sectionMissing: Rule = {
  id: 'plan/section-missing',
  severity: 'error',
  description:
    'Every section of the plan catalog is present as a `##` heading with its exact title.',
  check(context) {
    const findings: Finding[] = [];
    const { plan, sections } = context;
    SECTIONS.forEach((spec, index) => {
      if (sections.has(spec.id)) return;
      // Point at where it belongs: the next catalog section present, or the end of the plan.
      const next = SECTIONS.slice(index + 1).find((later) => sections.has(later.id));
      const previous = [...SECTIONS.slice(0, index)]
        .reverse()
        .find((earlier) => sections.has(earlier.id));
      const at = next
        ? sections.get(next.id)!.heading
        : { line: Math.max(plan.lines.lineCount, 1), column: 1 };
      const place = previous
        ? ` after ${sectionRef(previous.id)}`
        : next
          ? ` before ${sectionRef(next.id)}`
          : '';
      const lookalike = plan.sections.find(
        (section) =>
          !sectionIdOf(section) &&
          LOWER_TITLES.get(section.title.replace(/\s+/g, ' ').trim().toLowerCase()) === spec.id,
      );
      const hint = lookalike
        ? ` (line ${lookalike.heading.line} has \`## ${lookalike.title}\`: write the title exactly)`
        : '';
      findings.push(
        finding(
          sectionMissing,
          context,
          at,
          `Section \`## ${spec.title}\` is missing${hint}; add it${place}: ${spec.guidance}`,
        ),
      );
    });
    return findings;
  },
};

export const sectionOrder: Rule = {
  id: 'plan/section-order',
  severity: 'warning',
  description: 'The catalog sections appear in the catalog order.',
  check(context) {
    const findings: Finding[] = [];
    const placed: Array<{ id: SectionId; section: Section }> = [];
    const seen = new Map<SectionId, Section>();
    for (const section of context.plan.sections) {
      const id = sectionIdOf(section);
      if (!id) continue;
      if (seen.has(id)) continue; // plan/section-duplicate reports it
      seen.set(id, section);
      placed.push({ id, section });
    }
    // The sections in the longest run that is already in catalog order stay; each other one
    // is reported once, with where it belongs. Swapping two sections gives one finding.
    const inOrder = longestIncreasingRun(placed.map((entry) => CATALOG_INDEX.get(entry.id)!));
    placed.forEach((entry, position) => {
      if (inOrder.has(position)) return;
      const index = CATALOG_INDEX.get(entry.id)!;
      const anchors = placed.filter((_, other) => inOrder.has(other));
      const before = [...anchors].reverse().find((anchor) => CATALOG_INDEX.get(anchor.id)! < index);
      const after = anchors.find((anchor) => CATALOG_INDEX.get(anchor.id)! > index);
      const place = before
        ? `after ${sectionRef(before.id)}`
        : after
          ? `before ${sectionRef(after.id)}`
          : 'in catalog order';
      findings.push(
        finding(
          sectionOrder,
          context,
          entry.section.heading,
          `Section \`## ${entry.section.title}\` is out of order; move it ${place} (sections follow the order of the plan template).`,
        ),
      );
    });
    return findings;
  },
};

export const sectionDuplicate: Rule = {
  id: 'plan/section-duplicate',
  severity: 'error',
  description: 'Every catalog section appears once: a second copy would hide what the rules read.',
  check(context) {
    const findings: Finding[] = [];
    const first = new Map<SectionId, Section>();
    for (const section of context.plan.sections) {
      const id = sectionIdOf(section);
      if (!id) continue;
      const earlier = first.get(id);
      if (!earlier) {
        first.set(id, section);
        continue;
      }
      findings.push(
        finding(
          sectionDuplicate,
          context,
          section.heading,
          `Section \`## ${section.title}\` appears again (first on line ${earlier.heading.line}); merge the two into one section.`,
        ),
      );
    }
    return findings;
  },
};

/** Whether a section has any block besides headings and comments (a checklist: its groups). */
function hasContent(id: SectionId, section: Section): boolean {
  return (
    section.contentBlocks > 0 || (CHECKLIST_SECTIONS.has(id) && section.subheadings.length > 0)
  );
}

export const sectionEmpty: Rule = {
  id: 'plan/section-empty',
  severity: 'error',
  description: 'Every catalog section has content besides its heading.',
  check(context: RuleContext) {
    const findings: Finding[] = [];
    for (const [id, section] of context.sections) {
      // A checklist's group headings and items are its content, ticked or not.
      if (hasContent(id, section)) continue;
      const guidance = SECTIONS.find((spec) => spec.id === id)?.guidance ?? '';
      findings.push(
        finding(
          sectionEmpty,
          context,
          section.heading,
          `Section \`## ${section.title}\` is empty; write ${guidance}`,
        ),
      );
    }
    return findings;
  },
};

export const sectionSubstance: Rule = {
  id: 'plan/section-substance',
  severity: 'error',
  description: `Every catalog section says something: at least ${MINIMUM_WORDS.section} words besides headings and comments.`,
  check(context: RuleContext) {
    const findings: Finding[] = [];
    const placeholders = placeholderLines(context.plan.text);
    for (const [id, section] of context.sections) {
      if (!hasContent(id, section)) continue; // plan/section-empty reports it
      if (placeholders.some((line) => line > section.heading.line && line <= section.endLine))
        continue; // plan/placeholder reports what is still to write
      if (hasWords(sectionBody(context.plan, section), MINIMUM_WORDS.section)) continue;
      const guidance = SECTIONS.find((spec) => spec.id === id)?.guidance ?? '';
      findings.push(
        finding(
          sectionSubstance,
          context,
          section.heading,
          `Section \`## ${section.title}\` says nothing yet (fewer than ${MINIMUM_WORDS.section} words besides punctuation and fillers such as "n/a" or "tbd"); write ${guidance}`,
        ),
      );
    }
    return findings;
  },
};

/** Positions (indexes into `values`) of one longest strictly increasing subsequence. */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  // O(n²) is plenty for 14 sections and keeps this obvious.
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
