/**
 * `evidence/missing`: a ticked checklist item that needs evidence, and every threat, cite at
 * least one test. Which items need it is the rule's options: by default the ticked items of the
 * Feature checklist's Security & Privacy and Testing & Quality groups.
 */
import { claimsNothing, planEvidence } from '../../evidence';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export interface EvidenceMissingOptions {
  /** Checklist groups (`###` titles) whose ticked items need evidence. */
  readonly groups: readonly string[];
  /** Single items that need evidence when ticked, wherever they are. */
  readonly items: readonly string[];
  /** Whether every threat of the threat model needs evidence of its mitigation. */
  readonly threats: boolean;
  /**
   * Items whose evidence is the threat model's: when threats need evidence, each threat cites
   * its own test, and the item needs no link of its own.
   */
  readonly threatModelItems: readonly string[];
}

export const DEFAULT_EVIDENCE_GROUPS = ['Security & Privacy', 'Testing & Quality'] as const;

const STRINGS = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

export const evidenceMissing: PlanRule<EvidenceMissingOptions> = {
  scope: 'plan',
  meta: {
    id: 'evidence/missing',
    severity: 'error',
    description:
      'Every ticked checklist item that needs evidence (by default those of Security & Privacy and Testing & Quality), and every threat, cites the test that proves it.',
    tags: ['evidence', 'security', 'tests'],
    docs: docsOf('evidence/missing'),
    messages: {
      item: '{{item}} is ticked but cites no test; add a link to the test that proves it, named by its full name, e.g. `— [describe › test](path/to/the.spec.ts)`, or untick it, or mark it `N/A: reason`.',
      threat:
        'Threat "{{threat}}" cites no test of its mitigation; add a link to the test that proves it, [describe › test](path/to/the.spec.ts), in its Evidence cell or in the list item under the table that starts with the threat.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        groups: STRINGS,
        items: STRINGS,
        threats: { type: 'boolean' },
        threatModelItems: STRINGS,
      },
    },
    defaultOptions: {
      groups: [...DEFAULT_EVIDENCE_GROUPS],
      items: [],
      threats: true,
      threatModelItems: ['Threat model completed'],
    },
  },
  validate(options, catalog) {
    const groups = catalog.checklists.flatMap((checklist) => checklist.groups);
    const titles = groups.map((group) => group.title);
    const unknownGroup = options.groups.find((group) => !titles.includes(group));
    if (unknownGroup !== undefined)
      return `groups: there is no checklist group "${unknownGroup}"; use one of ${titles.map((t) => `"${t}"`).join(', ')}.`;
    const items = groups.flatMap((group) => group.items);
    for (const key of ['items', 'threatModelItems'] as const) {
      const unknownItem = options[key].find((item) => !items.includes(item));
      if (unknownItem !== undefined)
        return `${key}: there is no checklist item "${unknownItem}"; write it word for word, as the checklist has it.`;
    }
    return undefined;
  },
  check(context, report, options) {
    const evidence = planEvidence(context);
    const groups = new Set(options.groups);
    const items = new Set(options.items);
    const byThreats = new Set(options.threats ? options.threatModelItems : []);
    for (const { owner, links } of evidence.items) {
      if (links.length > 0 || claimsNothing(owner.task)) continue;
      if (!groups.has(owner.group) && !items.has(owner.item)) continue;
      if (byThreats.has(owner.item)) continue;
      report({ line: owner.task.line, column: owner.task.textColumn }, 'item', {
        item: owner.label,
      });
    }
    if (!options.threats) return;
    for (const { owner, links } of evidence.threats) {
      // A row still holding the template's placeholder is plan/placeholder's.
      if (links.length > 0 || owner.placeholder) continue;
      report(owner.at, 'threat', { threat: owner.threat });
    }
  },
};
