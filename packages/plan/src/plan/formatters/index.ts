/** The report formats of verify-plan. */
import type { Finding } from '../finding';
import { formatJson } from './json';
import { formatSarif, SarifOptions } from './sarif';
import { formatStylish } from './stylish';

export type ReportFormat = 'stylish' | 'json' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['stylish', 'json', 'sarif'];

export function formatReport(
  format: ReportFormat,
  findings: readonly Finding[],
  plansCount: number,
  options: SarifOptions = {},
): string {
  switch (format) {
    case 'json':
      return formatJson(findings, plansCount);
    case 'sarif':
      return formatSarif(findings, options);
    case 'stylish':
      return formatStylish(findings, plansCount);
    default:
      throw new Error(
        `Unknown report format "${String(format)}"; use one of ${REPORT_FORMATS.join(', ')}.`,
      );
  }
}

export { formatJson, jsonReport, JSON_REPORT_VERSION } from './json';
export type { JsonReport } from './json';
export { formatSarif, sarifLog, SARIF_SCHEMA } from './sarif';
export type { SarifOptions } from './sarif';
export { formatStylish } from './stylish';
export { countFindings } from './summary';
export type { FindingCounts } from './summary';
