/**
 * SARIF 2.1.0 for code-scanning UIs (GitHub code scanning, Azure DevOps, VS Code's SARIF
 * viewer): one run whose driver lists every rule, and one result per finding.
 */
import type { Finding, RuleMeta } from '../finding';
import { RULES } from '../verify';
import { oneLine } from './summary';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface SarifOptions {
  /** The plugin's version, shown by SARIF viewers. */
  readonly toolVersion?: string;
  /** The rules to describe; default: every rule of the catalog. */
  readonly rules?: readonly RuleMeta[];
}

export function sarifLog(
  findings: readonly Finding[],
  options: SarifOptions = {},
): Record<string, unknown> {
  const rules = options.rules ?? RULES;
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: '@mjomeet/plan',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: rules.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: rule.description },
              fullDescription: { text: fullDescription(rule) },
              helpUri: rule.docs,
              properties: { tags: [...rule.tags] },
              defaultConfiguration: { level: rule.severity },
            })),
          },
        },
        // Columns are JavaScript string indexes.
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding) => {
          const index = ruleIndex.get(finding.ruleId);
          return {
            ruleId: finding.ruleId,
            ...(index === undefined ? {} : { ruleIndex: index }),
            level: finding.severity,
            message: { text: oneLine(finding.message) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(finding.file) },
                  region: { startLine: finding.line, startColumn: finding.column },
                },
              },
            ],
          };
        }),
      },
    ],
  };
}

export function formatSarif(findings: readonly Finding[], options: SarifOptions = {}): string {
  return `${JSON.stringify(sarifLog(findings, options), null, 2)}\n`;
}

/** `plan/section-missing` → `PlanSectionMissing`: SARIF's optional human-readable rule name. */
function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A workspace-relative path as a relative URI reference (`/` separators, spaces escaped). */
function toUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/'));
}

/** The rule's description, with what it takes and where it is documented. */
function fullDescription(rule: RuleMeta): string {
  const options = rule.defaultOptions
    ? ` Options (defaults): ${Object.entries(rule.defaultOptions)
        .map(([name, value]) => `${name}: ${JSON.stringify(value)}`)
        .join(', ')}.`
    : '';
  return `${rule.description}${options} Tags: ${rule.tags.join(', ')}. Documented at ${rule.docs}.`;
}
