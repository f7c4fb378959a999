/**
 * Approvals that hold, through the real `nx` binary in a fresh workspace: a team whose plans are
 * approved by their CODEOWNERS, two approvals per plan, four eyes. Carol writes the plan; Alice and
 * Bob (the owners) approve it in turn, each as their own git identity, and commit their approval;
 * verify-plan proves each one from history. A forged approval fails, naming the commit.
 *
 * The steps share one workspace and run in order. PLAN_E2E_KEEP=1 keeps it for a look.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectExit, freshWorkspace } from './support/fresh-workspace';
import { removeTempDir } from './support/packages';
import { assertSucceeded } from './support/process';
import { parseStylish, Person, Workspace } from './support/workspace';

const PLAN = 'docs/features/zeta/BookRoom/BookRoom-plan.md';
const COMPLETE_PLAN = readFileSync(join(__dirname, 'fixtures', 'BookRoom-plan.md'), 'utf-8');

const ALICE: Person = { name: 'Alice Owner', email: 'alice@acme.example' };
const BOB: Person = { name: 'Bob Owner', email: 'bob@acme.example' };
const CAROL: Person = { name: 'Carol Author', email: 'carol@acme.example' };
const MALLORY: Person = { name: 'Mallory', email: 'mallory@acme.example' };

const OPTIONS = {
  approval: {
    approvers: 'codeowners',
    owners: { '@acme/plan-reviewers': [ALICE.email, BOB.email] },
    requiredApprovals: 2,
  },
};

describe('approvals proved from git: CODEOWNERS, two approvers, four eyes', () => {
  let temp: string;
  let ws: Workspace;

  const approve = (as: Person) =>
    ws.nx(
      ['g', '@mjomeet/plan:approve', '--module=zeta', '--useCase=BookRoom', '--no-interactive'],
      undefined,
      as,
    );
  const verify = () => ws.nx(['run', 'zeta:verify-plan', '--outputStyle=static']);
  const approvalFindings = (output: string) =>
    parseStylish(output).filter((f) => f.ruleId.startsWith('approval/'));

  beforeAll(async () => {
    ({ temp, ws } = await freshWorkspace('plan-e2e-approvals-'));
    expectExit(await ws.nx(['g', '@mjomeet/plan:init', '--no-interactive']), 'success');
    const nxJson = ws.readJson<{ plugins: unknown[] }>('nx.json');
    nxJson.plugins = [{ plugin: '@mjomeet/plan', options: OPTIONS }];
    ws.write('nx.json', `${JSON.stringify(nxJson, null, 2)}\n`);
    ws.write('.github/CODEOWNERS', '* @acme/platform\n/docs/features/ @acme/plan-reviewers\n');
    expectExit(
      await ws.nx([
        'g',
        '@mjomeet/plan:feature',
        '--module=zeta',
        '--useCase=BookRoom',
        '--no-interactive',
      ]),
      'success',
    );
    ws.write(PLAN, COMPLETE_PLAN);
    // Carol wrote the plan (and the module); she is not an owner of docs/features/.
    await ws.commitAll('zeta: BookRoom planned', CAROL);
  }, 600_000);

  afterAll(() => removeTempDir(temp));

  it('refuses an approver CODEOWNERS does not name, and changes nothing', async () => {
    const result = await approve(CAROL);

    expectExit(result, 'failure');
    expect(result.output).toContain(
      `${CAROL.name} <${CAROL.email}> (your git identity) may not approve ${PLAN}; its approvers are the CODEOWNERS of the plan (.github/CODEOWNERS:2: @acme/plan-reviewers → ${ALICE.email}, ${BOB.email}).`,
    );
    expect(await ws.gitStatus()).toBe('');
  });

  it('Alice approves as herself and commits it; one approval of two is not enough', async () => {
    expectExit(await approve(ALICE), 'success');
    expect(ws.read(PLAN)).toContain(`  - by: ${ALICE.name}\n    email: ${ALICE.email}\n`);
    await ws.commitAll('Approve zeta/BookRoom', ALICE);

    const result = await verify();

    expectExit(result, 'failure');
    expect(approvalFindings(result.output)).toEqual([
      expect.objectContaining({
        ruleId: 'approval/insufficient',
        message: `The plan needs approvals from 2 distinct approvers and has 1 (${ALICE.email}); another approver runs nx g @mjomeet/plan:approve --module=zeta --useCase=BookRoom.`,
      }),
    ]);
  });

  it('Bob approves too: not committed, CI cannot prove it; committed, verify-plan passes', async () => {
    expectExit(await approve(BOB), 'success');
    const plan = ws.read(PLAN);
    expect(plan).toContain(`    email: ${ALICE.email}\n`);
    expect(plan).toContain(`    email: ${BOB.email}\n`);

    // The suite runs with CI=true: an approval that is not committed is unverifiable.
    const uncommitted = await verify();
    expectExit(uncommitted, 'failure');
    expect(approvalFindings(uncommitted.output)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'approval/unverifiable',
          message: expect.stringContaining(`The approval by ${BOB.email} is not committed`),
        }),
      ]),
    );

    await ws.commitAll('Approve zeta/BookRoom too', BOB);
    // The same plan, now committed: not a cache hit (the plans folder's history is an input).
    const committed = await verify();
    expectExit(committed, 'success');
    expect(committed.output).not.toMatch(/existing outputs match the cache|\[local cache\]/);
    expect(committed.output).toContain('✔ 1 plan verified, no problems');
  });

  it('an approval edited by someone else fails, naming the commit that did it', async () => {
    const plan = ws.read(PLAN);
    ws.write(PLAN, plan.replace(`by: ${BOB.name}`, 'by: Robert Owner'));
    await ws.commitAll('Spell the approver out', MALLORY);
    const commit = await ws.head();

    try {
      const result = await verify();
      expectExit(result, 'failure');
      expect(approvalFindings(result.output)).toEqual([
        expect.objectContaining({
          ruleId: 'approval/author-mismatch',
          message: expect.stringContaining(
            `The approval by ${BOB.email} was committed by ${MALLORY.email} in ${commit}`,
          ),
        }),
      ]);
    } finally {
      assertSucceeded(await ws.git(['reset', '-q', '--hard', 'HEAD~1']));
    }
  });

  it('four eyes: an owner who changed the content may not approve that change', async () => {
    const sentence = 'Out of scope: recurring bookings, invitations and the calendar view.';
    expect(ws.read(PLAN)).toContain(sentence);
    ws.write(PLAN, ws.read(PLAN).replace(sentence, 'Out of scope: recurring bookings.'));
    await ws.commitAll('Narrow the scope', ALICE);
    const own = await ws.head();

    const result = await approve(ALICE);

    expectExit(result, 'failure');
    expect(result.output).toContain(
      `${ALICE.email} (your git identity) wrote this plan's content since its last approval (commit ${own}); with fourEyes, someone who did not write it approves it.`,
    );
    expect(await ws.gitStatus()).toBe('');
    // Bob, who did not write it, may; a second approver is still needed.
    expectExit(await approve(BOB), 'success');
    await ws.commitAll('Approve the narrower scope', BOB);
    const verified = await verify();
    expectExit(verified, 'failure');
    expect(approvalFindings(verified.output).map((f) => f.ruleId)).toEqual([
      'approval/insufficient',
    ]);
  });
});
