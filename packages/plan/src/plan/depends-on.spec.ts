import {
  BILLING as billing,
  DEPENDS_ON_OTHER,
  DEPENDS_ON_OWN,
  DEPENDS_ON_UNJUDGED,
  PROJECTS as projects,
} from './__fixtures__/depends-on-entries';
import { DependsOnEntry, dependsOnOwnTarget, Judgement, ProjectIdentity } from './depends-on';

const judge = (entry: DependsOnEntry, targetName = 'verify-plan'): Judgement =>
  dependsOnOwnTarget(entry, targetName, { self: billing, projects });

describe('dependsOnOwnTarget', () => {
  it.each(DEPENDS_ON_OWN)('counts %s', (_case, entry) => {
    expect(judge(entry)).toBe('yes');
  });

  it.each(DEPENDS_ON_OTHER)('does not count %s', (_case, entry) => {
    expect(judge(entry)).toBe('no');
  });

  it.each(DEPENDS_ON_UNJUDGED)('cannot judge %s, which does not count either', (_case, entry) => {
    expect(judge(entry)).toBe('unknown');
  });

  it('looks for the target name it is given', () => {
    expect(judge('check-plan', 'check-plan')).toBe('yes');
    expect(judge('verify-plan', 'check-plan')).toBe('no');
  });

  it.each<[string, ProjectIdentity[], Judgement]>([
    [
      'no project has it as a word of its name',
      [{ name: 'packages/billing-docs', root: 'docs' }],
      'yes',
    ],
    [
      'another project has it as a word of its name',
      [{ name: 'packages/billing/api', root: 'api' }],
      'unknown',
    ],
  ])('selects the project by folder, unlabelled, when %s: %s', (_case, others, expected) => {
    // Nx tries names first, and folders only when the names added no project to the selection.
    const entry = { target: 'verify-plan', projects: ['packages/billing'] };
    expect(
      dependsOnOwnTarget(entry, 'verify-plan', {
        self: billing,
        projects: [...projects, ...others],
      }),
    ).toBe(expected);
  });

  it.each([
    [null, 'no'],
    [42, 'no'],
    [{ projects: ['@org/billing'] }, 'no'],
    [{ target: 'verify-plan', projects: { not: 'a list' } }, 'unknown'],
  ])('does not crash on a malformed entry (%p)', (entry, expected) => {
    expect(judge(entry as unknown as DependsOnEntry)).toBe(expected);
  });
});
