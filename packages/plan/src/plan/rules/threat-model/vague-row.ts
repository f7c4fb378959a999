/** `threat-model/vague-row`: every threat row says something in each column. */
import { ASSET, BLANK_CELL, isBlankRow, MITIGATION, THREAT, threatTables } from '../../plan-tables';
import { hasPlaceholder } from '../../placeholder-marker';
import { hasWords } from '../../substance';
import { excerpt } from '../../text';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export interface VagueRowOptions {
  /** Words each column needs, besides punctuation, "N/A" and fillers. */
  readonly threat: number;
  readonly asset: number;
  readonly mitigation: number;
}

const ADVICE = {
  threat: 'name what could go wrong, e.g. "Enumeration by timing".',
  asset: 'name what is at risk, e.g. "Account list".',
  mitigation: 'say how it is prevented or contained, e.g. "Same work on both paths".',
} as const;

export const vagueRow: PlanRule<VagueRowOptions> = {
  scope: 'plan',
  meta: {
    id: 'threat-model/vague-row',
    severity: 'error',
    description:
      'Every threat row names the threat (1+ words), the asset (1+) and the mitigation (2+) in real words.',
    tags: ['security', 'content'],
    docs: docsOf('threat-model/vague-row'),
    messages: {
      vague:
        'The {{column}} "{{cell}}" says too little (at least {{words}} {{wordNoun}} besides punctuation, "N/A" and fillers); {{advice}}',
    },
    schema: {
      type: 'object',
      properties: {
        threat: { type: 'integer', minimum: 1 },
        asset: { type: 'integer', minimum: 1 },
        mitigation: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
    defaultOptions: { threat: 1, asset: 1, mitigation: 2 },
  },
  check(context, report, options) {
    const minimum = [
      { column: THREAT, name: 'threat', words: options.threat },
      { column: ASSET, name: 'asset', words: options.asset },
      { column: MITIGATION, name: 'mitigation', words: options.mitigation },
    ] as const;
    for (const { table, columns } of threatTables(context.sections.get('threat-model'))) {
      for (const row of table.rows) {
        if (isBlankRow(row.cells)) continue;
        for (const { column, name, words } of minimum) {
          const cell = row.cells[columns[column]] ?? '';
          // A blank mitigation is threat-model/mitigation-missing's; a placeholder, plan/placeholder's.
          if (column === MITIGATION && BLANK_CELL.test(cell)) continue;
          if (hasPlaceholder(cell) || hasWords(cell, words)) continue;
          report(
            { line: row.line, column: row.cellColumns[columns[column]] ?? row.column },
            'vague',
            {
              column: name,
              cell: excerpt(cell),
              words,
              wordNoun: words > 1 ? 'words' : 'word',
              advice: ADVICE[name],
            },
          );
        }
      }
    }
  },
};
