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
import { GitRepo } from './__fixtures__/git-repo';
import { MAX_PLAN_BYTES } from './readable';
import { resolveConfig } from './config/resolve';
import type { PlanRule } from './rules/rule';
import { verifyProjectPlans, verifyProjectsPlans } from './verify-project';

describe('verifyProjectPlans', () => {
  let workspace: string;
  const write = (path: string, content: string | Buffer) => {
    const file = join(workspace, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  };

  let temp: string;

  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), 'plan-verify-project-'));
    const repo = GitRepo.init(temp);
    workspace = repo.root;
    for (const [path, content] of Object.entries(ZETA_FILES))
      write(`${ZETA_ROOT}/${path}`, content);
    write(PLAN_FILE, COMPLETE_PLAN);
    write(
      'docs/features/zeta/CancelRoom/CancelRoom-plan.md',
      GENERATED_PLAN.replace(/BookRoom/g, 'CancelRoom'),
    );
    write('docs/features/zeta/BookRoom/sequence.png', 'a picture of the flow');
    write('docs/features/huge/Big/Big-plan.md', Buffer.alloc(MAX_PLAN_BYTES + 10, 'a'));
    // The fixture's approval (a single `approval` block by Ada Reviewer), committed by her.
    repo.commit('zeta: BookRoom approved', { name: 'Ada Reviewer', email: 'ada@example.com' });
  });

  afterAll(() => rmSync(temp, { recursive: true, force: true }));

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
      new Set([
        'docs/features/zeta/CancelRoom/CancelRoom-plan.md',
        // CancelRoom is planned but not scaffolded; BookRoom's picture beside its plan is fine.
      ]),
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

  it('says when the use-case asked for has no plan', () => {
    expect(
      verifyProjectPlans({
        workspaceRoot: workspace,
        plansDir: 'docs/features/zeta',
        useCase: 'Nope',
      }).problem,
    ).toMatch(/^There is no plan of Nope/);
  });

  it.each(['../../etc', 'book-room', '', 'BookRoom/../Other'])(
    'refuses --useCase %j, which is not a use-case name, without looking for a plan',
    (useCase) => {
      const result = verifyProjectPlans({
        workspaceRoot: workspace,
        plansDir: 'docs/features/zeta',
        useCase,
      });

      expect(result).toEqual({
        plans: [],
        findings: [],
        problem: `--useCase ${JSON.stringify(useCase)} is not a use-case name: write it in PascalCase, as its folder in docs/features/zeta is named (e.g. BookRoom).`,
      });
    },
  );

  it('reports a plan over the size limit without reading it', () => {
    const result = verifyProjectPlans({ workspaceRoot: workspace, plansDir: 'docs/features/huge' });

    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'plan/unreadable', line: 1, column: 1 }),
    ]);
  });

  describe('verifyProjectsPlans: several modules, as the batch verifies them', () => {
    const zeta = {
      workspaceRoot: '',
      plansDir: 'docs/features/zeta',
      projectRoot: ZETA_ROOT,
      now: NOW,
    };
    const modules = () => [
      { ...zeta, workspaceRoot: workspace },
      { workspaceRoot: workspace, plansDir: 'docs/features/huge', now: NOW },
      { ...zeta, workspaceRoot: workspace, useCase: 'CancelRoom' },
      { ...zeta, workspaceRoot: workspace, useCase: 'Nope' },
      { ...zeta, workspaceRoot: workspace, history: false },
    ];

    it('gives each module what verifyProjectPlans gives it alone, in order', () => {
      const together = verifyProjectsPlans(modules()).map((verify) => verify());
      expect(together).toEqual(modules().map((options) => verifyProjectPlans(options)));
      // The approved plan's history was proved, not skipped: no unverifiable-approval finding.
      expect(together[0].findings.map((finding) => finding.ruleId)).not.toContain(
        'approval/unverifiable',
      );
    });

    it('gives the same results over more modules than are read together, run in any order', () => {
      const list = Array.from({ length: 23 }, (_, i) => modules()[i % 5]);
      const verifications = verifyProjectsPlans(list);
      const order = list.map((_, i) => (i * 7) % list.length);
      const results = new Map(order.map((i) => [i, verifications[i]()] as const));
      expect(list.map((_, i) => results.get(i))).toEqual(
        list.map((options) => verifyProjectPlans(options)),
      );
      // A verification run a second time reads its module anew, and says the same.
      expect(verifications[0]()).toEqual(results.get(0));
    });

    it("throws one module's error in that module's own turn, and verifies the others", () => {
      const throwing: PlanRule = {
        scope: 'plan',
        meta: {
          id: 'team/explodes',
          description: 'throws on the plans of one use-case',
          severity: 'error',
          messages: { boom: 'boom' },
        } as PlanRule['meta'],
        check: (context) => {
          if (context.plan.file.includes('CancelRoom')) throw new Error('the rule broke');
        },
      };
      const config = resolveConfig(
        { customRules: ['rules/explodes.js'] },
        { loadRules: () => [throwing] },
      );
      const list = [
        { ...zeta, workspaceRoot: workspace, useCase: 'BookRoom', config },
        { ...zeta, workspaceRoot: workspace, useCase: 'CancelRoom', config },
        // Options no module can be read with: the reading throws, in this module's turn only.
        { workspaceRoot: workspace, plansDir: 42 as unknown as string },
        { workspaceRoot: workspace, plansDir: 'docs/features/huge', config },
      ];
      const [book, cancel, broken, huge] = verifyProjectsPlans(list);
      expect(book().plans).toEqual([PLAN_FILE]);
      expect(cancel).toThrow('the rule broke');
      expect(broken).toThrow(TypeError);
      expect(huge().findings).toEqual([expect.objectContaining({ ruleId: 'plan/unreadable' })]);
    });
  });

  describe('the module layout: a renamed, moved or deleted plan fails', () => {
    let layoutRoot: string;
    /** A module `rooms` with the code of use-case book-room and the given plan files. */
    const moduleWith = (files: Record<string, string>) => {
      layoutRoot = mkdtempSync(join(tmpdir(), 'plan-layout-'));
      const put = (path: string, content: string) => {
        mkdirSync(dirname(join(layoutRoot, path)), { recursive: true });
        writeFileSync(join(layoutRoot, path), content);
      };
      put('packages/rooms/src/application/book-room/book-room.command.ts', 'export {};\n');
      for (const [path, content] of Object.entries(files)) put(path, content);
      return verifyProjectPlans({
        workspaceRoot: layoutRoot,
        plansDir: 'docs/features/rooms',
        projectRoot: 'packages/rooms',
        now: NOW,
      });
    };
    const plan = GENERATED_PLAN.replace(/BookRoom/g, 'BookRoom').replace(/zeta/g, 'rooms');
    const layoutFindings = (result: ReturnType<typeof verifyProjectPlans>) =>
      result.findings
        .filter((finding) =>
          /^(plan\/misplaced-file|plan\/no-plans|trace\/use-case)/.test(finding.ruleId),
        )
        .map(({ ruleId, file }) => [ruleId, file]);

    afterEach(() => rmSync(layoutRoot, { recursive: true, force: true }));

    it('accepts the plan at its canonical path', () => {
      expect(
        layoutFindings(moduleWith({ 'docs/features/rooms/BookRoom/BookRoom-plan.md': plan })),
      ).toEqual([]);
    });

    it.each([
      [
        'a plan file renamed',
        { 'docs/features/rooms/BookRoom/bookroom-plan.md': plan },
        [
          ['plan/no-plans', 'docs/features/rooms'],
          ['plan/misplaced-file', 'docs/features/rooms/BookRoom/bookroom-plan.md'],
          ['trace/use-case-without-plan', 'packages/rooms/src/application/book-room'],
        ],
      ],
      [
        'a plan folder renamed',
        { 'docs/features/rooms/Bookroom/Bookroom-plan.md': plan },
        [['trace/use-case-without-plan', 'packages/rooms/src/application/book-room']],
      ],
      [
        'a plan folder not in PascalCase',
        { 'docs/features/rooms/book-room/book-room-plan.md': plan },
        [
          ['plan/no-plans', 'docs/features/rooms'],
          ['plan/misplaced-file', 'docs/features/rooms/book-room/book-room-plan.md'],
          ['trace/use-case-without-plan', 'packages/rooms/src/application/book-room'],
        ],
      ],
      [
        'the plan deleted',
        {},
        [
          ['plan/no-plans', 'docs/features/rooms'],
          ['trace/use-case-without-plan', 'packages/rooms/src/application/book-room'],
        ],
      ],
      [
        'the module folder in another case',
        { 'docs/features/Rooms/BookRoom/BookRoom-plan.md': plan },
        [
          ['plan/misplaced-file', 'docs/features/Rooms'],
          ['plan/no-plans', 'docs/features/rooms'],
          ['trace/use-case-without-plan', 'packages/rooms/src/application/book-room'],
        ],
      ],
      [
        'a stray markdown file beside the plan',
        {
          'docs/features/rooms/BookRoom/BookRoom-plan.md': plan,
          'docs/features/rooms/BookRoom/notes.md': '# notes',
          'docs/features/rooms/ideas.md': '# ideas',
        },
        [
          ['plan/misplaced-file', 'docs/features/rooms/BookRoom/notes.md'],
          ['plan/misplaced-file', 'docs/features/rooms/ideas.md'],
        ],
      ],
    ])('%s', (_attack, files, expected) => {
      const result = moduleWith(files);

      expect(layoutFindings(result)).toEqual(expected);
      expect(result.findings.every((finding) => finding.severity === 'error')).toBe(true);
    });

    it('does not take a shared folder of the application layer for a use-case', () => {
      const result = moduleWith({
        'docs/features/rooms/BookRoom/BookRoom-plan.md': plan,
        'packages/rooms/src/application/ports/clock.port.ts': 'export interface Clock {}\n',
      });

      expect(layoutFindings(result)).toEqual([]);
    });

    it('names the expected plan path in the message', () => {
      const [finding] = moduleWith({}).findings.filter(
        (found) => found.ruleId === 'trace/use-case-without-plan',
      );

      expect(finding.message).toContain('expected docs/features/rooms/BookRoom/BookRoom-plan.md');
    });
  });
});
