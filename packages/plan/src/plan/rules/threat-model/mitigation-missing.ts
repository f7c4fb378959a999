/** `threat-model/mitigation-missing`: every threat has a mitigation. */
import { BLANK_CELL, isBlankRow, MITIGATION, THREAT, threatTables } from '../../plan-tables';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const mitigationMissing: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'threat-model/mitigation-missing',
    severity: 'error',
    description: 'Every threat in the threat model has a mitigation.',
    tags: ['security'],
    docs: docsOf('threat-model/mitigation-missing'),
    messages: {
      missing:
        'Threat "{{threat}}" has no mitigation; say how it is mitigated (or that the risk is accepted, and why).',
    },
  },
  check(context, report) {
    for (const { table, columns } of threatTables(context.sections.get('threat-model'))) {
      const mitigation = columns[MITIGATION];
      for (const row of table.rows) {
        if (isBlankRow(row.cells) || !BLANK_CELL.test(row.cells[mitigation] ?? '')) continue;
        report({ line: row.line, column: row.cellColumns[mitigation] ?? row.column }, 'missing', {
          threat: excerpt(row.cells[columns[THREAT]] || 'this threat'),
        });
      }
    }
  },
};
