import { logger, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { parse } from 'yaml';
import { COMPLETE_DRAFT, PLAN_FILE } from '../../plan/__fixtures__/plans';
import { planDigest } from '../../plan/digest';
import { moduleCodeFromFiles } from '../../plan/module-code';
import { verifyPlan } from '../../plan/verify';
import { featureGenerator } from '../feature/generator';
import { approveGenerator } from './generator';

// Nx's jest set-up, which the module project's creation composes, reads the project graph to
// register its plugin; a unit test has no workspace on disk to compute one from.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(async () => ({ nodes: {}, dependencies: {} })),
}));

// Creating a module project runs Nx's library and jest generators: seconds, not milliseconds.
jest.setTimeout(60_000);

/** The front matter of a plan, parsed. */
function frontMatter(text: string): Record<string, unknown> {
  return parse(text.split(/^---$/m)[1]) as Record<string, unknown>;
}

/** Every file of the tree, for "nothing changed" assertions. */
function snapshot(tree: Tree): Map<string, string> {
  return new Map(tree.listChanges().map((change) => [change.path, String(change.content)]));
}

function moduleCode(tree: Tree) {
  const files = new Map<string, string>();
  for (const change of tree.listChanges()) {
    if (change.path.startsWith('packages/zeta/src/')) {
      files.set(change.path.slice('packages/zeta/'.length), String(change.content));
    }
  }
  return moduleCodeFromFiles('packages/zeta', files);
}

describe('approve generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    // The complete fixture plan was written for this use-case with this value object.
    await featureGenerator(tree, {
      module: 'zeta',
      useCase: 'BookRoom',
      valueObjects: 'RoomName',
      skipFormat: true,
    });
  });

  it('refuses an unfinished plan, lists its errors, and changes nothing', async () => {
    const before = snapshot(tree);

    await expect(
      approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom', by: 'A. Reviewer' }),
    ).rejects.toThrow(
      /cannot be approved yet[\s\S]*BookRoom-plan\.md:\d+:\d+ +error .*plan\/placeholder/,
    );
    expect(snapshot(tree)).toEqual(before);
  });

  it('does not report the approval it is about to give', async () => {
    await expect(
      approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom', by: 'A. Reviewer' }),
    ).rejects.not.toThrow(/approval\/missing/);
  });

  it('approves a complete plan: status, who, when, and the digest of its content', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    const before = Date.now();

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom', by: ' A. Reviewer ' });

    const approved = tree.read(PLAN_FILE, 'utf-8') ?? '';
    const { status, approval } = frontMatter(approved) as {
      status: string;
      approval: { by: string; at: string; digest: string };
    };
    expect(status).toBe('approved');
    expect(approval.by).toBe('A. Reviewer');
    expect(Date.parse(approval.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(approval.digest).toBe(planDigest(COMPLETE_DRAFT));
    expect(approved.slice(approved.indexOf('\n---\n'))).toBe(
      COMPLETE_DRAFT.slice(COMPLETE_DRAFT.indexOf('\n---\n')),
    );
    const errors = verifyPlan({
      file: PLAN_FILE,
      text: approved,
      moduleCode: moduleCode(tree),
    }).filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('approves despite warnings, and shows them to the reviewer', async () => {
    // The complete plan shows finished tests; the tree still has the generated skeleton specs.
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom', by: 'A. Reviewer' });

    expect(frontMatter(tree.read(PLAN_FILE, 'utf-8') ?? '').status).toBe('approved');
    expect(warn.mock.calls.flat().join('\n')).toMatch(/warning {2}.*trace\/spec-drift/);
    warn.mockRestore();
  });

  it('accepts any casing of the names', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);

    await approveGenerator(tree, { module: 'Zeta', useCase: 'book-room', by: 'A. Reviewer' });

    expect(frontMatter(tree.read(PLAN_FILE, 'utf-8') ?? '').status).toBe('approved');
  });

  it.each([
    [
      'no plan of that use-case',
      { useCase: 'CancelBooking' },
      /There is no plan at docs\/features\/zeta\/CancelBooking/,
    ],
    ['an empty reviewer', { by: '  ' }, /--by="Your Name"/],
    ['a reviewer on two lines', { by: 'A.\nReviewer' }, /one line/],
    ['a path as use-case', { useCase: '../escape' }, /path separator/],
  ])('refuses %s and changes nothing', async (_case, override, message) => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    const before = snapshot(tree);

    await expect(
      approveGenerator(tree, {
        module: 'zeta',
        useCase: 'BookRoom',
        by: 'A. Reviewer',
        ...override,
      }),
    ).rejects.toThrow(message);
    expect(snapshot(tree)).toEqual(before);
  });

  it('refuses a plan whose module has no project, since its code cannot be traced', async () => {
    tree.write('docs/features/ghost/BookRoom/BookRoom-plan.md', COMPLETE_DRAFT);

    await expect(
      approveGenerator(tree, { module: 'ghost', useCase: 'BookRoom', by: 'A. Reviewer' }),
    ).rejects.toThrow(/module "ghost" has no Nx project/);
  });
});
