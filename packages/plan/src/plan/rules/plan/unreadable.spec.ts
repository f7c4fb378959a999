import { COMPLETE_PLAN, findingsOf, verifyVariant } from '../../__fixtures__/plans';
import { MAX_PLAN_BYTES } from '../../readable';

describe('plan/unreadable', () => {
  const rule = (text: string) => findingsOf('plan/unreadable', verifyVariant(text));

  it.each([
    ['an empty file', '', /^The plan is empty; regenerate it/],
    ['white space only', '\n \n', /^The plan is empty/],
    [
      'NUL bytes',
      'binary \u0000 junk',
      /^The plan contains binary data \(control character U\+0000\)/,
    ],
    [
      'a 5 MB plan',
      COMPLETE_PLAN + 'x'.repeat(5 * 1024 * 1024),
      /^The plan is 5\.\d MiB, more than the 1\.0 MiB/,
    ],
  ])('reports %s and nothing else', (_case, text, reason) => {
    const findings = verifyVariant(text);

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'plan/unreadable',
        severity: 'error',
        messageId: 'unreadable',
        data: { reason: expect.stringMatching(reason) },
      }),
    ]);
  });

  it('counts bytes, not characters', () => {
    const justOver = '---\n' + 'é'.repeat(Math.ceil(MAX_PLAN_BYTES / 2));

    expect(rule(justOver)).toHaveLength(1);
    expect(rule(COMPLETE_PLAN)).toEqual([]);
  });
});
