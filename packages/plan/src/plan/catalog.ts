/**
 * The one source of truth for what a plan contains: its sections, in order, and the seed's
 * checklists, word for word. The `feature` generator's template renders from here and the
 * verify-plan rules check against here, so the two cannot disagree.
 *
 * The checklist items are copied verbatim from the team's prompt (seed/feature-plan.prompt.md);
 * a test compares them with that file.
 */

export type SectionId =
  | 'requirements'
  | 'components'
  | 'threat-model'
  | 'event-storming'
  | 'privacy'
  | 'performance'
  | 'domain-model'
  | 'application-layer'
  | 'infrastructure'
  | 'unit-tests'
  | 'implementation-steps'
  | 'implementation-checklist'
  | 'feature-checklist'
  | 'approval';

export interface SectionSpec {
  /** Stable: rules and configuration name sections by id. A team's own sections: any kebab-case id. */
  readonly id: string;
  /** The `##` heading, exactly as written in a plan. */
  readonly title: string;
  /** What a person writes there; the template shows it as the placeholder. */
  readonly guidance: string;
}

export const SECTIONS: ReadonlyArray<SectionSpec & { readonly id: SectionId }> = [
  {
    id: 'requirements',
    title: 'Requirements analysis',
    guidance: 'who needs this use-case, what it must do, and what is out of scope.',
  },
  {
    id: 'components',
    title: 'Components',
    guidance: 'the pieces this use-case is broken into and how they interact.',
  },
  {
    id: 'threat-model',
    title: 'Threat model',
    guidance:
      'one row per threat, each with the asset at risk, its mitigation, and the test that proves it.',
  },
  {
    id: 'event-storming',
    title: 'Domain event storming',
    guidance: 'the commands, events and policies of this use-case, and their security concerns.',
  },
  {
    id: 'privacy',
    title: 'Privacy and compliance',
    guidance: 'the personal data involved, where it goes, how long it is kept, and why.',
  },
  {
    id: 'performance',
    title: 'Performance and scalability',
    guidance: 'expected load, latency budget, and what grows with usage.',
  },
  {
    id: 'domain-model',
    title: 'Domain model',
    guidance: 'what each value object, aggregate, event and repository port is responsible for.',
  },
  {
    id: 'application-layer',
    title: 'Application layer',
    guidance: 'what each command, handler, listener and scheduled command does.',
  },
  {
    id: 'infrastructure',
    title: 'Infrastructure and monitoring',
    guidance: 'telemetry, rate limiting, exception handling and API endpoints.',
  },
  {
    id: 'unit-tests',
    title: 'Unit tests',
    guidance: 'the tests to review, with their code and the implementation they test.',
  },
  {
    id: 'implementation-steps',
    title: 'Implementation steps',
    guidance: 'the ordered steps to implement this plan, each small enough to review.',
  },
  {
    id: 'implementation-checklist',
    title: 'Implementation checklist',
    guidance: 'tick an item when it is done; mark one that does not apply "N/A: reason".',
  },
  {
    id: 'feature-checklist',
    title: 'Feature checklist',
    guidance:
      'tick an item when it is done; mark one that does not apply "N/A: reason". A ticked security or testing item cites the test that proves it: `— [describe › test](path/to/the.spec.ts)`.',
  },
  {
    id: 'approval',
    title: 'Approval',
    guidance: 'recorded by the approve generator in the front matter.',
  },
];

/** The infrastructure section's `###` sub-headings, one per seed concern. */
export const INFRASTRUCTURE_TOPICS = [
  'Telemetry',
  'Rate limiting',
  'Exception handling',
  'API endpoints',
] as const;

export interface ChecklistGroup {
  /** The `###` heading inside the checklist section. */
  readonly title: string;
  readonly items: readonly string[];
}

export interface Checklist {
  readonly section: string;
  readonly groups: readonly ChecklistGroup[];
}

export const IMPLEMENTATION_CHECKLIST: Checklist = {
  section: 'implementation-checklist',
  groups: [
    {
      title: '1. Pre-Implementation Analysis',
      items: [
        'Security threat modeling and mitigation planning',
        'Domain event storming with security considerations',
        'Privacy and compliance requirement analysis',
        'Performance and scalability planning',
      ],
    },
    {
      title: '2. Domain-First Development',
      items: [
        'Value objects with robust validation',
        'Aggregates with encapsulated business rules',
        'Domain events for state change communication',
        'Repository interfaces with security considerations',
      ],
    },
    {
      title: '3. Security-Aware Application Layer',
      items: [
        'Commands with factory methods and validation',
        'Handlers with security-first design',
        'Domain event listeners with proper error handling',
        'Scheduled commands with serialization support',
      ],
    },
    {
      title: '4. Infrastructure & Monitoring',
      items: [
        'Privacy-preserving telemetry implementation',
        'Rate limiting and abuse prevention',
        'Global exception handling with security considerations',
        'API endpoints with proper documentation',
      ],
    },
    {
      title: '5. Comprehensive Testing',
      items: [
        'Security-focused test cases',
        'Domain logic unit tests',
        'Integration tests for end-to-end workflows',
        'Performance and load testing',
      ],
    },
    {
      title: '6. Security Review & Documentation',
      items: [
        'Penetration testing and security assessment',
        'Documentation of security measures and considerations',
        'Compliance verification and audit trail review',
      ],
    },
  ],
};

export const FEATURE_CHECKLIST: Checklist = {
  section: 'feature-checklist',
  groups: [
    {
      title: 'Security & Privacy',
      items: [
        'Threat model completed',
        'Enumeration attack prevention implemented',
        'Rate limiting configured',
        'PII protection in telemetry',
        'Consistent error responses',
        'Authentication/authorization implemented',
      ],
    },
    {
      title: 'Architecture & Design',
      items: [
        'Domain events for state changes',
        'Value objects with validation',
        'Repository pattern with security considerations',
        'Scheduled commands with serialization support',
        'Global exception handling',
      ],
    },
    {
      title: 'Testing & Quality',
      items: [
        'Security test cases',
        'Domain logic unit tests',
        'Integration tests for workflows',
        'Performance testing',
        'Code duplication eliminated',
      ],
    },
    {
      title: 'Monitoring & Operations',
      items: [
        'Privacy-preserving telemetry',
        'Performance monitoring',
        'Security event monitoring',
        'Error tracking and alerting',
        'Audit trail (if required)',
      ],
    },
  ],
};

export const CHECKLISTS: readonly Checklist[] = [IMPLEMENTATION_CHECKLIST, FEATURE_CHECKLIST];

/**
 * What a plan must contain: its sections in order and its checklists. The seed's by default; a
 * workspace's configuration adds its own sections and items, and a profile may leave some out.
 */
export interface Catalog {
  readonly sections: readonly SectionSpec[];
  readonly checklists: readonly Checklist[];
}

export const SEED_CATALOG: Catalog = { sections: SECTIONS, checklists: CHECKLISTS };

/** Marks text a person still has to write. Any occurrence left in a plan is a finding. */
export const PLACEHOLDER = 'TODO(plan)';

/** Tables whose rows name code artifacts that must exist in the module (traceability). */
export const ARTIFACT_TABLE_SECTIONS: readonly SectionId[] = ['domain-model', 'application-layer'];

/** The columns of the tables the rules read. A threat table has at least these. */
export const THREAT_MODEL_COLUMNS = ['Threat', 'Asset', 'Mitigation'] as const;
/**
 * The column where a threat cites the tests of its mitigation. Optional: a threat may cite them
 * in the list under the table instead (the item that starts with the threat).
 */
export const EVIDENCE_COLUMN = 'Evidence';
/** The threat table a new plan starts with. */
export const THREAT_TABLE_COLUMNS = [...THREAT_MODEL_COLUMNS, EVIDENCE_COLUMN] as const;

/**
 * What evidence each item of the seed's security and testing groups wants: the generated plan
 * shows it under the item, as guidance.
 */
export const EVIDENCE_GUIDANCE: Readonly<Record<string, string>> = {
  'Threat model completed':
    'every threat of the threat model cites the test of its mitigation; this item needs no link of its own.',
  'Enumeration attack prevention implemented':
    'a test that a known and an unknown identifier get the same answer, and the same work.',
  'Rate limiting configured':
    'a test that the request past the limit is refused, and allowed again after the window.',
  'PII protection in telemetry':
    'a test that no personal data (addresses, IPs, secrets) reaches telemetry, logs or events.',
  'Consistent error responses':
    'a test that an error answers a fixed message and code, without internals.',
  'Authentication/authorization implemented':
    'a test that a caller without the right is refused (like an unknown resource, where that matters).',
  'Security test cases': 'one of the security tests, e.g. the enumeration or the rate-limit test.',
  'Domain logic unit tests': 'a test of a business rule of the aggregate.',
  'Integration tests for workflows':
    'a test that runs the use-case end to end, through its adapters.',
  'Performance testing': 'a test that bounds the time or the memory under load.',
  'Code duplication eliminated': 'a test that the module builds on the shared kernel.',
};
export const ARTIFACT_COLUMNS = ['Kind', 'Artifact', 'Role'] as const;

export type PlanStatus = 'draft' | 'approved' | 'implemented';
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'approved', 'implemented'];

export function sectionTitle(id: string, catalog: Catalog = SEED_CATALOG): string {
  const section = catalog.sections.find((s) => s.id === id);
  if (!section) throw new Error(`Unknown plan section: ${id}`);
  return section.title;
}
