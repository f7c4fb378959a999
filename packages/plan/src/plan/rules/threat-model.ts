/** The threat model: a Threat | Asset | Mitigation table with at least one row, each mitigated. */
import { THREAT_MODEL_COLUMNS } from '../catalog';
import type { Finding } from '../finding';
import type { Table } from '../plan-model';
import type { Rule, RuleContext } from './rule';
import { excerpt, finding, sectionRef } from './rule';

const COLUMNS = THREAT_MODEL_COLUMNS.map((column) => column.toLowerCase());
const THREAT = COLUMNS.indexOf('threat');
const MITIGATION = COLUMNS.indexOf('mitigation');
/** What people write in a cell that says nothing. */
const BLANK_CELL = /^[\s\-–—_.]*$/;

interface ThreatTable {
  readonly table: Table;
  /** Index of each catalog column in this table. */
  readonly columns: readonly number[];
}

/** Tables of the threat model section that have every catalog column (extra columns are fine). */
function threatTables(context: RuleContext): ThreatTable[] {
  const section = context.sections.get('threat-model');
  if (!section) return [];
  const result: ThreatTable[] = [];
  for (const table of section.tables) {
    const header = table.header.cells.map((cell) => cell.trim().toLowerCase());
    const columns = COLUMNS.map((column) => header.indexOf(column));
    if (columns.every((index) => index >= 0)) result.push({ table, columns });
  }
  return result;
}

function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => BLANK_CELL.test(cell));
}

export const noThreats: Rule = {
  id: 'threat-model/no-threats',
  severity: 'error',
  description: `The threat model has a table with the columns ${THREAT_MODEL_COLUMNS.join(' | ')} and at least one threat.`,
  check(context) {
    const section = context.sections.get('threat-model');
    if (!section) return []; // plan/section-missing reports it
    const tables = threatTables(context);
    const columns = THREAT_MODEL_COLUMNS.join(' | ');
    if (tables.length === 0) {
      const other = section.tables[0];
      const message = other
        ? `The table in ${sectionRef('threat-model')} has the columns ${excerpt(other.header.cells.join(' | '))}; give it the columns ${columns}, one row per threat.`
        : `${sectionRef('threat-model')} has no threat table; add a table with the columns ${columns}, one row per threat.`;
      return [finding(noThreats, context, other ?? section.heading, message)];
    }
    if (tables.some(({ table }) => table.rows.some((row) => !isBlankRow(row.cells)))) return [];
    return [
      finding(
        noThreats,
        context,
        tables[0].table,
        `The threat table in ${sectionRef('threat-model')} has no threats; add one row per threat: what could go wrong, the asset at risk, and its mitigation.`,
      ),
    ];
  },
};

export const mitigationMissing: Rule = {
  id: 'threat-model/mitigation-missing',
  severity: 'error',
  description: 'Every threat in the threat model has a mitigation.',
  check(context) {
    const findings: Finding[] = [];
    for (const { table, columns } of threatTables(context)) {
      const mitigation = columns[MITIGATION];
      for (const row of table.rows) {
        if (isBlankRow(row.cells) || !BLANK_CELL.test(row.cells[mitigation] ?? '')) continue;
        const threat = row.cells[columns[THREAT]] || 'this threat';
        const at = { line: row.line, column: row.cellColumns[mitigation] ?? row.column };
        findings.push(
          finding(
            mitigationMissing,
            context,
            at,
            `Threat "${excerpt(threat)}" has no mitigation; say how it is mitigated (or that the risk is accepted, and why).`,
          ),
        );
      }
    }
    return findings;
  },
};
