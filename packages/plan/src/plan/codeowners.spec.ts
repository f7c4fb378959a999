import { ownersOf, parseCodeOwners } from './codeowners';
import { allowedApprovers, isAllowed, resolveApprovalPolicy } from './approval-policy';

const PLAN = 'docs/features/rooms/BookRoom/BookRoom-plan.md';

describe('CODEOWNERS', () => {
  it.each([
    ['*', true],
    ['*.md', true],
    ['/docs/', true],
    ['docs/', true],
    ['features/', true],
    ['/features/', false],
    ['/docs/features/rooms/', true],
    ['docs/features/rooms', true],
    ['/docs/*', false],
    ['/docs/features/rooms/*/*-plan.md', true],
    ['/docs/**/BookRoom-plan.md', true],
    ['**/rooms/**', true],
    ['BookRoom-plan.md', true],
    ['/BookRoom-plan.md', false],
    ['docs/features/meetings/', false],
    ['Docs/', false],
  ])('pattern %s owns the plan: %s', (pattern, owns) => {
    const codeowners = parseCodeOwners('CODEOWNERS', `${pattern} @owner\n`);

    expect(ownersOf(codeowners, PLAN) !== undefined).toBe(owns);
  });

  it('takes the last matching line; comments and a line without owners count as GitHub counts them', () => {
    const codeowners = parseCodeOwners(
      '.github/CODEOWNERS',
      [
        '# plans',
        '* @acme/everyone',
        '/docs/features/ @acme/reviewers ada@example.com # the plan reviewers',
        '/docs/features/rooms/BookRoom/',
      ].join('\n'),
    );

    expect(ownersOf(codeowners, 'docs/features/meetings/X/X-plan.md')).toMatchObject({
      line: 3,
      owners: ['@acme/reviewers', 'ada@example.com'],
    });
    expect(ownersOf(codeowners, PLAN)).toMatchObject({ line: 4, owners: [] });
  });

  it('allows emails as written, teams through the policy, and a user by their GitHub no-reply address', () => {
    const codeowners = parseCodeOwners(
      'CODEOWNERS',
      '/docs/ @acme/reviewers @grace bo@example.com\n',
    );
    const policy = resolveApprovalPolicy({
      approvers: 'codeowners',
      owners: { '@acme/reviewers': ['ada@example.com'] },
    });
    const allowed = allowedApprovers(policy, PLAN, codeowners)!;

    expect(isAllowed(allowed, { email: 'ADA@example.com' })).toBe(true);
    expect(isAllowed(allowed, { email: 'bo@example.com' })).toBe(true);
    expect(isAllowed(allowed, { email: '1234+grace@users.noreply.github.com' })).toBe(true);
    expect(isAllowed(allowed, { email: 'grace@users.noreply.github.com' })).toBe(true);
    expect(isAllowed(allowed, { email: 'mallory@example.com', name: 'Ada' })).toBe(false);
    expect(allowed.source).toBe(
      'the CODEOWNERS of the plan (CODEOWNERS:1: @acme/reviewers @grace bo@example.com → ada@example.com, bo@example.com)',
    );
  });

  it('says why no one may approve: no file, or no owner of the plan', () => {
    const policy = resolveApprovalPolicy({ approvers: 'codeowners' });

    expect(allowedApprovers(policy, PLAN, undefined)?.source).toContain(
      'there is no CODEOWNERS file',
    );
    expect(
      allowedApprovers(policy, PLAN, parseCodeOwners('CODEOWNERS', '/src/ @dev\n'))?.source,
    ).toContain('CODEOWNERS gives docs/features/rooms/BookRoom/BookRoom-plan.md no owner');
  });
});
