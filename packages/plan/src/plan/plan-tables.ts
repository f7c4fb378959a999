/** The tables the rules read: the threat model's, and the artifact tables of the domain and application layers. */
import { ARTIFACT_COLUMNS, ARTIFACT_TABLE_SECTIONS, THREAT_MODEL_COLUMNS } from './catalog';
import type { SourcePosition } from './line-index';
import type { Section, Table } from './plan-model';
import { BACKTICKED } from './text';

const THREAT_COLUMNS = THREAT_MODEL_COLUMNS.map((column) => column.toLowerCase());
/** Index of each catalog column in THREAT_MODEL_COLUMNS. */
export const THREAT = THREAT_COLUMNS.indexOf('threat');
export const ASSET = THREAT_COLUMNS.indexOf('asset');
export const MITIGATION = THREAT_COLUMNS.indexOf('mitigation');
/** What people write in a cell that says nothing. */
export const BLANK_CELL = /^[\s\-–—_.]*$/;

export interface ThreatTable {
  readonly table: Table;
  /** Index of each catalog column in this table. */
  readonly columns: readonly number[];
}

/** Tables of the threat model section that have every catalog column (extra columns are fine). */
export function threatTables(section: Section | undefined): ThreatTable[] {
  if (!section) return [];
  const result: ThreatTable[] = [];
  for (const table of section.tables) {
    const header = table.header.cells.map((cell) => cell.trim().toLowerCase());
    const columns = THREAT_COLUMNS.map((column) => header.indexOf(column));
    if (columns.every((index) => index >= 0)) result.push({ table, columns });
  }
  return result;
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => BLANK_CELL.test(cell));
}

/** The catalog column that names the artifact (`Kind | Artifact | Role`), lower case. */
const ARTIFACT_COLUMN = ARTIFACT_COLUMNS[1].toLowerCase();
/** `Name`, `Name<T>` or `Name()` (trimmed): what names a code artifact in a table cell. */
const ARTIFACT_NAME = /^([A-Za-z_$][\w$]*)(?:<.*>|\(\))?$/;

export interface NamedArtifact {
  readonly name: string;
  readonly section: string;
  readonly at: SourcePosition;
}

/** The artifacts named in backticks in the Artifact column of the artifact tables. */
export function namedArtifacts(sections: ReadonlyMap<string, Section>): NamedArtifact[] {
  const artifacts: NamedArtifact[] = [];
  for (const id of ARTIFACT_TABLE_SECTIONS) {
    const section = sections.get(id);
    if (!section) continue;
    for (const table of section.tables) {
      const column = table.header.cells.findIndex(
        (cell) => cell.trim().toLowerCase() === ARTIFACT_COLUMN,
      );
      if (column < 0) continue;
      for (const row of table.rows) {
        const cell = row.cells[column] ?? '';
        for (const match of cell.matchAll(BACKTICKED)) {
          const name = ARTIFACT_NAME.exec(match[1].trim())?.[1];
          if (!name) continue;
          const cellColumn = row.cellColumns[column] ?? row.column;
          artifacts.push({
            name,
            section: id,
            at: { line: row.line, column: cellColumn + (match.index ?? 0) },
          });
        }
      }
    }
  }
  return artifacts;
}
