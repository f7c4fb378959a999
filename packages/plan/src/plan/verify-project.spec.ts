import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  COMPLETE_PLAN,
  GENERATED_PLAN,
  NOW,
  PLAN_FILE,
  ZETA_FILES,
  ZETA_ROOT,
} from './__fixtures__/plans';
import { MAX_PLAN_BYTES } from './readable';
import { verifyProjectPlans } from './verify-project';

describe('verifyProjectPlans', () => {
  let workspace: string;
  const write = (path: string, content: string | Buffer) => {
    const file = join(workspace, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  };

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'plan-verify-project-'));
    for (const [path, content] of Object.entries(ZETA_FILES))
      write(`${ZETA_ROOT}/${path}`, content);
    write(PLAN_FILE, COMPLETE_PLAN);
    write(
      'docs/features/zeta/CancelRoom/CancelRoom-plan.md',
      GENERATED_PLAN.replace(/BookRoom/g, 'CancelRoom'),
    );
    write('docs/features/zeta/notes.md', '# not a plan');
    write('docs/features/huge/Big/Big-plan.md', Buffer.alloc(MAX_PLAN_BYTES + 10, 'a'));
  });

  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it("verifies every plan of a module against the module's code", () => {
    const result = verifyProjectPlans({
      workspaceRoot: workspace,
      plansDir: 'docs/features/zeta',
      projectRoot: ZETA_ROOT,
      now: NOW,
    });

    expect(result.problem).toBeUndefined();
    expect(result.plans).toEqual([
      'docs/features/zeta/BookRoom/BookRoom-plan.md',
      'docs/features/zeta/CancelRoom/CancelRoom-plan.md',
    ]);
    expect(new Set(result.findings.map((finding) => finding.file))).toEqual(
      new Set(['docs/features/zeta/CancelRoom/CancelRoom-plan.md']),
    );
    // CancelRoom's plan names artifacts the module does not have: traceability ran.
    expect(result.findings.map((finding) => finding.ruleId)).toContain('trace/artifact-missing');
  });

  it('verifies one use-case', () => {
    const result = verifyProjectPlans({
      workspaceRoot: workspace,
      plansDir: 'docs/features/zeta/',
      projectRoot: ZETA_ROOT,
      useCase: 'BookRoom',
      now: NOW,
    });

    expect(result).toEqual({ plans: [PLAN_FILE], findings: [] });
  });

  it('says when there is nothing to verify', () => {
    expect(
      verifyProjectPlans({ workspaceRoot: workspace, plansDir: 'docs/features/none' }).problem,
    ).toMatch(/^There are no plans/);
    expect(
      verifyProjectPlans({
        workspaceRoot: workspace,
        plansDir: 'docs/features/zeta',
        useCase: 'Nope',
      }).problem,
    ).toMatch(/^There is no plan of Nope/);
  });

  it('reports a plan over the size limit without reading it', () => {
    const result = verifyProjectPlans({ workspaceRoot: workspace, plansDir: 'docs/features/huge' });

    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'plan/unreadable', line: 1, column: 1 }),
    ]);
  });
});
