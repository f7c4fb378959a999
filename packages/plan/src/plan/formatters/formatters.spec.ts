import {
  GENERATED_PLAN,
  GENERATED_ZETA_FILES,
  PLAN_FILE,
  verifyVariant,
  zetaModule,
} from '../__fixtures__/plans';
import type { Finding } from '../finding';
import { RULES } from '../verify';
import { formatJson, formatReport, formatSarif, formatStylish, SARIF_SCHEMA } from './index';

const error: Finding = {
  ruleId: 'plan/placeholder',
  severity: 'error',
  messageId: 'left',
  data: {},
  message: '`TODO(plan)` left in `## Components`; replace it.',
  file: 'docs/features/zeta/BookRoom/BookRoom-plan.md',
  line: 20,
  column: 1,
};
const warning: Finding = {
  ruleId: 'plan/section-order',
  severity: 'warning',
  messageId: 'outOfOrder',
  data: {},
  message: 'Section `## Domain model` is out of order;\nmove it.',
  file: 'docs/features/zeta/Book Room/Book Room-plan.md',
  line: 70,
  column: 3,
};

describe('formatStylish', () => {
  it('prints path:line:col, severity, message and rule id, then the counts', () => {
    expect(formatStylish([error, warning], 2)).toBe(
      [
        'docs/features/zeta/BookRoom/BookRoom-plan.md:20:1  error  `TODO(plan)` left in `## Components`; replace it.  plan/placeholder',
        'docs/features/zeta/Book Room/Book Room-plan.md:70:3  warning  Section `## Domain model` is out of order; move it.  plan/section-order',
        '✖ 2 problems (1 error, 1 warning) in 2 plans',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    expect(formatStylish([], 3)).toBe('✔ 3 plans verified, no problems\n');
    expect(formatStylish([], 1)).toBe('✔ 1 plan verified, no problems\n');
  });
});

describe('formatJson', () => {
  it('gives the counts and the findings, in a fixed shape', () => {
    expect(JSON.parse(formatJson([error, warning], 2))).toEqual({
      tool: '@mjomeet/plan',
      version: 1,
      summary: { plans: 2, problems: 2, errors: 1, warnings: 1 },
      findings: [
        {
          file: error.file,
          line: 20,
          column: 1,
          severity: 'error',
          ruleId: 'plan/placeholder',
          message: error.message,
        },
        {
          file: warning.file,
          line: 70,
          column: 3,
          severity: 'warning',
          ruleId: 'plan/section-order',
          message: warning.message,
        },
      ],
    });
  });
});

describe('formatSarif', () => {
  const findings = verifyVariant(GENERATED_PLAN);
  const log = JSON.parse(formatSarif(findings, { toolVersion: '0.1.0' }));
  const [run] = log.runs;

  it('is a SARIF 2.1.0 log with one run', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: '@mjomeet/plan', version: '0.1.0' });
  });

  it('describes every rule', () => {
    expect(run.tool.driver.rules).toHaveLength(RULES.length);
    expect(
      run.tool.driver.rules[RULES.findIndex((rule) => rule.id === 'plan/section-order')],
    ).toEqual({
      id: 'plan/section-order',
      name: 'PlanSectionOrder',
      shortDescription: { text: 'The catalog sections appear in the catalog order.' },
      fullDescription: {
        text: 'The catalog sections appear in the catalog order. Tags: structure. Documented at https://github.com/mjomeet/plan/blob/main/docs/rules.md#plansection-order.',
      },
      helpUri: 'https://github.com/mjomeet/plan/blob/main/docs/rules.md#plansection-order',
      properties: { tags: ['structure'] },
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('carries the same findings as the verifier, each pointing at its rule', () => {
    expect(run.results).toHaveLength(findings.length);
    run.results.forEach((result: Record<string, any>, index: number) => {
      const finding = findings[index];
      expect(result).toEqual({
        ruleId: finding.ruleId,
        ruleIndex: RULES.findIndex((rule) => rule.id === finding.ruleId),
        level: finding.severity,
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: PLAN_FILE },
              region: { startLine: finding.line, startColumn: finding.column },
            },
          },
        ],
      });
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    });
  });

  it('escapes a path into a URI and keeps messages on one line', () => {
    const [result] = JSON.parse(formatSarif([warning])).runs[0].results;

    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(
      'docs/features/zeta/Book%20Room/Book%20Room-plan.md',
    );
    expect(result.message.text).toBe('Section `## Domain model` is out of order; move it.');
  });
});

describe('formatReport', () => {
  it('picks the format, and the three carry the same findings', () => {
    const findings = verifyVariant(GENERATED_PLAN, {
      moduleCode: zetaModule(GENERATED_ZETA_FILES),
    });
    const json = JSON.parse(formatReport('json', findings, 1));
    const sarif = JSON.parse(formatReport('sarif', findings, 1));
    const stylish = formatReport('stylish', findings, 1).trimEnd().split('\n');

    const key = (ruleId: string, line: number, column: number) => `${ruleId}@${line}:${column}`;
    const expected = findings.map((f) => key(f.ruleId, f.line, f.column));
    expect(json.findings.map((f: Finding) => key(f.ruleId, f.line, f.column))).toEqual(expected);
    expect(
      sarif.runs[0].results.map((r: any) =>
        key(
          r.ruleId,
          r.locations[0].physicalLocation.region.startLine,
          r.locations[0].physicalLocation.region.startColumn,
        ),
      ),
    ).toEqual(expected);
    expect(
      stylish.slice(0, -1).map((line) => {
        const [, file, lineNo, column, ruleId] = /^(.*?):(\d+):(\d+) {2}.* {2}(\S+)$/.exec(line)!;
        expect(file).toBe(PLAN_FILE);
        return key(ruleId, Number(lineNo), Number(column));
      }),
    ).toEqual(expected);
    expect(stylish[stylish.length - 1]).toBe(
      `✖ ${findings.length} problems (${findings.length} errors, 0 warnings) in 1 plan`,
    );
    expect(json.summary).toEqual({
      plans: 1,
      problems: findings.length,
      errors: findings.length,
      warnings: 0,
    });
  });

  it('refuses an unknown format', () => {
    expect(() => formatReport('xml' as never, [], 0)).toThrow('Unknown report format "xml"');
  });
});
