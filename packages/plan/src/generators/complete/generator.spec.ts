import { DEFAULT_APPROVAL_POLICY } from '../../plan/approval-policy';
import { addProjectConfiguration, Tree, updateNxJson, readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import {
  approve,
  COMPLETE_DRAFT,
  PLAN_FILE,
  replaceOnce,
  ZETA_FILES,
} from '../../plan/__fixtures__/plans';
import { SEED_CATALOG } from '../../plan/catalog';
import { planEvidence } from '../../plan/evidence';
import { planDigest } from '../../plan/digest';
import { parsePlan } from '../../plan/parse-plan';
import { createContext } from '../../plan/rules/rule';
import { completeGenerator } from './generator';

const HANDLER = '/packages/zeta/src/application/book-room/book-room.handler.spec.ts';
const ROOM = '/packages/zeta/src/domain/room/room.aggregate.spec.ts';
const REPORT = 'packages/zeta/jest-results.json';

/** Ticked, with a cited test or a reason where an item needs one. */
const DONE: Record<string, string> = {
  'Rate limiting configured': `[BookRoomHandler › refuses the 31st booking of a member within an hour](${HANDLER})`,
  'PII protection in telemetry': 'N/A: the use-case records no telemetry of its own',
  'Consistent error responses': `[BookRoomHandler › answers NOT_FOUND for an unknown Room](${HANDLER})`,
  'Authentication/authorization implemented': `[BookRoomHandler › answers a room the caller may not see like an unknown one](${HANDLER})`,
  'Security test cases': `[BookRoomHandler › answers a room the caller may not see like an unknown one](${HANDLER})`,
  'Domain logic unit tests': `[Room › refuses bookRoom while the room is out of service](${ROOM})`,
  'Integration tests for workflows': 'N/A: the module has no adapters yet',
  'Code duplication eliminated': `[Room › keeps the id it is given](${ROOM})`,
};

/** The complete fixture with every item done, approved. */
function implementedPlan(): string {
  const at = COMPLETE_DRAFT.indexOf('## Feature checklist');
  let features = COMPLETE_DRAFT.slice(at);
  for (const [item, done] of Object.entries(DONE)) {
    features = replaceOnce(features, `- [ ] ${item}\n`, `- [x] ${item} — ${done}\n`);
  }
  return approve((COMPLETE_DRAFT.slice(0, at) + features).replace(/^- \[ \] /gm, '- [x] '));
}

/** A jest --json report in which every test the plan cites has `status`. */
function reportOf(plan: string, status: (name: string) => string = () => 'passed'): string {
  const parsed = parsePlan(plan, PLAN_FILE);
  const context = createContext(parsed, {
    moduleCode: undefined,
    now: new Date(),
    catalog: SEED_CATALOG,
    plansDir: 'docs/features',
    approvalPolicy: DEFAULT_APPROVAL_POLICY,
    profile: { requested: undefined, name: 'default', known: true, modules: ['*'], available: [] },
  });
  const byFile = new Map<string, string[]>();
  for (const link of planEvidence(context).links) {
    byFile.set(link.file!, [...(byFile.get(link.file!) ?? []), link.name]);
  }
  return JSON.stringify({
    testResults: [...byFile].map(([file, names]) => ({
      name: `/home/ci/work/${file}`,
      status: 'passed',
      message: '',
      assertionResults: [...new Set(names)].map((name) => {
        const titles = name.split(' › ');
        const result = status(name);
        return {
          ancestorTitles: titles.slice(0, -1),
          title: titles[titles.length - 1],
          status: result,
          failureMessages: result === 'failed' ? ['Error: expected 429, got 201'] : [],
        };
      }),
    })),
  });
}

describe('complete generator', () => {
  let tree: Tree;
  const plan = implementedPlan();

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    updateNxJson(tree, { ...readNxJson(tree), plugins: ['@mjomeet/plan'] });
    addProjectConfiguration(tree, 'zeta', {
      root: 'packages/zeta',
      tags: ['plan:required'],
      targets: {
        test: {
          executor: 'nx:run-commands',
          outputs: ['{projectRoot}/jest-results.json'],
          options: {
            command: 'jest --json --outputFile={projectRoot}/jest-results.json',
          },
        },
      },
    });
    for (const [file, text] of Object.entries(ZETA_FILES))
      tree.write(`packages/zeta/${file}`, text);
    tree.write(PLAN_FILE, plan);
    tree.write(REPORT, reportOf(plan));
  });

  const complete = () => completeGenerator(tree, { module: 'zeta', useCase: 'BookRoom' });

  it('records an approved, done plan whose cited tests passed as implemented: only its status changes', async () => {
    await complete();

    const after = tree.read(PLAN_FILE, 'utf-8')!;
    expect(after).toMatch(/^status: implemented$/m);
    expect(after.replace('status: implemented', 'status: approved')).toBe(plan);
    // The approval stays current: the status is not part of the digest.
    expect(planDigest(after)).toBe(planDigest(plan));
  });

  it('is idempotent: an implemented plan that still holds stays as it is', async () => {
    await complete();
    const once = tree.read(PLAN_FILE, 'utf-8');

    await complete();

    expect(tree.read(PLAN_FILE, 'utf-8')).toBe(once);
  });

  it('refuses while an item is open, naming it, and changes nothing', async () => {
    const open = approve(
      replaceOnce(
        COMPLETE_DRAFT.replace(/^- \[ \] /gm, '- [x] '),
        '- [x] Global exception handling\n',
        '- [ ] Global exception handling\n',
      ),
    );
    tree.write(PLAN_FILE, open);

    await expect(complete()).rejects.toThrow(/checklist\/unchecked/);
    expect(tree.read(PLAN_FILE, 'utf-8')).toBe(open);
  });

  it('refuses a plan that is not approved', async () => {
    tree.write(PLAN_FILE, COMPLETE_DRAFT);

    await expect(complete()).rejects.toThrow(/is not implemented yet[\s\S]*approval\//);
  });

  it('refuses when a cited test failed in the last run, naming the item, and changes nothing', async () => {
    tree.write(
      REPORT,
      reportOf(plan, (name) => (name.includes('31st booking') ? 'failed' : 'passed')),
    );

    const error = await complete().catch((thrown: Error) => thrown);

    expect(String(error)).toContain(
      '`Rate limiting configured` cites `BookRoomHandler › refuses the 31st booking of a member within an hour`, which failed in the last test run',
    );
    expect(String(error)).toContain('evidence/failed');
    expect(tree.read(PLAN_FILE, 'utf-8')).toBe(plan);
  });

  it('refuses without a report of the last test run', async () => {
    tree.delete(REPORT);

    await expect(complete()).rejects.toThrow(
      /There is no report of the last test run at packages\/zeta\/jest-results\.json/,
    );
  });

  it('refuses when a cited test did not run', async () => {
    tree.write(
      REPORT,
      reportOf(plan, (name) => (name.startsWith('Room ›') ? 'pending' : 'passed')),
    );

    await expect(complete()).rejects.toThrow(/evidence\/not-run/);
  });

  it('says so when there is no plan', async () => {
    await expect(
      completeGenerator(tree, { module: 'zeta', useCase: 'CancelBooking' }),
    ).rejects.toThrow('There is no plan at docs/features/zeta/CancelBooking/CancelBooking-plan.md');
  });
});
