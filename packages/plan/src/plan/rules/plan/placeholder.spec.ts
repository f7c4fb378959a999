import {
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  lineOf,
  replaceOnce,
  verifyVariant,
} from '../../__fixtures__/plans';
import { SECTIONS } from '../../catalog';

const guidanceOf = (title: string) => SECTIONS.find((section) => section.title === title)?.guidance;

describe('plan/placeholder', () => {
  const rule = (text: string) => findingsOf('plan/placeholder', verifyVariant(text));

  it('reports each line still holding TODO(plan), once, at its column', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      'Out of scope: recurring',
      'Out of scope: TODO(plan) and TODO(plan) recurring',
    );
    const findings = rule(text);

    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, 'Out of scope:'),
        column: 15,
        messageId: 'left',
        data: {
          marker: 'TODO(plan)',
          where: '`## Requirements analysis`',
          guidance: guidanceOf('Requirements analysis'),
        },
      }),
    ]);
  });

  it('reports placeholders in table cells at the cell', () => {
    const findings = rule(GENERATED_PLAN);
    const row = lineOf(GENERATED_PLAN, '| TODO(plan) | TODO(plan) | TODO(plan) |');

    expect(findings.find((finding) => finding.line === row)).toMatchObject({ column: 3 });
  });

  it('reports a placeholder in the front matter and in code', () => {
    const text = COMPLETE_PLAN.replace(
      'useCase: BookRoom',
      'useCase: BookRoom # TODO(plan)',
    ).replace(
      "import { RoomBooked } from './room-booked.event';\n\ndescribe('Room'",
      "import { RoomBooked } from './room-booked.event';\n// TODO(plan): more\ndescribe('Room'",
    );

    expect(rule(text).map(({ data }) => [data.marker, data.where])).toEqual([
      ['TODO(plan)', 'the front matter'],
      ['TODO(plan)', '`## Unit tests`'],
    ]);
  });

  it('reports `TODO(plan)` quoted as code: a marker in backticks is still a marker', () => {
    const text = replaceOnce(COMPLETE_PLAN, 'Out of scope:', 'Out of scope: `TODO(plan)`');

    expect(rule(text)).toEqual([
      expect.objectContaining({ line: lineOf(text, 'Out of scope:'), column: 16 }),
    ]);
  });
});
