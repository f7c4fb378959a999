/** `threat-model/no-threats`: a Threat | Asset | Mitigation table with at least one threat. */
import { THREAT_MODEL_COLUMNS } from '../../catalog';
import { isBlankRow, threatTables } from '../../plan-tables';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

const COLUMNS = THREAT_MODEL_COLUMNS.join(' | ');

export const noThreats: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'threat-model/no-threats',
    severity: 'error',
    description: `The threat model has a table with the columns ${COLUMNS} and at least one threat.`,
    tags: ['security', 'content'],
    docs: docsOf('threat-model/no-threats'),
    messages: {
      wrongColumns:
        'The table in {{section}} has the columns {{columns}}; give it the columns {{expected}}, one row per threat.',
      noTable:
        '{{section}} has no threat table; add a table with the columns {{expected}}, one row per threat.',
      noRows:
        'The threat table in {{section}} has no threats; add one row per threat: what could go wrong, the asset at risk, and its mitigation.',
    },
  },
  check(context, report) {
    const section = context.sections.get('threat-model');
    if (!section) return; // plan/section-missing reports it
    const data = { section: sectionRef('threat-model', context.catalog), expected: COLUMNS };
    const tables = threatTables(section);
    if (tables.length === 0) {
      const other = section.tables[0];
      if (other)
        report(other, 'wrongColumns', {
          ...data,
          columns: excerpt(other.header.cells.join(' | ')),
        });
      else report(section.heading, 'noTable', data);
      return;
    }
    if (tables.some(({ table }) => table.rows.some((row) => !isBlankRow(row.cells)))) return;
    report(tables[0].table, 'noRows', data);
  },
};
