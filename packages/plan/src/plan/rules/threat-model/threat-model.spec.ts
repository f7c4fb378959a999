import { sectionText } from '../../__fixtures__/edit';
import {
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  lineOf,
  replaceOnce,
  verifyVariant,
} from '../../__fixtures__/plans';

const ROW = '| Booking flood          | Availability   | 30 bookings per member per hour  |';
const SECTION = '`## Threat model`';
const COLUMNS = 'Threat | Asset | Mitigation';

describe('threat-model/no-threats', () => {
  const rule = (text: string) => findingsOf('threat-model/no-threats', verifyVariant(text));
  const threatSection = sectionText(COMPLETE_PLAN, 'Threat model');

  it('accepts the generated table (its placeholder row is plan/placeholder)', () => {
    expect(rule(GENERATED_PLAN)).toEqual([]);
  });

  it('reports a threat model without a table, at its heading', () => {
    const text = replaceOnce(COMPLETE_PLAN, threatSection, '## Threat model\n\nNo threats.\n\n');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '## Threat model'),
        column: 1,
        messageId: 'noTable',
        data: { section: SECTION, expected: COLUMNS },
      }),
    ]);
  });

  it('reports a table with other columns, at the table', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      '| Threat                 | Asset          | Mitigation',
      '| Risk                   | Asset          | Fix       ',
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '| Risk'),
        column: 1,
        messageId: 'wrongColumns',
        data: { section: SECTION, expected: COLUMNS, columns: 'Risk | Asset | Fix' },
      }),
    ]);
  });

  it('reports a table without rows', () => {
    const table = threatSection.slice(threatSection.indexOf('|'));
    const headerOnly = table.split('\n').slice(0, 2).join('\n') + '\n';
    const text = replaceOnce(COMPLETE_PLAN, table, headerOnly);

    expect(rule(text)).toEqual([
      expect.objectContaining({
        messageId: 'noRows',
        data: { section: SECTION, expected: COLUMNS },
      }),
    ]);
  });

  it('accepts extra columns and columns in another order', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      threatSection,
      '## Threat model\n\n| Asset | Threat | Likelihood | Mitigation | Evidence |\n| --- | --- | --- | --- | --- |\n| Rooms | Flood | high | Rate limit | [BookRoomHandler › refuses the 31st booking of a member within an hour](/packages/zeta/src/application/book-room/book-room.handler.spec.ts) |\n\n',
    );

    expect(verifyVariant(text, { skipApproval: true })).toEqual([]);
  });
});

describe('threat-model/mitigation-missing', () => {
  const rule = (text: string) => findingsOf('threat-model/mitigation-missing', verifyVariant(text));

  it.each([
    ['                                ', 44],
    ['—                               ', 45],
  ])('reports a row with an empty mitigation (%j), at the cell', (mitigation, column) => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      ROW,
      `| Booking flood          | Availability   | ${mitigation} |`,
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '| Booking flood'),
        column,
        messageId: 'missing',
        data: { threat: 'Booking flood' },
      }),
    ]);
  });

  it('reports a row missing its last cell', () => {
    const text = replaceOnce(COMPLETE_PLAN, ROW, '| Booking flood | Availability |');

    expect(rule(text)).toHaveLength(1);
  });
});
