import {
  approve,
  APPROVED_AT,
  COMPLETE_DRAFT,
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  lineOf,
  NOW,
  PLAN_FILE,
  replaceOnce,
  ruleIds,
  verifyVariant,
  zetaModule,
} from '../../__fixtures__/plans';
import { parseIsoDateTime } from '../../approval-block';
import { resolveConfig } from '../../config/resolve';
import { planDigest } from '../../digest';
import { verifyPlan } from '../../verify';

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
        message:
          'The plan is a draft and not approved; nothing of it may be implemented yet. When the plan is complete, a reviewer approves it as their own git identity and commits the approval: nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom.',
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
        message: expect.stringMatching(
          /^The status is `approved` but no approval is recorded; record it with nx g @mjomeet\/plan:approve/,
        ),
      }),
    ]);
  });

  it.each([
    [
      'an empty approver',
      approve(COMPLETE_DRAFT, '""'),
      'approval.by',
      '`approval.by` must name who approved the plan',
    ],
    [
      'a date that does not exist',
      approve(COMPLETE_DRAFT, 'Ada', '2026-02-30T10:00:00Z'),
      'approval.at',
      '`approval.at` must be an ISO-8601 date-time',
    ],
    [
      'a date without a time zone',
      approve(COMPLETE_DRAFT, 'Ada', '2026-11-20T10:00:00'),
      'approval.at',
      '`approval.at` must be an ISO-8601 date-time',
    ],
    [
      'a date only',
      approve(COMPLETE_DRAFT, 'Ada', '2026-11-20'),
      'approval.at',
      '`approval.at` must be an ISO-8601 date-time',
    ],
    [
      'a date in the future',
      approve(COMPLETE_DRAFT, 'Ada', '2027-01-01T00:00:00Z'),
      'approval.at',
      '`approval.at` (2027-01-01T00:00:00Z) is in the future',
    ],
    [
      'a malformed digest',
      COMPLETE_PLAN.replace(/digest: sha256:[0-9a-f]+/, 'digest: sha256:abc'),
      'approval.digest',
      '`approval.digest` must be `sha256:`',
    ],
  ])('reports %s at the field', (_case, text, field, message) => {
    const key = field.split('.')[1];
    const findings = rule(text);

    expect(findings).toEqual([
      expect.objectContaining({ line: lineOf(text, `  ${key}:`), column: key.length + 5 }),
    ]);
    expect(findings[0].message).toContain(message);
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
        message: `The plan changed after Ada Reviewer approved it on ${APPROVED_AT}; review the change and approve again: nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom.`,
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

describe('approval lists', () => {
  const config = (approval: Record<string, unknown> = {}) => resolveConfig({ approval });
  const verify = (text: string, approval?: Record<string, unknown>) =>
    verifyPlan({
      file: PLAN_FILE,
      text,
      moduleCode: zetaModule(),
      now: NOW,
      config: config(approval),
    }).filter((finding) => finding.ruleId.startsWith('approval/'));
  const entry = (by: string, email: string, digest = planDigest(COMPLETE_DRAFT)) =>
    `  - by: ${by}\n    email: ${email}\n    at: ${APPROVED_AT}\n    digest: ${digest}`;
  const withApprovals = (...entries: string[]) =>
    COMPLETE_DRAFT.replace('status: draft', `status: approved\napprovals:\n${entries.join('\n')}`);

  it('verifies a list of approvals of the current content, as text, without a finding', () => {
    expect(
      verify(withApprovals(entry('Ada', 'ada@example.com'), entry('Bo', 'bo@example.com'))),
    ).toEqual([]);
  });

  it('reports each malformed item at its field, naming it', () => {
    const text = withApprovals(
      entry('Ada', 'not an email'),
      '  - just a line',
      entry('Bo', 'bo@example.com').replace(APPROVED_AT, 'soon'),
    );

    expect(verify(text).map((f) => [f.messageId, f.line, f.message.split(';')[0]])).toEqual([
      [
        'badEmail',
        lineOf(text, '    email: not an email'),
        '`approvals[0].email` must be an email like ada@example.com (it is "not an email")',
      ],
      [
        'notMapping',
        lineOf(text, '  - just a line'),
        '`approvals[1]` is not a mapping of `by`, `email`, `at` and `digest`',
      ],
      [
        'badDate',
        lineOf(text, '    at: soon'),
        '`approvals[2].at` must be an ISO-8601 date-time with a time zone, like 2026-11-23T10:00:00Z (it is "soon")',
      ],
    ]);
  });

  it('reports an approvals value that is not a list, and both forms at once', () => {
    const notList = COMPLETE_DRAFT.replace('status: draft', 'status: approved\napprovals: Ada');
    expect(verify(notList).map((f) => f.messageId)).toEqual(['notList']);

    const both = withApprovals(entry('Ada', 'ada@example.com')).replace(
      'approvals:',
      `approval:\n  by: Ada\n  at: ${APPROVED_AT}\n  digest: ${planDigest(COMPLETE_DRAFT)}\napprovals:`,
    );
    expect(verify(both).map((f) => f.messageId)).toEqual(['both']);
  });

  it('reports the approval of an earlier text as stale, at its digest, and keeps the current one', () => {
    const text = withApprovals(
      entry('Ada', 'ada@example.com'),
      entry('Bo', 'bo@example.com', `sha256:${'1'.repeat(64)}`),
    );

    expect(verify(text)).toEqual([
      expect.objectContaining({
        ruleId: 'approval/stale',
        line: lineOf(text, `    digest: sha256:${'1'.repeat(64)}`),
        message: expect.stringMatching(/^The plan changed after Bo approved it on/),
      }),
    ]);
  });

  it('approval/insufficient counts distinct approvers of the current content (email in any case)', () => {
    const twice = withApprovals(
      entry('Ada', 'ada@example.com'),
      entry('Ada L.', 'ADA@example.com'),
    );

    expect(verify(twice, { requiredApprovals: 2 })).toEqual([
      expect.objectContaining({
        ruleId: 'approval/insufficient',
        line: lineOf(twice, '  - by: Ada'),
        message:
          'The plan needs approvals from 2 distinct approvers and has 1 (ada@example.com); another approver runs nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom.',
      }),
    ]);
    expect(verify(twice, { requiredApprovals: 1 })).toEqual([]);
  });

  it('approval/not-allowed judges what the approval says when there is no history', () => {
    const text = withApprovals(entry('Ada', 'ada@example.com'));

    expect(verify(text, { approvers: ['Bo <bo@example.com>', 'Ada'] })).toEqual([]);
    expect(verify(text, { approvers: ['bo@example.com'] })).toEqual([
      expect.objectContaining({
        ruleId: 'approval/not-allowed',
        line: lineOf(text, '    email: ada@example.com'),
        message:
          'ada@example.com may not approve this plan; its approvers are the approvers in nx.json (bo@example.com).',
      }),
    ]);
  });

  it('says nothing about proof without history: the plan is checked as text', () => {
    const text = withApprovals(entry('Ada', 'ada@example.com'));

    expect(verify(text, { fourEyes: true, requireSignedApprovals: true })).toEqual([]);
  });
});
