/**
 * Approvals proved from git history, on real repositories made in a temp folder: commits by
 * different authors, merges, shallow clones, SSH-signed commits with keys made by ssh-keygen.
 * Nothing of git is mocked.
 */
import {
  COMPLETE_DRAFT,
  PLAN_FILE,
  ZETA_FILES,
  ZETA_ROOT,
  replaceOnce,
} from './__fixtures__/plans';
import {
  ALICE,
  allowedSigner,
  BOB,
  CAROL,
  GitRepo,
  makeTemp,
  MALLORY,
  Person,
  removeTemp,
  sshKey,
} from './__fixtures__/git-repo';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalPolicyInput } from './approval-policy';
import { resolveConfig } from './config/resolve';
import { planDigest } from './digest';
import type { Finding } from './finding';
import { recordApproval } from './record-approval';
import { verifyProjectPlans, verifyProjectsPlans } from './verify-project';

const ALLOWED: ApprovalPolicyInput = { approvers: [ALICE.email, CAROL.email] };

/** Approval findings, as `ruleId messageId` plus the data a message was filled with. */
function approvalFindings(findings: readonly Finding[]) {
  return findings
    .filter((finding) => finding.ruleId.startsWith('approval/'))
    .map(({ ruleId, messageId, message, line }) => ({ ruleId, messageId, message, line }));
}

describe('approvals proved from git history', () => {
  let temp: string;
  let repo: GitRepo;

  const verify = (
    at: GitRepo,
    approval: ApprovalPolicyInput = ALLOWED,
    options: { ci?: boolean; history?: boolean } = {},
  ) =>
    verifyProjectPlans({
      workspaceRoot: at.root,
      plansDir: 'docs/features/zeta',
      projectRoot: ZETA_ROOT,
      config: resolveConfig({ approval }),
      ci: options.ci ?? true,
      history: options.history,
    }).findings;

  /** What `approve` writes, as `who`'s git identity. */
  const approveAs = (at: GitRepo, who: Person) =>
    at.write(
      PLAN_FILE,
      recordApproval(at.read(PLAN_FILE), { by: who.name, email: who.email, at: new Date() }),
    );

  /** Bob writes the plan and the module; Alice approves it and commits her approval. */
  const writtenByBobApprovedByAlice = (name: string): GitRepo => {
    const at = GitRepo.init(temp, name);
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    at.commit('zeta: plan BookRoom', BOB);
    approveAs(at, ALICE);
    at.commit('Approve zeta/BookRoom', ALICE);
    return at;
  };

  /**
   * Bob writes the plan; Alice approves it on a branch while `meanwhile` commits on main; Bob
   * merges her branch.
   */
  const approvedOnABranch = (name: string, meanwhile: (main: GitRepo) => void): GitRepo => {
    const at = GitRepo.init(temp, name);
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    at.commit('zeta: plan BookRoom', BOB);
    at.git(['checkout', '-q', '-b', 'review']);
    approveAs(at, ALICE);
    at.commit('Approve zeta/BookRoom', ALICE);
    at.git(['checkout', '-q', 'main']);
    meanwhile(at);
    mergeReview(at);
    return at;
  };

  /**
   * Bob writes the plan, `author` narrows its scope (Alice, under some name of hers), and Alice
   * approves it: she approves content she wrote.
   */
  const approvedOwnContent = (name: string, author: Person) => {
    const at = GitRepo.init(temp, name);
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(
      PLAN_FILE,
      COMPLETE_DRAFT.replace(
        'Out of scope: recurring bookings',
        'Out of scope: recurring bookings, always',
      ),
    );
    at.commit('zeta: plan BookRoom', BOB);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    const own = at.commit('Narrow the scope', author);
    approveAs(at, ALICE);
    at.commit('Approve zeta/BookRoom', ALICE);
    return { at, own };
  };

  beforeAll(() => {
    temp = makeTemp('plan-approvals-');
    repo = writtenByBobApprovedByAlice('base');
  });

  afterAll(() => removeTemp(temp));

  it('passes an approval by an allowed reviewer who did not write the plan, committed as that reviewer', () => {
    expect(verify(repo)).toEqual([]);
  });

  it('fails an approval entry edited to another name, naming the commit that did it', () => {
    const at = repo.clone(temp, 'renamed');
    at.write(PLAN_FILE, at.read(PLAN_FILE).replace(`by: ${ALICE.name}`, 'by: Grace Hopper'));
    const commit = at.commit('Fix the approver name', MALLORY);

    expect(approvalFindings(verify(at))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/author-mismatch',
        messageId: 'otherAuthor',
        message: `The approval by ${ALICE.email} was committed by ${MALLORY.email} in ${commit.slice(0, 7)}; an approval counts only in a commit its approver authored. ${ALICE.email} approves again (nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom) and commits it.`,
      }),
    ]);
  });

  it('fails an approval recorded as one person and committed by another', () => {
    const at = GitRepo.init(temp, 'committed-by-other');
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    at.commit('zeta: plan BookRoom', BOB);
    approveAs(at, ALICE);
    const commit = at.commit('Approve zeta/BookRoom (for Alice)', MALLORY);

    const findings = approvalFindings(verify(at));

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'approval/author-mismatch',
        message: expect.stringContaining(
          `approval by ${ALICE.email} was committed by ${MALLORY.email} in ${commit.slice(0, 7)}`,
        ),
      }),
    ]);
    // At the approval's own line.
    expect(findings[0].line).toBe(
      at.read(PLAN_FILE).split('\n').indexOf(`  - by: ${ALICE.name}`) + 1,
    );
  });

  it('fails the three-step forgery: content changed, digest recomputed, approver and date replaced', () => {
    const at = repo.clone(temp, 'forged');
    const edited = replaceOnce(
      at.read(PLAN_FILE),
      'Out of scope: recurring bookings',
      'Out of scope: all bookings',
    );
    const forged = edited
      .replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${planDigest(edited)}`)
      .replace(`by: ${ALICE.name}`, 'by: Carol Checker')
      .replace(`email: ${ALICE.email}`, `email: ${CAROL.email}`)
      .replace(/at: \S+/, 'at: 2026-01-05T09:00:00.000Z');
    at.write(PLAN_FILE, forged);
    const commit = at.commit('Tidy the plan', MALLORY);

    const findings = approvalFindings(verify(at));

    expect(findings.map((f) => f.ruleId)).toEqual(['approval/author-mismatch']);
    expect(findings[0].message).toContain(
      `The approval by ${CAROL.email} was committed by ${MALLORY.email} in ${commit.slice(0, 7)}`,
    );
  });

  it('fails four-eyes when the approver also wrote the content, naming the commit', () => {
    const { at, own } = approvedOwnContent('own-content', ALICE);

    expect(approvalFindings(verify(at))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/four-eyes',
        message: `${ALICE.email} approved content they wrote (commit ${own.slice(0, 7)}); with fourEyes, someone who did not write the plan since its last approval approves it: nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom.`,
      }),
    ]);
    // Four eyes are on by default with approvers; a policy may turn them off.
    expect(approvalFindings(verify(at, { ...ALLOWED, fourEyes: false }))).toEqual([]);
  });

  it('reads an author name with control characters as a name: a record separator in it hides no commit', () => {
    // git keeps a \x1e (the log's record separator) in a name. Read naively, the commit splits
    // in two and its change to the plan is lost: four-eyes would not see Alice's own content.
    const alias: Person = { name: `${ALICE.name}\x1e${'0'.repeat(40)}`, email: ALICE.email };
    const { at, own } = approvedOwnContent('separator-in-name', alias);

    expect(approvalFindings(verify(at))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/four-eyes',
        message: expect.stringContaining(`approved content they wrote (commit ${own.slice(0, 7)})`),
      }),
    ]);
  });

  it('four eyes look only at content since the last approval: an earlier author may approve a later change', () => {
    const at = repo.clone(temp, 'later-change');
    at.write(
      PLAN_FILE,
      replaceOnce(
        at.read(PLAN_FILE),
        'Out of scope: recurring bookings',
        'Out of scope: all recurring bookings',
      ),
    );
    at.commit('Widen the scope', CAROL);
    // Alice approved the first text; Carol wrote the change; Alice approves the change.
    approveAs(at, ALICE);
    at.commit('Approve the change', ALICE);

    expect(approvalFindings(verify(at))).toEqual([]);
  });

  it('fails when two approvals are required and one is given, and passes with a second approver', () => {
    const policy = { ...ALLOWED, requiredApprovals: 2 };
    expect(approvalFindings(verify(repo, policy))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/insufficient',
        message: `The plan needs approvals from 2 distinct approvers and has 1 (${ALICE.email}); another approver runs nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom.`,
      }),
    ]);

    const at = repo.clone(temp, 'two-approvers');
    approveAs(at, CAROL);
    at.commit('Approve zeta/BookRoom too', CAROL);
    expect(verify(at, policy)).toEqual([]);
  });

  it('refuses an approver the policy does not list', () => {
    expect(approvalFindings(verify(repo, { approvers: [CAROL.email] }))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/not-allowed',
        message: `${ALICE.email} may not approve this plan; its approvers are the approvers in nx.json (${CAROL.email}).`,
      }),
    ]);
  });

  it('allows the owners CODEOWNERS gives for the plan, a team through its emails', () => {
    const at = repo.clone(temp, 'codeowners');
    at.write('.github/CODEOWNERS', '* @acme/everyone\n/docs/features/zeta/ @acme/plan-reviewers\n');
    at.commit('CODEOWNERS', BOB);
    const policy = (emails: string[]): ApprovalPolicyInput => ({
      approvers: 'codeowners',
      owners: { '@acme/plan-reviewers': emails },
    });

    expect(verify(at, policy([ALICE.email, CAROL.email]))).toEqual([]);
    expect(approvalFindings(verify(at, policy([CAROL.email])))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/not-allowed',
        message: `${ALICE.email} may not approve this plan; its approvers are the CODEOWNERS of the plan (.github/CODEOWNERS:2: @acme/plan-reviewers → ${CAROL.email}).`,
      }),
    ]);
  });

  it('passes an approval made on a branch and merged by someone else', () => {
    const at = approvedOnABranch('merged', (main) => {
      main.write('README.md', 'meanwhile on main\n');
      main.commit('Other work', BOB);
    });

    expect(verify(at)).toEqual([]);
  });

  it('passes an approval merged beside other work in the same folder (a merge git lists without entries)', () => {
    const at = approvedOnABranch('merged-same-folder', (main) => {
      main.write('docs/features/zeta/BookRoom/sequence.png', 'a picture of the flow');
      main.commit('zeta: the flow, drawn', BOB);
    });
    // The folder differs from both parents, each file from one only: git lists the merge for the
    // folder, with no combined entry.
    expect(
      at
        .git([
          'log',
          '-1',
          '--raw',
          '--diff-merges=combined',
          '--format=%H',
          '--',
          'docs/features/zeta',
        ])
        .trim(),
    ).toBe(at.head());

    expect(verify(at)).toEqual([]);
  });

  it('reads a merge that changed the plan on both sides (its combined diff): the approval is stale, not unreadable', () => {
    const at = approvedOnABranch('merged-both-sides', (main) => {
      main.write(
        PLAN_FILE,
        replaceOnce(
          main.read(PLAN_FILE),
          'Out of scope: recurring bookings',
          'Out of scope: recurring bookings, always',
        ),
      );
      main.commit('Widen the scope', BOB);
    });
    // The merge's version is neither parent's: git lists it as a combined entry (`::… MM`).
    expect(
      at.git(['log', '-1', '--raw', '--diff-merges=combined', '--format=', '--', PLAN_FILE]),
    ).toMatch(/^::/m);

    expect(approvalFindings(verify(at)).map((finding) => finding.ruleId)).toEqual([
      'approval/stale',
    ]);
  });

  it('reports an uncommitted approval as pending locally, and as unverifiable in CI', () => {
    const at = GitRepo.init(temp, 'uncommitted');
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    at.commit('zeta: plan BookRoom', BOB);
    approveAs(at, ALICE);

    const local = verify(at, ALLOWED, { ci: false });
    expect(approvalFindings(local)).toEqual([
      expect.objectContaining({ ruleId: 'approval/pending', messageId: 'uncommitted' }),
    ]);
    expect(local[0].severity).toBe('warning');
    const ci = verify(at, ALLOWED, { ci: true });
    expect(approvalFindings(ci)).toEqual([
      expect.objectContaining({
        ruleId: 'approval/unverifiable',
        message: `The approval by ${ALICE.email} is not committed, so nothing proves who made it; CI verifies committed approvals only: the approver commits it.`,
      }),
    ]);
    expect(ci[0].severity).toBe('error');
  });

  it('says a shallow clone is unverifiable, and how to fetch the history', () => {
    const shallow = repo.clone(temp, 'shallow', ['--depth=1']);

    expect(approvalFindings(verify(shallow, ALLOWED, { ci: true }))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/unverifiable',
        messageId: 'noHistory',
        message: `The approval by ${ALICE.email} cannot be verified: this is a shallow clone, without the commits that prove it. Fetch the whole history: in GitHub Actions, actions/checkout with \`fetch-depth: 0\`; elsewhere \`git fetch --unshallow\`.`,
      }),
    ]);
    expect(approvalFindings(verify(shallow, ALLOWED, { ci: false }))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/pending',
        message: expect.stringContaining('this is a shallow clone'),
      }),
    ]);
  });

  it('says so when the workspace is not in a git repository', () => {
    const at = GitRepo.init(temp, 'no-git');
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    approveAs(at, ALICE);
    removeTemp(`${at.root}/.git`);

    expect(approvalFindings(verify(at, ALLOWED, { ci: true }))).toEqual([
      expect.objectContaining({
        ruleId: 'approval/unverifiable',
        message: expect.stringContaining('the workspace is not in a git repository'),
      }),
    ]);
    // Without history asked for, approvals are checked as text only.
    expect(verify(at, ALLOWED, { history: false })).toEqual([]);
  });

  it('still verifies the single approval block of older plans, committed by the approver it names', () => {
    const at = GitRepo.init(temp, 'legacy');
    at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
    at.write(PLAN_FILE, COMPLETE_DRAFT);
    at.commit('zeta: plan BookRoom', BOB);
    at.write(
      PLAN_FILE,
      COMPLETE_DRAFT.replace(
        'status: draft',
        `status: approved\napproval:\n  by: ${ALICE.name}\n  at: 2026-11-20T10:00:00.000Z\n  digest: ${planDigest(COMPLETE_DRAFT)}`,
      ),
    );
    at.commit('Approve zeta/BookRoom', ALICE);
    expect(verify(at, {})).toEqual([]);

    // approve migrates it into the list when it next writes; the old approval stays proved.
    approveAs(at, CAROL);
    expect(at.read(PLAN_FILE)).toMatch(/^approvals:\n {2}- by: Alice Approver\n/m);
    at.commit('Approve zeta/BookRoom too', CAROL);
    expect(verify(at, { requiredApprovals: 2 })).toEqual([]);
  });

  it('reads history with a fixed number of git processes per plans folder, whatever the number of plans', () => {
    const at = repo.clone(temp, 'many-plans');
    for (const name of ['CancelRoom', 'MoveRoom', 'ListRooms']) {
      const plan = `docs/features/zeta/${name}/${name}-plan.md`;
      at.write(plan, COMPLETE_DRAFT.replace(/BookRoom/g, name));
      at.commit(`zeta: plan ${name}`, BOB);
      approveAsPlan(at, plan, ALICE);
      at.commit(`Approve ${name}`, ALICE);
    }
    // The module object itself (an `import *` would be a copy): the spy only counts, git runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const childProcess = require('node:child_process') as typeof import('node:child_process');
    const spawn = jest.spyOn(childProcess, 'spawnSync');
    try {
      verify(at);
      const gitCalls = spawn.mock.calls.filter(([command]) => command === 'git');
      expect(
        gitCalls.map(([, args]) =>
          (args as string[]).find((a) => !a.startsWith('-') && !a.includes('=')),
        ),
      ).toEqual(['rev-parse', 'log', 'ls-tree', 'cat-file']);
      // The plans on disk are HEAD's blobs: git is asked only for the versions before them.
      const head = at
        .git(['ls-tree', '-r', 'HEAD', '--', 'docs/features/zeta'])
        .split('\n')
        .filter((line) => line.endsWith('-plan.md'))
        .map((line) => line.split(/\s+/)[2]);
      const catFile = gitCalls.find(([, args]) => (args as string[]).includes('cat-file'));
      const asked = String((catFile?.[2] as { input?: string } | undefined)?.input ?? '')
        .split('\n')
        .filter(Boolean);
      expect(head.length).toBeGreaterThan(3);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((oid) => head.includes(oid))).toEqual([]);
    } finally {
      spawn.mockRestore();
    }
  });

  describe('modules read together, as the batch reads them', () => {
    /**
     * One repository, four modules: zeta approved on a branch and merged by someone else (proved);
     * eta approved for Alice in Mallory's commit; theta's approver renamed by Mallory; and a
     * module whose folder git refuses as a path (`:(bad)`, pathspec magic it does not know).
     */
    let at: GitRepo;
    const plansDirs = ['docs/features/zeta', 'docs/features/eta', 'docs/features/theta', ':(bad)'];
    const optionsOf = (plansDir: string) => ({
      workspaceRoot: at.root,
      plansDir,
      projectRoot: plansDir === 'docs/features/zeta' ? ZETA_ROOT : undefined,
      config: resolveConfig({ approval: ALLOWED }),
      ci: true,
    });
    const planIn = (plansDir: string) => `${plansDir}/BookRoom/BookRoom-plan.md`;

    beforeAll(() => {
      at = GitRepo.init(temp, 'together');
      at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
      // Each plan its own words, so that no two modules share a version (a blob).
      for (const plansDir of plansDirs)
        at.write(
          planIn(plansDir),
          replaceOnce(
            COMPLETE_DRAFT,
            'Out of scope: recurring bookings',
            `Out of scope: recurring bookings (${plansDir})`,
          ),
        );
      at.commit('Plans', BOB);
      at.git(['checkout', '-q', '-b', 'review']);
      approveAsPlan(at, planIn('docs/features/zeta'), ALICE);
      approveAsPlan(at, planIn('docs/features/theta'), ALICE);
      approveAsPlan(at, planIn(':(bad)'), ALICE);
      at.commit('Approve zeta, theta and the bad one', ALICE);
      at.git(['checkout', '-q', 'main']);
      mergeReview(at);
      approveAsPlan(at, planIn('docs/features/eta'), ALICE);
      at.commit('Approve eta (for Alice)', MALLORY);
      const theta = planIn('docs/features/theta');
      at.write(theta, at.read(theta).replace(`by: ${ALICE.name}`, 'by: Grace Hopper'));
      at.commit('Fix the approver name', MALLORY);
    });

    it('proves each module as it is proved alone, with one git process per folder for the log only', () => {
      const alone = plansDirs.map((plansDir) => verifyProjectPlans(optionsOf(plansDir)));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object, as above
      const childProcess = require('node:child_process') as typeof import('node:child_process');
      const spawn = jest.spyOn(childProcess, 'spawnSync');
      try {
        const together = verifyProjectsPlans(plansDirs.map(optionsOf)).map((verify) => verify());
        expect(together).toEqual(alone);
        const commands = spawn.mock.calls
          .filter(([command]) => command === 'git')
          .map(([, args]) =>
            (args as string[]).find((a) => !a.startsWith('-') && !a.includes('=')),
          );
        // The second rev-parse asks whether HEAD exists, after git refused the `:(bad)` folder's
        // log (an empty repository is no failure): that module's history fails alone.
        expect(commands).toEqual([
          'rev-parse',
          'log',
          'log',
          'log',
          'log',
          'rev-parse',
          'ls-tree',
          'cat-file',
        ]);
      } finally {
        spawn.mockRestore();
      }
      expect(alone.map((result) => approvalFindings(result.findings).map((f) => f.ruleId))).toEqual(
        [
          [],
          ['approval/author-mismatch'],
          ['approval/author-mismatch'],
          // git cannot read that folder's history: its approval is not proved, and fails in CI.
          ['approval/unverifiable'],
        ],
      );
    });

    it('fails a module closed, as unverifiable, when versions its history names are gone, and only that module', () => {
      // The logs and HEAD's tree read, zeta's and eta's plan blobs missing from the object
      // store: neither passes on a version git could not give, and theta, read with them, is
      // proved as before.
      const broken = at.clone(temp, 'together-broken');
      // The clone's objects are packed: unpacked, each is a file of its own to take away.
      const packs = join(broken.root, '.git/objects/pack');
      for (const file of readdirSync(packs).filter((name) => name.endsWith('.pack'))) {
        const pack = readFileSync(join(packs, file));
        for (const extension of ['.pack', '.idx', '.rev'])
          rmSync(join(packs, file.replace(/\.pack$/, extension)), { force: true });
        execFileSync('git', ['unpack-objects', '-q'], { cwd: broken.root, input: pack });
      }
      const blobs = broken
        .git(['rev-list', '--objects', '--all'])
        .split('\n')
        .filter((line) => /^\S+ docs\/features\/(zeta|eta)\/.*-plan\.md$/.test(line))
        .map((line) => line.split(' ')[0]);
      expect(blobs.length).toBeGreaterThan(2);
      for (const oid of blobs)
        rmSync(join(broken.root, '.git/objects', oid.slice(0, 2), oid.slice(2)));
      // A box ticked as `[X]` on disk (the digest does not change), so that no plan is taken
      // from its file as HEAD's blob.
      for (const plansDir of plansDirs)
        broken.write(planIn(plansDir), broken.read(planIn(plansDir)).replace('- [x]', '- [X]'));
      const results = verifyProjectsPlans(
        plansDirs.map((plansDir) => ({ ...optionsOf(plansDir), workspaceRoot: broken.root })),
      ).map((verify) => verify());
      expect(results.map((result) => approvalFindings(result.findings))).toEqual(
        plansDirs.map((plansDir) => [
          plansDir.endsWith('theta')
            ? // Its versions are all there: Mallory's rename is still found.
              expect.objectContaining({ ruleId: 'approval/author-mismatch' })
            : expect.objectContaining({
                ruleId: 'approval/unverifiable',
                messageId: 'noHistory',
                message: expect.stringContaining(
                  plansDir === ':(bad)' ? "Invalid pathspec magic 'bad'" : ' missing)',
                ),
              }),
        ]),
      );
      // Each module, verified alone, says the same.
      expect(results).toEqual(
        plansDirs.map((plansDir) =>
          verifyProjectPlans({ ...optionsOf(plansDir), workspaceRoot: broken.root }),
        ),
      );
    });
  });

  it('proves from git, not from the file, when the plan on disk is not HEAD’s', () => {
    const at = repo.clone(temp, 'edited-after-commit');
    const plan = 'docs/features/zeta/BookRoom/BookRoom-plan.md';
    const committed = approvalFindings(verify(at, ALLOWED, { ci: true }));
    // A box ticked in the file and not committed (the digest does not change): the file is not
    // HEAD's blob, so HEAD's version is read from git, and proves the same.
    const text = at.read(plan);
    expect(text).toContain('- [x]');
    at.write(plan, text.replace('- [x]', '- [X]'));
    expect(approvalFindings(verify(at, ALLOWED, { ci: true }))).toEqual(committed);
    expect(committed).toEqual([]);
  });

  describe('signed approvals (requireSignedApprovals, SSH keys made with ssh-keygen)', () => {
    let keys: Record<'alice' | 'carol' | 'mallory', { privateKey: string; publicKey: string }>;
    const SIGNERS = '.github/allowed_signers';
    const signed: ApprovalPolicyInput = {
      ...ALLOWED,
      requireSignedApprovals: true,
      allowedSigners: SIGNERS,
    };

    /** Bob's plan, approved by Alice in a commit signed with `key` (or unsigned). */
    const approvedWith = (
      name: string,
      key?: string,
      as: Person = ALICE,
    ): { at: GitRepo; commit: string } => {
      const at = GitRepo.init(temp, name);
      at.writeAll(ZETA_FILES, `${ZETA_ROOT}/`);
      at.write(PLAN_FILE, COMPLETE_DRAFT);
      at.write(
        SIGNERS,
        allowedSigner(ALICE.email, keys.alice.publicKey) +
          allowedSigner(CAROL.email, keys.carol.publicKey),
      );
      at.commit('zeta: plan BookRoom', BOB);
      approveAs(at, as);
      return { at, commit: at.commit('Approve zeta/BookRoom', as, { signingKey: key }) };
    };

    beforeAll(() => {
      keys = {
        alice: sshKey(temp, 'alice_ed25519'),
        carol: sshKey(temp, 'carol_ed25519'),
        mallory: sshKey(temp, 'mallory_ed25519'),
      };
    });

    it('passes an approval commit signed by the approver with a key of the allowed signers', () => {
      const { at, commit } = approvedWith('signed', keys.alice.privateKey);

      expect(at.git(['log', '-1', '--format=%G?', commit]).trim()).toBe('N'); // no signers configured globally
      expect(verify(at, signed)).toEqual([]);
    });

    it('fails an unsigned approval commit when signatures are required', () => {
      const { at, commit } = approvedWith('unsigned');

      expect(approvalFindings(verify(at, signed))).toEqual([
        expect.objectContaining({
          ruleId: 'approval/unsigned',
          messageId: 'unsigned',
          message: expect.stringContaining(
            `The approval by ${ALICE.email} was committed unsigned in ${commit.slice(0, 7)}`,
          ),
        }),
      ]);
      // Not required, unsigned is fine.
      expect(verify(at, ALLOWED)).toEqual([]);
    });

    it('fails a commit signed with a key that is not among the allowed signers', () => {
      const { at } = approvedWith('untrusted', keys.mallory.privateKey);

      expect(approvalFindings(verify(at, signed))).toEqual([
        expect.objectContaining({ ruleId: 'approval/unsigned', messageId: 'untrusted' }),
      ]);
    });

    it('fails a commit signed by another allowed signer than the approver', () => {
      const { at } = approvedWith('other-signer', keys.carol.privateKey);

      expect(approvalFindings(verify(at, signed))).toEqual([
        expect.objectContaining({
          ruleId: 'approval/unsigned',
          messageId: 'otherSigner',
          message: expect.stringContaining(`is signed by ${CAROL.email}, not by the approver`),
        }),
      ]);
    });
  });
});

/** Bob merges the `review` branch into the current one, with a merge commit. */
function mergeReview(at: GitRepo): void {
  at.git(['-c', 'commit.gpgsign=false', 'merge', '-q', '--no-ff', '--no-edit', 'review'], BOB);
}

/** approveAs for another plan than BookRoom's. */
function approveAsPlan(at: GitRepo, plan: string, who: Person): void {
  at.write(plan, recordApproval(at.read(plan), { by: who.name, email: who.email, at: new Date() }));
}
