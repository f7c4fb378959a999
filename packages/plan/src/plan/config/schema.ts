/**
 * The JSON schema of the plugin's options in nx.json (`{ "plugin": "@mjomeet/plan", "options":
 * { … } }`): one place, read by the validator and by docs/configuration.md.
 */
import type { ApprovalPolicyInput } from '../approval-policy';

const SEVERITY = { enum: ['off', 'warning', 'error'] };
const EMAIL_PATTERN = '^[^\\s@<>]+@[^\\s@<>]+$';
const KEBAB_ID = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: '@mjomeet/plan options',
  type: 'object',
  additionalProperties: false,
  properties: {
    targetName: {
      type: 'string',
      pattern: KEBAB_ID,
      description: 'The name of the inferred target. Default: verify-plan.',
    },
    plansDir: {
      type: 'string',
      minLength: 1,
      description:
        'Where plans live, relative to the workspace root: {plansDir}/{module}/{UseCase}/{UseCase}-plan.md. Default: docs/features.',
    },
    evidence: {
      type: 'object',
      additionalProperties: false,
      description:
        'Where verify-evidence finds the test run it checks. Which items need evidence is the options of the rule evidence/missing.',
      properties: {
        targetName: {
          type: 'string',
          pattern: KEBAB_ID,
          description: 'The name of the inferred target. Default: verify-evidence.',
        },
        testTarget: {
          type: 'string',
          minLength: 1,
          description:
            "The target that runs the module's tests and writes the report; verify-evidence depends on it. Default: test.",
        },
        report: {
          type: 'string',
          minLength: 1,
          pattern: '^[^/\\\\]',
          description:
            "The test run's machine-readable report (jest's --json results), relative to the project root, in a folder that exists before the tests run (jest does not create it). Default: jest-results.json.",
        },
      },
    },
    rules: {
      type: 'object',
      description:
        'Rule id → "off" | "warning" | "error", or [severity, options] for a rule that takes options.',
      additionalProperties: {
        oneOf: [
          SEVERITY,
          {
            type: 'array',
            minItems: 1,
            maxItems: 2,
            items: [SEVERITY, { type: 'object' }],
          },
        ],
      },
    },
    customRules: {
      type: 'array',
      description:
        "Paths (workspace-relative) of the workspace's own rule modules, .js or .ts; each exports a rule object (or an array of them) shaped like the built-in ones.",
      items: { type: 'string', minLength: 1 },
    },
    sections: {
      type: 'array',
      description: "Required sections besides the seed's, in the order given.",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'guidance'],
        properties: {
          id: { type: 'string', pattern: KEBAB_ID },
          title: { type: 'string', minLength: 1, pattern: '^[^\\n#]+$' },
          guidance: { type: 'string', minLength: 1 },
          after: {
            type: 'string',
            description: 'The id of the section it follows. Default: before `approval`.',
          },
        },
      },
    },
    checklists: {
      type: 'array',
      description: "Checklist items besides the seed's, by checklist section and group.",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['section', 'group', 'items'],
        properties: {
          section: { enum: ['implementation-checklist', 'feature-checklist'] },
          group: { type: 'string', minLength: 1 },
          items: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        },
      },
    },
    overrides: {
      type: 'array',
      description:
        'Rule settings for some modules only, like eslint overrides: e.g. a rule switched off for a legacy module.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['modules', 'rules'],
        properties: {
          modules: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          rules: { $ref: '#/properties/rules' },
        },
      },
    },
    approval: {
      type: 'object',
      additionalProperties: false,
      description:
        'The approval policy: who may approve a plan, how many distinct approvers it needs, whether its authors may approve it, and whether approval commits must be signed. Approvals are proved from git history (docs/approval.md).',
      properties: {
        approvers: {
          description:
            'Who may approve a plan: "codeowners" (the owners CODEOWNERS gives for the plan\'s path), or a list of emails ("a@example.com", "A. Reviewer <a@example.com>") and names. Default: anyone.',
          oneOf: [
            { const: 'codeowners' },
            {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1, pattern: '^[^\\r\\n]+$' },
            },
          ],
        },
        owners: {
          type: 'object',
          description:
            'CODEOWNERS handles ("@org/team", "@user") → the email (or emails) of the people they stand for: a team needs one; a "@user" also matches their GitHub no-reply address.',
          propertyNames: { pattern: '^@[A-Za-z0-9][A-Za-z0-9._/-]*$' },
          additionalProperties: {
            oneOf: [
              { type: 'string', pattern: EMAIL_PATTERN },
              { type: 'array', minItems: 1, items: { type: 'string', pattern: EMAIL_PATTERN } },
            ],
          },
        },
        requiredApprovals: {
          type: 'integer',
          minimum: 1,
          maximum: 20,
          description: 'How many distinct approvers a plan needs. Default: 1.',
        },
        fourEyes: {
          type: 'boolean',
          description:
            "An approver may not be an author of the plan's content since its last approval. Default: true when approvers is set, false otherwise.",
        },
        requireSignedApprovals: {
          type: 'boolean',
          description:
            'The commit that adds an approval carries a valid signature of the approver, as git verify-commit sees it (GPG, or SSH with allowed signers). Default: false.',
        },
        allowedSigners: {
          type: 'string',
          minLength: 1,
          description:
            "A workspace-relative SSH allowed-signers file (git's gpg.ssh.allowedSignersFile) for the signature check. Default: git's own configuration.",
        },
      },
    },
    profiles: {
      type: 'object',
      description:
        'Named lighter plans: sections, items and rules left out or changed. The default profile is the full plan.',
      propertyNames: { pattern: KEBAB_ID },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          description: { type: 'string' },
          omitSections: { type: 'array', items: { type: 'string' } },
          omitItems: { type: 'array', items: { type: 'string' } },
          rules: { $ref: '#/properties/rules' },
          modules: {
            type: 'array',
            items: { type: 'string' },
            description: 'The modules that may use it; "*" for all. Default: none.',
          },
          allowOmittingSecurity: {
            type: 'boolean',
            description:
              'Let the profile leave out the threat model or security items. Default: false.',
          },
        },
      },
    },
  },
} as const;

export type Severity = 'off' | 'warning' | 'error';
export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];

/** The options as written in nx.json. */
export interface PlanConfigInput {
  readonly targetName?: string;
  readonly plansDir?: string;
  readonly evidence?: {
    readonly targetName?: string;
    readonly testTarget?: string;
    readonly report?: string;
  };
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly customRules?: readonly string[];
  readonly sections?: ReadonlyArray<{
    id: string;
    title: string;
    guidance: string;
    after?: string;
  }>;
  readonly checklists?: ReadonlyArray<{ section: string; group: string; items: string[] }>;
  readonly overrides?: ReadonlyArray<{
    modules: string[];
    rules: Readonly<Record<string, RuleSetting>>;
  }>;
  readonly approval?: ApprovalPolicyInput;
  readonly profiles?: Readonly<
    Record<
      string,
      {
        description?: string;
        omitSections?: string[];
        omitItems?: string[];
        rules?: Readonly<Record<string, RuleSetting>>;
        modules?: string[];
        allowOmittingSecurity?: boolean;
      }
    >
  >;
}
