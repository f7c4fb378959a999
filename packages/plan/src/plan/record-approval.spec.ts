import { COMPLETE_DRAFT, NOW, PLAN_FILE, zetaModule } from './__fixtures__/plans';
import { planDigest } from './digest';
import { parsePlan } from './parse-plan';
import { ApprovalError, recordApproval } from './record-approval';
import { verifyPlan } from './verify';

describe('recordApproval', () => {
  const at = new Date('2026-11-24T08:00:00.000Z');

  it('writes status, approver, time and the digest, and the result verifies clean', () => {
    const approved = recordApproval(COMPLETE_DRAFT, { by: 'A. Reviewer', at });
    const data = parsePlan(approved, PLAN_FILE).frontMatter?.data;

    expect(data).toEqual({
      module: 'zeta',
      useCase: 'BookRoom',
      status: 'approved',
      approval: {
        by: 'A. Reviewer',
        at: '2026-11-24T08:00:00.000Z',
        digest: planDigest(COMPLETE_DRAFT),
      },
    });
    expect(
      verifyPlan({ file: PLAN_FILE, text: approved, moduleCode: zetaModule(), now: NOW }),
    ).toEqual([]);
  });

  it('changes nothing but the front matter', () => {
    const approved = recordApproval(COMPLETE_DRAFT, { by: 'A. Reviewer', at });
    const body = (text: string) => text.slice(text.indexOf('\n---\n', 4));

    expect(body(approved)).toBe(body(COMPLETE_DRAFT));
    expect(planDigest(approved)).toBe(planDigest(COMPLETE_DRAFT));
  });

  it('replaces an earlier approval and keeps comments and an implemented status', () => {
    const first = recordApproval(
      COMPLETE_DRAFT.replace('status: draft', 'status: implemented # shipped'),
      { by: 'Zed Quux', at },
    );
    const again = recordApproval(first, { by: 'Yan Wix', at });

    expect(again).toContain('status: implemented # shipped');
    expect(again).not.toContain('Zed Quux');
    expect(again).toContain('by: Yan Wix');
    expect(again.match(/approval:/g)).toHaveLength(1);
  });

  it('keeps CRLF line endings', () => {
    const approved = recordApproval(COMPLETE_DRAFT.replace(/\n/g, '\r\n'), { by: 'A', at });

    expect(approved.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('quotes an approver YAML would misread', () => {
    const approved = recordApproval(COMPLETE_DRAFT, { by: 'yes: #1', at });

    expect(parsePlan(approved, PLAN_FILE).frontMatter?.data?.approval).toMatchObject({
      by: 'yes: #1',
    });
  });

  it.each([
    ['no front matter', '# Plan\n', 'A'],
    ['broken YAML', '---\nmodule: [\n---\n', 'A'],
    ['an empty approver', COMPLETE_DRAFT, ' '],
    ['a two-line approver', COMPLETE_DRAFT, 'A\nB'],
  ])('refuses %s', (_case, text, by) => {
    expect(() => recordApproval(text, { by, at })).toThrow(ApprovalError);
  });
});
