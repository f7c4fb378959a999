import { COMPLETE_DRAFT, COMPLETE_PLAN, NOW, PLAN_FILE, zetaModule } from './__fixtures__/plans';
import { planDigest } from './digest';
import { parsePlan } from './parse-plan';
import { ApprovalError, ApprovalRecord, recordApproval } from './record-approval';
import { verifyPlan } from './verify';

describe('recordApproval', () => {
  const at = new Date('2026-11-24T08:00:00.000Z');
  const ada: ApprovalRecord = { by: 'A. Reviewer', email: 'ada@example.com', at };
  const bo: ApprovalRecord = { by: 'Bo Second', email: 'bo@example.com', at };
  const dataOf = (text: string) => parsePlan(text, PLAN_FILE).frontMatter?.data;

  it('writes status and an approvals list: name, email, time and the digest; the result verifies clean', () => {
    const approved = recordApproval(COMPLETE_DRAFT, ada);

    expect(dataOf(approved)).toEqual({
      module: 'zeta',
      useCase: 'BookRoom',
      status: 'approved',
      approvals: [
        {
          by: 'A. Reviewer',
          email: 'ada@example.com',
          at: '2026-11-24T08:00:00.000Z',
          digest: planDigest(COMPLETE_DRAFT),
        },
      ],
    });
    expect(
      verifyPlan({ file: PLAN_FILE, text: approved, moduleCode: zetaModule(), now: NOW }),
    ).toEqual([]);
  });

  it('changes nothing but the front matter', () => {
    const approved = recordApproval(COMPLETE_DRAFT, ada);
    const body = (text: string) => text.slice(text.indexOf('\n---\n', 4));

    expect(body(approved)).toBe(body(COMPLETE_DRAFT));
    expect(planDigest(approved)).toBe(planDigest(COMPLETE_DRAFT));
  });

  it("adds a second approver's approval of the same content, and replaces an approver's own", () => {
    const first = recordApproval(COMPLETE_DRAFT, ada);
    const both = recordApproval(first, bo);
    const again = recordApproval(both, {
      ...ada,
      email: 'ADA@example.com',
      at: new Date('2026-11-25T08:00:00.000Z'),
    });

    expect((dataOf(both)?.approvals as Array<{ email: string }>).map((a) => a.email)).toEqual([
      'ada@example.com',
      'bo@example.com',
    ]);
    expect(dataOf(again)?.approvals).toEqual([
      expect.objectContaining({ email: 'bo@example.com' }),
      expect.objectContaining({ email: 'ADA@example.com', at: '2026-11-25T08:00:00.000Z' }),
    ]);
  });

  it('drops approvals of an earlier text: they approved something else', () => {
    const first = recordApproval(COMPLETE_DRAFT, ada);
    const edited = first.replace('Out of scope: recurring bookings', 'Out of scope: all bookings');

    const approvals = dataOf(recordApproval(edited, bo))?.approvals as Array<{ email: string }>;

    expect(approvals.map((a) => a.email)).toEqual(['bo@example.com']);
  });

  it('migrates the single approval block of older plans into the list, kept as it was', () => {
    // COMPLETE_PLAN has `approval: { by: Ada Reviewer, at, digest }` of its current content.
    const migrated = recordApproval(COMPLETE_PLAN, bo);
    const data = dataOf(migrated);

    expect(data?.approval).toBeUndefined();
    expect(data?.approvals).toEqual([
      dataOf(COMPLETE_PLAN)?.approval as Record<string, unknown>,
      expect.objectContaining({ by: 'Bo Second', email: 'bo@example.com' }),
    ]);
    // Its own approver approving again replaces it (it is theirs, though it has no email).
    const replaced = recordApproval(COMPLETE_PLAN, { ...ada, by: 'Ada Reviewer' });
    expect(dataOf(replaced)?.approvals).toEqual([
      expect.objectContaining({ by: 'Ada Reviewer', email: 'ada@example.com' }),
    ]);
  });

  it('keeps comments, an implemented status, and a label that is not the name', () => {
    const implemented = COMPLETE_DRAFT.replace('status: draft', 'status: implemented # shipped');

    const approved = recordApproval(implemented, { ...ada, label: 'security review' });

    expect(approved).toContain('status: implemented # shipped');
    expect(dataOf(approved)?.approvals).toEqual([
      expect.objectContaining({ by: 'A. Reviewer', label: 'security review' }),
    ]);
    expect(
      dataOf(recordApproval(implemented, { ...ada, label: 'A. Reviewer' }))?.approvals,
    ).toEqual([expect.not.objectContaining({ label: expect.anything() })]);
  });

  it('keeps CRLF line endings', () => {
    const approved = recordApproval(COMPLETE_DRAFT.replace(/\n/g, '\r\n'), ada);

    expect(approved.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('quotes an approver YAML would misread', () => {
    const approved = recordApproval(COMPLETE_DRAFT, { ...ada, by: 'yes: #1' });

    expect(dataOf(approved)?.approvals).toEqual([expect.objectContaining({ by: 'yes: #1' })]);
  });

  it.each([
    ['no front matter', '# Plan\n', ada],
    ['broken YAML', '---\nmodule: [\n---\n', ada],
    ['an empty approver', COMPLETE_DRAFT, { ...ada, by: ' ' }],
    ['a two-line approver', COMPLETE_DRAFT, { ...ada, by: 'A\nB' }],
    ['an approver without a valid email', COMPLETE_DRAFT, { ...ada, email: 'ada' }],
    ['a two-line label', COMPLETE_DRAFT, { ...ada, label: 'a\nb' }],
    [
      'approvals that are not a list',
      COMPLETE_DRAFT.replace('status: draft', 'status: approved\napprovals: yes'),
      ada,
    ],
  ])('refuses %s', (_case, text, approval) => {
    expect(() => recordApproval(text, approval)).toThrow(ApprovalError);
  });
});
