import { logger } from '@nx/devkit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createNodesV2, PlanPluginOptions } from './plugin';

describe('createNodesV2: the inferred verify-plan target', () => {
  let root: string;
  const [glob, createNodes] = createNodesV2;

  const write = (path: string, content = '') => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const project = (path: string, name: string) => write(path, JSON.stringify({ name }));
  const infer = (files: string[], options?: PlanPluginOptions) =>
    createNodes(files, options, { workspaceRoot: root, nxJsonConfiguration: {} });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'plan-plugin-'));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('matches project files and plans', () => {
    expect(glob).toBe('{**/project.json,**/package.json,**/*.md}');
  });

  it('adds a cacheable verify-plan target, with exact inputs, to a project that has plans', async () => {
    project('packages/zeta/project.json', 'zeta');
    project('packages/other/project.json', 'other');

    const results = await infer([
      'packages/zeta/project.json',
      'packages/other/project.json',
      'docs/features/zeta/BookRoom/BookRoom-plan.md',
    ]);

    expect(results).toHaveLength(1);
    const [file, result] = results[0];
    expect(file).toBe('packages/zeta/project.json');
    const target = result.projects?.['packages/zeta']?.targets?.['verify-plan'];
    expect(target).toMatchObject({
      executor: '@mjomeet/plan:verify-plan',
      cache: true,
      options: { plansDir: 'docs/features/zeta' },
      outputs: ['{options.outputFile}'],
    });
    expect(target?.inputs?.slice(0, 2)).toEqual([
      '{workspaceRoot}/docs/features/[zZ][eE][tT][aA]/**/*',
      '{projectRoot}/src/**/*',
    ]);
    // What proved approvals depend on: the plans folder's last commit, a shallow clone, CI.
    expect(target?.inputs?.slice(2, 5)).toEqual([
      { runtime: 'git log -1 --format=%H -- "docs/features/zeta"' },
      { runtime: 'git rev-parse --is-shallow-repository' },
      { env: 'CI' },
    ]);
    // The plugin's own version (or, built from this repository, its sources) is an input too.
    expect(target?.inputs).toHaveLength(6);
  });

  it('adds the files the approval policy reads to the inputs: CODEOWNERS, allowed signers, git signing settings', async () => {
    project('packages/zeta/project.json', 'zeta');

    const [[, result]] = await infer(
      ['packages/zeta/project.json', 'docs/features/zeta/BookRoom/BookRoom-plan.md'],
      {
        approval: {
          approvers: 'codeowners',
          requireSignedApprovals: true,
          allowedSigners: '.github/allowed_signers',
        },
      },
    );

    const target = result.projects?.['packages/zeta']?.targets?.['verify-plan'];
    expect(target?.inputs).toEqual(
      expect.arrayContaining([
        '{workspaceRoot}/.github/CODEOWNERS',
        '{workspaceRoot}/CODEOWNERS',
        '{workspaceRoot}/docs/CODEOWNERS',
        '{workspaceRoot}/.github/allowed_signers',
        { runtime: 'git config --get-regexp ^gpg' },
      ]),
    );
    // And the policy itself is in the options, so in the cache key.
    expect(target?.options?.config).toEqual({
      approval: {
        approvers: 'codeowners',
        requireSignedApprovals: true,
        allowedSigners: '.github/allowed_signers',
      },
    });
  });

  it('infers nothing for a project without plans or tag, and ignores markdown elsewhere', async () => {
    project('packages/zeta/project.json', 'zeta');

    expect(
      await infer(['packages/zeta/project.json', 'docs/zeta.md', 'packages/zeta/README.md']),
    ).toEqual([]);
  });

  it.each([
    ['a misnamed plan', 'docs/features/zeta/BookRoom/bookroom-plan.md'],
    ['a plan folder renamed', 'docs/features/zeta/Bookroom/Bookroom-plan.md'],
    ['a stray markdown file', 'docs/features/zeta/notes.md'],
  ])('keeps the target when the module has %s only: verify-plan reports it', async (_, file) => {
    project('packages/zeta/project.json', 'zeta');

    expect(await infer(['packages/zeta/project.json', file])).toHaveLength(1);
  });

  it('keeps the target on a project tagged plan:required that has no plan (yet, or any more)', async () => {
    write('packages/zeta/project.json', JSON.stringify({ name: 'zeta', tags: ['plan:required'] }));

    const results = await infer(['packages/zeta/project.json']);

    expect(results[0][1].projects?.['packages/zeta']?.targets?.['verify-plan']).toBeDefined();
  });

  describe('projects defined by package.json (npm workspaces)', () => {
    beforeEach(() => {
      write('package.json', JSON.stringify({ name: 'root', workspaces: ['packages/*'] }));
    });

    it('gates a package.json project with plans, by its unscoped name', async () => {
      write('packages/billing/package.json', JSON.stringify({ name: '@org/billing' }));

      const results = await infer([
        'package.json',
        'packages/billing/package.json',
        'docs/features/billing/IssueInvoice/IssueInvoice-plan.md',
      ]);

      expect(results).toHaveLength(1);
      expect(results[0][0]).toBe('packages/billing/package.json');
      expect(results[0][1].projects?.['packages/billing']?.targets?.['verify-plan']).toMatchObject({
        options: { plansDir: 'docs/features/billing' },
      });
    });

    it('reads tags from package.json nx.tags, and a plan:module tag names the module', async () => {
      write(
        'packages/invoicing/package.json',
        JSON.stringify({
          name: '@org/invoicing',
          nx: { tags: ['plan:required', 'plan:module:billing'] },
        }),
      );

      const results = await infer(['packages/invoicing/package.json']);

      expect(
        results[0][1].projects?.['packages/invoicing']?.targets?.['verify-plan'],
      ).toMatchObject({
        options: { plansDir: 'docs/features/billing' },
      });
    });

    it('ignores a package.json outside the workspaces, as Nx does', async () => {
      write('tools/billing/package.json', JSON.stringify({ name: 'billing' }));
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

      expect(
        await infer(['tools/billing/package.json', 'docs/features/billing/X/X-plan.md']),
      ).toEqual([]);
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it('does not warn "no project" for a module a package.json project implements', async () => {
      write('packages/billing/package.json', JSON.stringify({ name: '@org/billing' }));
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

      await infer(['packages/billing/package.json', 'docs/features/billing/X/X-plan.md']);

      expect(warn).not.toHaveBeenCalled();
    });
  });

  it('warns about plans whose module has no project, naming the folder and what to do', async () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

    await infer(['docs/features/ghost/BookRoom/BookRoom-plan.md']);

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(
      /docs\/features\/ghost has plans but no Nx project has the module "ghost".*nx g @mjomeet\/plan:feature --module=ghost.*plan:module:ghost/,
    );
  });

  it('honours targetName and plansDir', async () => {
    project('libs/zeta/project.json', 'zeta');

    const results = await infer(
      ['libs/zeta/project.json', 'plans/zeta/BookRoom/BookRoom-plan.md'],
      { targetName: 'check-plan', plansDir: 'plans/' },
    );

    const targets = results[0][1].projects?.['libs/zeta']?.targets ?? {};
    expect(Object.keys(targets)).toEqual(['check-plan', 'verify-evidence']);
    expect(targets['check-plan'].options).toEqual({
      plansDir: 'plans/zeta',
      config: { plansDir: 'plans/' },
    });
  });

  it('carries the configuration in the target options (its cache key) and custom rules as inputs', async () => {
    project('libs/zeta/project.json', 'zeta');
    const options = {
      rules: { 'trace/spec-drift': 'error' as const },
      customRules: ['tools/plan-rules/dpo.js'],
    };

    const results = await infer(
      ['libs/zeta/project.json', 'docs/features/zeta/A/A-plan.md'],
      options,
    );

    const target = results[0][1].projects?.['libs/zeta']?.targets?.['verify-plan'];
    expect(target?.options).toEqual({ plansDir: 'docs/features/zeta', config: options });
    expect(target?.inputs).toContain('{workspaceRoot}/tools/plan-rules/dpo.js');
  });

  it('skips a project.json it cannot read', async () => {
    write('packages/broken/project.json', '{ not json');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

    expect(
      await infer(['packages/broken/project.json', 'docs/features/broken/X/X-plan.md']),
    ).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  describe('the inferred verify-evidence target', () => {
    it('follows the test target, reads its report, and is cached on the plans and that report', async () => {
      project('packages/zeta/project.json', 'zeta');

      const results = await infer([
        'packages/zeta/project.json',
        'docs/features/zeta/BookRoom/BookRoom-plan.md',
      ]);

      const target = results[0][1].projects?.['packages/zeta']?.targets?.['verify-evidence'];
      expect(target).toMatchObject({
        executor: '@mjomeet/plan:verify-evidence',
        dependsOn: ['test'],
        cache: true,
        options: { plansDir: 'docs/features/zeta', config: {} },
        outputs: ['{options.outputFile}'],
      });
      expect(target?.inputs?.slice(0, 2)).toEqual([
        '{workspaceRoot}/docs/features/[zZ][eE][tT][aA]/**/*',
        { dependentTasksOutputFiles: '**/jest-results.json' },
      ]);
    });

    it('is named, follows the target and reads the report the configuration says', async () => {
      project('packages/zeta/project.json', 'zeta');
      const evidence = {
        targetName: 'check-evidence',
        testTarget: 'unit',
        report: 'out/jest.json',
      };

      const results = await infer(
        ['packages/zeta/project.json', 'docs/features/zeta/A/A-plan.md'],
        { evidence },
      );

      const targets = results[0][1].projects?.['packages/zeta']?.targets ?? {};
      expect(Object.keys(targets)).toEqual(['verify-plan', 'check-evidence']);
      expect(targets['check-evidence']).toMatchObject({
        dependsOn: ['unit'],
        options: { config: { evidence } },
      });
      expect(targets['check-evidence'].inputs).toContainEqual({
        dependentTasksOutputFiles: '**/jest.json',
      });
    });
  });
});
