import { logger, Tree, updateJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { parse } from 'yaml';
import {
  ALICE,
  BOB,
  GitRepo,
  gitEnv,
  makeTemp,
  removeTemp,
} from '../../plan/__fixtures__/git-repo';
import {
  COMPLETE_DRAFT,
  PLAN_FILE,
  specCodeOf,
  ZETA_FILES,
  ZETA_ROOT,
} from '../../plan/__fixtures__/plans';
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

/** The git identity approve finds: git reads GIT_AUTHOR_NAME/EMAIL before its configuration. */
function actAs(person: { name: string; email: string } | undefined): () => void {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('GIT_')) delete process.env[key];
  if (person) {
    process.env.GIT_AUTHOR_NAME = person.name;
    process.env.GIT_AUTHOR_EMAIL = person.email;
  }
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

function setApprovalPolicy(tree: Tree, approval: Record<string, unknown>): void {
  updateJson(tree, 'nx.json', (nxJson) => ({
    ...nxJson,
    plugins: [{ plugin: '@mjomeet/plan', options: { approval } }],
  }));
}

type Approval = { by: string; email: string; at: string; digest: string; label?: string };

describe('approve generator', () => {
  let tree: Tree;
  let restoreEnv: () => void;

  afterEach(() => {
    restoreEnv();
    jest.restoreAllMocks();
  });

  beforeEach(async () => {
    restoreEnv = actAs({ name: 'A. Reviewer', email: 'reviewer@example.com' });
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    tree = createTreeWithEmptyWorkspace();
    // The complete fixture plan was written for this use-case with this value object.
    await featureGenerator(tree, {
      module: 'zeta',
      useCase: 'BookRoom',
      valueObjects: 'RoomName',
      skipFormat: true,
    });
    // The specs whose tests the complete plan cites as evidence, as the plan shows them.
    const specs = specCodeOf(COMPLETE_DRAFT);
    for (const spec of [
      'src/application/book-room/book-room.handler.spec.ts',
      'src/domain/room/room-name.value-object.spec.ts',
    ]) {
      tree.write(`packages/zeta/${spec}`, specs[spec]);
    }
  });

  it('refuses an unfinished plan, lists its errors, and changes nothing', async () => {
    const before = snapshot(tree);

    await expect(approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' })).rejects.toThrow(
      /cannot be approved yet[\s\S]*BookRoom-plan\.md:\d+:\d+ +error .*plan\/placeholder/,
    );
    expect(snapshot(tree)).toEqual(before);
  });

  it('does not report the approval it is about to give', async () => {
    await expect(
      approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' }),
    ).rejects.not.toThrow(/approval\/missing/);
  });

  it('approves a complete plan as the git identity: status, name, email, when, and the digest', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    const before = Date.now();

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' });

    // It says that the approval counts once committed by the approver.
    expect(jest.mocked(logger.info).mock.calls.flat().join('\n')).toContain(
      `Approved as A. Reviewer <reviewer@example.com>. The approval counts once you commit it as yourself: git add ${PLAN_FILE} && git commit -m "Approve zeta/BookRoom".`,
    );

    const approved = tree.read(PLAN_FILE, 'utf-8') ?? '';
    const { status, approvals } = frontMatter(approved) as {
      status: string;
      approvals: Approval[];
    };
    expect(status).toBe('approved');
    expect(approvals).toHaveLength(1);
    const [approval] = approvals;
    expect(approval).toMatchObject({ by: 'A. Reviewer', email: 'reviewer@example.com' });
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

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' });

    expect(frontMatter(tree.read(PLAN_FILE, 'utf-8') ?? '').status).toBe('approved');
    expect(warn.mock.calls.flat().join('\n')).toMatch(/warning {2}.*trace\/spec-drift/);
    warn.mockRestore();
  });

  it('accepts any casing of the names', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);

    await approveGenerator(tree, { module: 'Zeta', useCase: 'book-room' });

    expect(frontMatter(tree.read(PLAN_FILE, 'utf-8') ?? '').status).toBe('approved');
  });

  it.each([
    [
      'no plan of that use-case',
      { useCase: 'CancelBooking' },
      /There is no plan at docs\/features\/zeta\/CancelBooking/,
    ],
    ['an empty label', { by: '  ' }, /--by labels your git identity/],
    ['a label on two lines', { by: 'A.\nReviewer' }, /one line/],
    ['a path as use-case', { useCase: '../escape' }, /path separator/],
  ])('refuses %s and changes nothing', async (_case, override, message) => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    const before = snapshot(tree);

    await expect(
      approveGenerator(tree, {
        module: 'zeta',
        useCase: 'BookRoom',
        ...override,
      }),
    ).rejects.toThrow(message);
    expect(snapshot(tree)).toEqual(before);
  });

  it('refuses a plan whose module has no project, since its code cannot be traced', async () => {
    tree.write('docs/features/ghost/BookRoom/BookRoom-plan.md', COMPLETE_DRAFT);

    await expect(approveGenerator(tree, { module: 'ghost', useCase: 'BookRoom' })).rejects.toThrow(
      /module "ghost" has no Nx project/,
    );
  });

  it('--by labels the git identity and never replaces it', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom', by: 'Grace Hopper' });

    const { approvals } = frontMatter(tree.read(PLAN_FILE, 'utf-8') ?? '') as {
      approvals: Approval[];
    };
    expect(approvals).toEqual([
      expect.objectContaining({
        by: 'A. Reviewer',
        email: 'reviewer@example.com',
        label: 'Grace Hopper',
      }),
    ]);
  });

  it('refuses without a git identity, says how to set one, and changes nothing', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    const before = snapshot(tree);
    const home = makeTemp('plan-approve-home-');
    restoreEnv();
    restoreEnv = actAs(undefined);
    // No configuration at all: no global, no system one, and no repository around.
    Object.assign(process.env, gitEnv(home), { GIT_CEILING_DIRECTORIES: home });
    const cwd = process.cwd();
    process.chdir(home);
    try {
      await expect(approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' })).rejects.toThrow(
        /git config user\.name "Your Name" && git config user\.email/,
      );
      expect(snapshot(tree)).toEqual(before);
    } finally {
      process.chdir(cwd);
      removeTemp(home);
    }
  });

  it('refuses an approver the policy does not allow, naming who may, and changes nothing', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    setApprovalPolicy(tree, { approvers: ['Grace Hopper <grace@example.com>'] });
    const before = snapshot(tree);

    await expect(approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' })).rejects.toThrow(
      'A. Reviewer <reviewer@example.com> (your git identity) may not approve docs/features/zeta/BookRoom/BookRoom-plan.md; its approvers are the approvers in nx.json (grace@example.com).',
    );
    expect(snapshot(tree)).toEqual(before);
  });

  it('allows an owner that CODEOWNERS gives for the plan', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);
    tree.write('.github/CODEOWNERS', '/docs/features/ reviewer@example.com\n');
    setApprovalPolicy(tree, { approvers: 'codeowners' });

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' });

    expect(frontMatter(tree.read(PLAN_FILE, 'utf-8') ?? '').status).toBe('approved');
  });
});

describe('approve generator in a git repository: four eyes', () => {
  let temp: string;
  let repo: GitRepo;
  let restoreEnv: () => void;

  beforeAll(() => {
    temp = makeTemp('plan-approve-git-');
    repo = GitRepo.init(temp);
    repo.write(
      'nx.json',
      JSON.stringify({
        plugins: [
          {
            plugin: '@mjomeet/plan',
            options: { approval: { approvers: [ALICE.email, BOB.email] } },
          },
        ],
      }),
    );
    repo.write(`${ZETA_ROOT}/project.json`, JSON.stringify({ name: 'zeta', root: ZETA_ROOT }));
    repo.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    repo.write(PLAN_FILE, COMPLETE_DRAFT);
    repo.commit('zeta: plan BookRoom', BOB);
  });

  afterAll(() => removeTemp(temp));
  afterEach(() => {
    restoreEnv();
    jest.restoreAllMocks();
  });

  it("refuses the plan's author, naming their commit, and changes nothing", async () => {
    restoreEnv = actAs(BOB);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const tree = new FsTree(repo.root, false);

    await expect(approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' })).rejects.toThrow(
      `${BOB.email} (your git identity) wrote this plan's content since its last approval (commit ${repo.head().slice(0, 7)}); with fourEyes, someone who did not write it approves it.`,
    );
    expect(tree.listChanges()).toEqual([]);
  });

  it('approves as a reviewer who did not write it', async () => {
    restoreEnv = actAs(ALICE);
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    const tree = new FsTree(repo.root, false);

    await approveGenerator(tree, { module: 'zeta', useCase: 'BookRoom' });

    expect(tree.read(PLAN_FILE, 'utf-8')).toContain(`email: ${ALICE.email}`);
  });
});
