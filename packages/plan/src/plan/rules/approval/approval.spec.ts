import {
  approve,
  APPROVED_AT,
  COMPLETE_DRAFT,
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  lineOf,
  replaceOnce,
  ruleIds,
  verifyVariant,
} from '../../__fixtures__/plans';
import { parseIsoDateTime } from '../../approval-block';

const APPROVAL_IDS = ['approval/invalid', 'approval/missing', 'approval/stale'];
const approvalFindings = (text: string) =>
  verifyVariant(text).filter((finding) => APPROVAL_IDS.includes(finding.ruleId));

describe('approval/missing', () => {
  it('reports a draft at its status', () => {
    expect(approvalFindings(COMPLETE_DRAFT)).toEqual([
      expect.objectContaining({
        ruleId: 'approval/missing',
        severity: 'error',
        line: 4,
        column: 9,
        messageId: 'draft',
        data: {
          command: 'nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom --by="Your Name"',
        },
      }),
    ]);
  });

  it('is skipped with skipApproval', () => {
    expect(verifyVariant(COMPLETE_DRAFT, { skipApproval: true })).toEqual([]);
    expect(ruleIds(verifyVariant(GENERATED_PLAN, { skipApproval: true }))).not.toContain(
      'approval/missing',
    );
  });
});

describe('approval/invalid', () => {
  const rule = (text: string) => findingsOf('approval/invalid', verifyVariant(text));

  it('reports an approved status without an approval block, at the status', () => {
    const text = COMPLETE_DRAFT.replace('status: draft', 'status: approved');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        line: 4,
        column: 9,
        messageId: 'noBlock',
        data: expect.objectContaining({
          status: 'approved',
          command: expect.stringMatching(/^nx g @mjomeet\/plan:approve/),
        }),
      }),
    ]);
  });

  it.each([
    [
      'an empty approver',
      approve(COMPLETE_DRAFT, '""'),
      'approval.by',
      { messageId: 'noApprover' },
    ],
    [
      'a date that does not exist',
      approve(COMPLETE_DRAFT, 'Ada', '2026-02-30T10:00:00Z'),
      'approval.at',
      { messageId: 'badDate' },
    ],
    [
      'a date without a time zone',
      approve(COMPLETE_DRAFT, 'Ada', '2026-11-20T10:00:00'),
      'approval.at',
      { messageId: 'badDate' },
    ],
    [
      'a date only',
      approve(COMPLETE_DRAFT, 'Ada', '2026-11-20'),
      'approval.at',
      { messageId: 'badDate' },
    ],
    [
      'a date in the future',
      approve(COMPLETE_DRAFT, 'Ada', '2027-01-01T00:00:00Z'),
      'approval.at',
      { messageId: 'futureDate', data: { value: '2027-01-01T00:00:00Z' } },
    ],
    [
      'a malformed digest',
      COMPLETE_PLAN.replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:abc'),
      'approval.digest',
      { messageId: 'badDigest' },
    ],
  ])('reports %s at the field', (_case, text, field, expected) => {
    const key = field.split('.')[1];
    const findings = rule(text);

    expect(findings).toEqual([
      expect.objectContaining({ line: lineOf(text, `  ${key}:`), column: key.length + 5 }),
    ]);
    expect(findings[0]).toMatchObject(expected);
  });

  it('reports an approval that is not a mapping', () => {
    const text = COMPLETE_DRAFT.replace('status: draft', 'status: approved\napproval: yes');

    expect(rule(text)).toEqual([expect.objectContaining({ line: 5, column: 11 })]);
  });

  it('accepts an offset time zone and fractions of a second', () => {
    expect(rule(approve(COMPLETE_DRAFT, 'Ada', '2026-11-20T11:00:00.123+01:00'))).toEqual([]);
  });

  it.each([
    ['2026-11-20T10:00:00Z', Date.UTC(2026, 10, 20, 10)],
    ['2026-11-20T10:00Z', Date.UTC(2026, 10, 20, 10)],
    ['2026-11-20T12:00:00+0200', Date.UTC(2026, 10, 20, 10)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2026-02-29T00:00:00Z', undefined],
    ['2026-11-20T24:00:00Z', undefined],
    ['2026-13-01T00:00:00Z', undefined],
    ['yesterday', undefined],
  ])('reads %j as an ISO-8601 date-time', (value, expected) => {
    expect(parseIsoDateTime(value)).toBe(expected);
  });
});

describe('approval/stale', () => {
  const rule = (text: string) => findingsOf('approval/stale', verifyVariant(text));

  it('reports a plan changed after approval, at the digest, naming who approved it and when', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      'Out of scope: recurring bookings',
      'Out of scope: all bookings',
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '  digest:'),
        column: 11,
        messageId: 'stale',
        data: {
          by: 'Ada Reviewer',
          on: APPROVED_AT,
          command: 'nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom --by="Your Name"',
        },
      }),
    ]);
  });

  it('does not report ticked boxes or an implemented status', () => {
    const ticked = COMPLETE_PLAN.replace(/^- \[ \]/gm, '- [x]').replace(
      'status: approved',
      'status: implemented',
    );

    expect(approvalFindings(ticked)).toEqual([]);
  });

  it('reports a hand-written digest', () => {
    const forged = COMPLETE_PLAN.replace(
      /digest: sha256:[0-9a-f]+/,
      `digest: sha256:${'0'.repeat(64)}`,
    );

    expect(rule(forged)).toHaveLength(1);
  });
});
