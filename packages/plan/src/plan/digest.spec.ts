import { COMPLETE_DRAFT, COMPLETE_PLAN, replaceOnce } from './__fixtures__/plans';
import { createHash } from 'node:crypto';
import { DIGEST_PATTERN, digestOfParts, planDigest } from './digest';

describe('planDigest', () => {
  const digest = planDigest(COMPLETE_DRAFT);

  it('is sha256: and 64 hex digits', () => {
    expect(digest).toMatch(DIGEST_PATTERN);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not change when checklist boxes are ticked or unticked', () => {
    const ticked = COMPLETE_DRAFT.replace(/^- \[ \]/gm, '- [x]');
    const upper = COMPLETE_DRAFT.replace(/^- \[x\]/gm, '- [X]');
    const unticked = COMPLETE_DRAFT.replace(/^- \[x\]/gm, '- [ ]');

    expect(ticked).not.toBe(COMPLETE_DRAFT);
    expect(planDigest(ticked)).toBe(digest);
    expect(planDigest(upper)).toBe(digest);
    expect(planDigest(unticked)).toBe(digest);
  });

  it('does not change when the status or the approval is written', () => {
    expect(planDigest(COMPLETE_PLAN)).toBe(digest);
    expect(planDigest(COMPLETE_DRAFT.replace('status: draft', 'status: implemented'))).toBe(digest);
  });

  it('does not change with CRLF line endings', () => {
    expect(planDigest(COMPLETE_DRAFT.replace(/\n/g, '\r\n'))).toBe(digest);
  });

  it('changes when one sentence of the body changes', () => {
    const edited = replaceOnce(
      COMPLETE_DRAFT,
      'Out of scope: recurring bookings',
      'Out of scope: all bookings',
    );

    expect(planDigest(edited)).not.toBe(digest);
  });

  it('changes when a table cell or a test changes', () => {
    expect(
      planDigest(
        replaceOnce(COMPLETE_DRAFT, 'Hidden rooms answer NOT_FOUND', 'Hidden rooms answer 403'),
      ),
    ).not.toBe(digest);
    expect(
      planDigest(
        replaceOnce(COMPLETE_DRAFT, "roomName: 'x'.repeat(201)", "roomName: 'x'.repeat(202)"),
      ),
    ).not.toBe(digest);
  });

  it('is the same computed again, for the same body under other names in between', () => {
    const body = '# A\n\n- [x] ticked\n';
    const fresh = (module: string) =>
      `sha256:${createHash('sha256')
        .update(JSON.stringify({ module, useCase: 'U' }))
        .update('\n')
        .update('# A\n\n- [ ] ticked\n')
        .digest('hex')}`;
    expect(digestOfParts('m', 'U', body)).toBe(fresh('m'));
    expect(digestOfParts('n', 'U', body)).toBe(fresh('n'));
    expect(digestOfParts('m', 'U', `${body}`)).toBe(fresh('m'));
    for (let i = 0; i < 100; i++) digestOfParts('m', 'U', `${body}${i}`);
    expect(digestOfParts('n', 'U', body)).toBe(fresh('n'));
  });

  it('changes with the module or the use-case of the front matter', () => {
    expect(planDigest(COMPLETE_DRAFT.replace('module: zeta', 'module: eta'))).not.toBe(digest);
    expect(planDigest(COMPLETE_DRAFT.replace('useCase: BookRoom', 'useCase: BookDesk'))).not.toBe(
      digest,
    );
  });

  it('reads `[x]` as `[ ]` only in a task marker, not elsewhere in the text', () => {
    const prose = replaceOnce(COMPLETE_DRAFT, 'Out of scope:', 'Out [x] of scope:');

    expect(planDigest(prose)).not.toBe(
      planDigest(replaceOnce(COMPLETE_DRAFT, 'Out of scope:', 'Out [ ] of scope:')),
    );
  });

  it.each([
    ['', ''],
    ['binary', 'binary \u0000 junk'],
    ['no front matter', '# Plan\n'],
    ['broken YAML', '---\nmodule: [\n---\n'],
  ])('never throws (%s)', (_case, text) => {
    expect(planDigest(text)).toMatch(DIGEST_PATTERN);
  });
});
