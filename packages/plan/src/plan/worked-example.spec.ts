import { DEFAULT_APPROVAL_POLICY } from './approval-policy';
/**
 * The repository's worked example (docs/features/identity/RequestPasswordReset) is verified by
 * `nx run identity:verify-plan` like any plan. This test pins down what the README promises of
 * it: it passes as approved, and one changed sentence makes its approval stale; and, on a fresh
 * clone with its history, under this repository's own approval policy (nx.json), its approval
 * is proved, while the forgery docs/approval.md describes fails, naming the commit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GitRepo, makeTemp, removeTemp } from './__fixtures__/git-repo';
import { loadConfig } from './config/load';
import { planDigest } from './digest';
import { SEED_CATALOG } from './catalog';
import { claimsNothing, planEvidence } from './evidence';
import { parsePlan } from './parse-plan';
import { createContext } from './rules/rule';
import { ModuleCode, readModuleCode } from './module-code';
import { verifyPlan } from './verify';
import { verifyProjectPlans } from './verify-project';

const WORKSPACE = join(__dirname, '../../../..');
const FILE = 'docs/features/identity/RequestPasswordReset/RequestPasswordReset-plan.md';

describe('the worked example, identity/RequestPasswordReset', () => {
  const text = readFileSync(join(WORKSPACE, FILE), 'utf-8');
  const moduleCode = readModuleCode(WORKSPACE, 'packages/identity');

  it('is approved and has no finding', () => {
    expect(text).toMatch(/^status: approved$/m);
    expect(verifyPlan({ file: FILE, text, moduleCode })).toEqual([]);
  });

  it('is stale after one sentence changes, and nothing else is found', () => {
    const sentence = 'answer `202 Accepted` with one fixed body';
    expect(text).toContain(sentence);

    const edited = text.replace(sentence, 'answer `200 OK` with one fixed body');

    expect(verifyPlan({ file: FILE, text: edited, moduleCode }).map((f) => f.ruleId)).toEqual([
      'approval/stale',
    ]);
  });

  it('cites a test for every ticked security and testing item and for all 16 threats', () => {
    const plan = parsePlan(text, FILE);
    const evidence = planEvidence({
      plan,
      catalog: SEED_CATALOG,
      sections: createContext(plan, {
        moduleCode,
        now: new Date(),
        catalog: SEED_CATALOG,
        plansDir: 'docs/features',
        approvalPolicy: DEFAULT_APPROVAL_POLICY,
        profile: {
          requested: undefined,
          name: 'default',
          known: true,
          modules: ['*'],
          available: [],
        },
      }).sections,
    });
    const ticked = evidence.items.filter(
      ({ owner }) =>
        ['Security & Privacy', 'Testing & Quality'].includes(owner.group) &&
        !claimsNothing(owner.task),
    );

    expect(
      evidence.threats.map(({ owner, links }) => [owner.threat.split(' ')[0], links.length > 0]),
    ).toEqual(Array.from({ length: 16 }, (_, i) => [`T${i + 1}`, true]));
    expect(ticked.map(({ owner }) => owner.item)).toHaveLength(9);
    for (const { owner, links } of ticked) {
      if (owner.item !== 'Threat model completed')
        expect([owner.item, links.length > 0]).toEqual([owner.item, true]);
    }
  });

  it('fails at the link when a cited test is renamed, with its current name', () => {
    const spec = 'src/infrastructure/rate-limiting/sliding-window.rate-limiter.spec.ts';
    const title = 'has no double burst at a boundary, unlike fixed windows';
    const source = moduleCode.readFile(spec)!;
    expect(source).toContain(title);
    const renamed: ModuleCode = {
      ...moduleCode,
      readFile: (path) =>
        path === spec
          ? source.replace(title, 'has no double burst at a window boundary')
          : moduleCode.readFile(path),
    };

    const findings = verifyPlan({ file: FILE, text, moduleCode: renamed });

    const name = `SlidingWindowRateLimiter › ${title}`;
    const link = parsePlan(text, FILE).links.find((candidate) => candidate.text === name)!;
    expect(link.target).toBe(`/packages/identity/${spec}`);
    expect(text.split('\n')[link.line - 1].slice(link.column - 1)).toMatch(
      /^\[SlidingWindowRateLimiter/,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'evidence/unknown-test',
        line: link.line,
        column: link.column,
        message: `There is no test \`${name}\` in packages/identity/${spec}; rename the link to the test's current name: \`SlidingWindowRateLimiter › has no double burst at a window boundary\`.`,
      }),
    ]);
  });

  it('stays approved when a checklist box is ticked', () => {
    const open = text.match(/^- \[ \] .+$/m)?.[0];
    expect(open).toBeDefined();

    const ticked = text.replace(open!, open!.replace('- [ ]', '- [x]'));

    expect(verifyPlan({ file: FILE, text: ticked, moduleCode })).toEqual([]);
  });
});

describe('the worked example on a fresh clone of this repository, under its own policy', () => {
  const MALLORY = { name: 'Mallory Forger', email: 'mallory@example.com' };
  let temp: string;
  let clone: GitRepo;

  /** This repository's committed HEAD, fetched with its whole history into a new repository. */
  beforeAll(() => {
    temp = makeTemp('plan-worked-example-');
    clone = GitRepo.init(temp, 'clone');
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: WORKSPACE, encoding: 'utf-8' });
    clone.git(['fetch', '-q', WORKSPACE, head.trim()]);
    clone.git(['checkout', '-q', 'FETCH_HEAD']);
  });

  afterAll(() => removeTemp(temp));

  /** What `nx run identity:verify-plan` does in CI, with the options of the clone's nx.json. */
  const verifyInCi = () => {
    const nxJson = JSON.parse(clone.read('nx.json')) as {
      plugins?: Array<string | { plugin: string; options?: unknown }>;
    };
    const entry = nxJson.plugins?.find(
      (p) => (typeof p === 'string' ? p : p.plugin) === '@mjomeet/plan',
    );
    return verifyProjectPlans({
      workspaceRoot: clone.root,
      plansDir: 'docs/features/identity',
      projectRoot: 'packages/identity',
      config: loadConfig(typeof entry === 'object' ? entry.options : {}, clone.root),
      ci: true,
    }).findings;
  };

  it('states a policy, and verifies: its approval is proved from the commit that added it', () => {
    expect(JSON.parse(clone.read('nx.json')).plugins).toContainEqual({
      plugin: '@mjomeet/plan',
      options: { approval: expect.objectContaining({ approvers: expect.any(Array) }) },
    });
    expect(verifyInCi()).toEqual([]);
  });

  it('fails the three-step forgery, naming the commit that made it', () => {
    // 1. a sentence changed; 2. the digest recomputed as digest.ts documents it;
    // 3. the approver and the date replaced. Committed by someone else.
    const original = clone.read(FILE);
    const edited = original.replace(
      'answer `202 Accepted` with one fixed body',
      'answer `200 OK` with one fixed body',
    );
    const forged = edited
      .replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${planDigest(edited)}`)
      .replace(/- by: .+/, '- by: Ada Lovelace')
      .replace(/email: .+/, 'email: ada.lovelace@mjomeet.example')
      .replace(/at: \S+/, 'at: 2026-11-01T09:00:00.000Z');
    expect(forged).not.toBe(edited);
    clone.write(FILE, forged);
    const commit = clone.commit('identity: answer 200', MALLORY);

    try {
      const findings = verifyInCi();
      expect(findings.map((f) => f.ruleId)).toEqual(
        expect.arrayContaining(['approval/author-mismatch']),
      );
      expect(findings.find((f) => f.ruleId === 'approval/author-mismatch')?.message).toContain(
        `The approval by ada.lovelace@mjomeet.example was committed by ${MALLORY.email} in ${commit.slice(0, 7)}`,
      );
    } finally {
      clone.git(['reset', '-q', '--hard', 'HEAD~1']);
    }
  });

  it('fails an approval by an author of the content (four eyes)', () => {
    const approver = JSON.parse(clone.read('nx.json')).plugins[0].options.approval
      .approvers[0] as string;
    const [, name, email] = /^(.*) <(.*)>$/.exec(approver)!;
    const grace = { name, email };
    const original = clone.read(FILE);
    const edited = original.replace(
      'answer `202 Accepted` with one fixed body',
      'answer `200 OK` with one fixed body',
    );
    clone.write(FILE, edited);
    const own = clone.commit('identity: answer 200', grace);
    clone.write(
      FILE,
      edited
        .replace(/digest: sha256:[0-9a-f]{64}/, `digest: ${planDigest(edited)}`)
        .replace(/at: \S+/, `at: ${new Date().toISOString()}`),
    );
    clone.commit('Approve identity/RequestPasswordReset', grace);

    try {
      expect(verifyInCi()).toEqual([
        expect.objectContaining({
          ruleId: 'approval/four-eyes',
          message: expect.stringContaining(
            `${email} approved content they wrote (commit ${own.slice(0, 7)})`,
          ),
        }),
      ]);
    } finally {
      clone.git(['reset', '-q', '--hard', 'HEAD~2']);
    }
  });
});
