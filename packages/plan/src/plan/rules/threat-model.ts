/** The threat model: a Threat | Asset | Mitigation table with at least one row, each mitigated. */
import { THREAT_MODEL_COLUMNS } from '../catalog';
import type { Finding } from '../finding';
import type { Table } from '../plan-model';
import type { Rule, RuleContext } from './rule';
import { excerpt, finding, sectionRef } from './rule';
import { placeholderLines } from '../placeholder-marker';
import { hasWords, MINIMUM_WORDS } from '../substance';

const COLUMNS = THREAT_MODEL_COLUMNS.map((column) => column.toLowerCase());
const THREAT = COLUMNS.indexOf('threat');
const ASSET = COLUMNS.indexOf('asset');
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

/** What each catalog column must say, at the least. */
const CELL_MINIMUM: ReadonlyArray<{ column: number; name: string; words: number }> = [
  { column: THREAT, name: 'threat', words: MINIMUM_WORDS.threat },
  { column: ASSET, name: 'asset', words: MINIMUM_WORDS.asset },
  { column: MITIGATION, name: 'mitigation', words: MINIMUM_WORDS.mitigation },
];

export const vagueRow: Rule = {
  id: 'threat-model/vague-row',
  severity: 'error',
  description: `Every threat row names the threat (${MINIMUM_WORDS.threat}+ words), the asset (${MINIMUM_WORDS.asset}+) and the mitigation (${MINIMUM_WORDS.mitigation}+) in real words.`,
  check(context) {
    const findings: Finding[] = [];
    for (const { table, columns } of threatTables(context)) {
      for (const row of table.rows) {
        if (isBlankRow(row.cells)) continue;
        for (const { column, name, words } of CELL_MINIMUM) {
          const cell = row.cells[columns[column]] ?? '';
          // A blank mitigation is threat-model/mitigation-missing's; a placeholder, plan/placeholder's.
          if (column === MITIGATION && BLANK_CELL.test(cell)) continue;
          if (placeholderLines(cell).length > 0 || hasWords(cell, words)) continue;
          const at = { line: row.line, column: row.cellColumns[columns[column]] ?? row.column };
          findings.push(
            finding(
              vagueRow,
              context,
              at,
              `The ${name} "${excerpt(cell)}" says too little (at least ${words} word${words > 1 ? 's' : ''} besides punctuation, "N/A" and fillers); ${ADVICE[name]}`,
            ),
          );
        }
      }
    }
    return findings;
  },
};

const ADVICE: Readonly<Record<string, string>> = {
  threat: 'name what could go wrong, e.g. "Enumeration by timing".',
  asset: 'name what is at risk, e.g. "Account list".',
  mitigation: 'say how it is prevented or contained, e.g. "Same work on both paths".',
};
