import {
  addProjectConfiguration,
  logger,
  readNxJson,
  readProjectConfiguration,
  Tree,
  updateNxJson,
} from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { AGENT_PROMPT_FILE, AGENTS_FILE, initGenerator, isPluginRegistered } from './generator';

describe('init generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  it('registers the plugin and makes the implementation targets depend on verify-plan', async () => {
    await initGenerator(tree, { skipFormat: true });

    const nxJson = readNxJson(tree);
    expect(nxJson?.plugins).toEqual(['@mjomeet/plan/plugin']);
    expect(isPluginRegistered(tree)).toBe(true);
    for (const target of ['build', 'test', 'typecheck', 'lint']) {
      expect(nxJson?.targetDefaults?.[target]).toMatchObject({ dependsOn: ['verify-plan'] });
    }
  });

  it('keeps what nx.json had and adds the gate to it', async () => {
    updateNxJson(tree, {
      ...readNxJson(tree),
      plugins: [{ plugin: '@nx/js/typescript', options: {} }],
      targetDefaults: {
        build: { dependsOn: ['^build'], cache: true },
        test: [{ filter: { executor: '@nx/jest:jest' }, dependsOn: ['^build'] }],
      },
    });

    await initGenerator(tree, { skipFormat: true });

    const nxJson = readNxJson(tree);
    expect(nxJson?.plugins).toEqual([
      { plugin: '@nx/js/typescript', options: {} },
      '@mjomeet/plan/plugin',
    ]);
    expect(nxJson?.targetDefaults?.build).toEqual({
      dependsOn: ['^build', 'verify-plan'],
      cache: true,
    });
    // Filtered entries only would leave test targets of other executors ungated: an unfiltered
    // entry gates them all.
    expect(nxJson?.targetDefaults?.test).toEqual([
      { dependsOn: ['verify-plan'] },
      { filter: { executor: '@nx/jest:jest' }, dependsOn: ['^build', 'verify-plan'] },
    ]);
  });

  it('is idempotent: a second run changes nothing', async () => {
    await initGenerator(tree, { skipFormat: true, agents: true });
    const first = new Map(
      ['nx.json', AGENTS_FILE, AGENT_PROMPT_FILE].map((f) => [f, tree.read(f, 'utf-8')]),
    );

    await initGenerator(tree, { skipFormat: true, agents: true });

    for (const [file, content] of first) expect(tree.read(file, 'utf-8')).toBe(content);
  });

  it.each([
    ['the package', '@mjomeet/plan'],
    ['the plugin entry', '@mjomeet/plan/plugin'],
  ])('keeps a registration under %s name (%s) and adds no second one', async (_case, name) => {
    updateNxJson(tree, {
      ...readNxJson(tree),
      plugins: [{ plugin: name, options: { plansDir: 'specs' } }],
    });

    expect(isPluginRegistered(tree)).toBe(true);
    await initGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: name, options: { plansDir: 'specs' } }]);
  });

  it('uses the target name it is given, in the plugin options and in the gate', async () => {
    await initGenerator(tree, {
      skipFormat: true,
      targetName: 'check-plan',
      gatedTargets: ['test'],
    });

    const nxJson = readNxJson(tree);
    expect(nxJson?.plugins).toContainEqual({
      plugin: '@mjomeet/plan/plugin',
      options: { targetName: 'check-plan' },
    });
    expect(nxJson?.targetDefaults?.test).toMatchObject({ dependsOn: ['check-plan'] });
    expect(JSON.stringify(nxJson?.targetDefaults?.build ?? {})).not.toContain('check-plan');
  });

  describe('the report verify-evidence reads', () => {
    const REPORT_OUTPUT = '{projectRoot}/jest-results.json';

    it('makes a project.json jest test target write it, as a cached output', async () => {
      addProjectConfiguration(tree, 'billing', {
        root: 'libs/billing',
        targets: {
          test: {
            executor: 'nx:run-commands',
            outputs: ['{workspaceRoot}/coverage/{projectRoot}'],
            options: { command: 'jest --config libs/billing/jest.config.ts' },
          },
        },
      });

      await initGenerator(tree, { skipFormat: true });

      expect(readProjectConfiguration(tree, 'billing').targets?.test).toEqual({
        executor: 'nx:run-commands',
        outputs: ['{workspaceRoot}/coverage/{projectRoot}', REPORT_OUTPUT],
        options: {
          command:
            'jest --config libs/billing/jest.config.ts --json --outputFile={projectRoot}/jest-results.json',
        },
      });
    });

    it('writes it relative to a run-commands cwd, where jest resolves it', async () => {
      addProjectConfiguration(tree, 'billing', {
        root: 'libs/billing',
        targets: {
          test: {
            executor: 'nx:run-commands',
            options: { command: 'npx jest', cwd: '{projectRoot}' },
          },
        },
      });

      await initGenerator(tree, { skipFormat: true });

      const test = readProjectConfiguration(tree, 'billing').targets?.test;
      expect(test?.options.command).toBe('npx jest --json --outputFile=jest-results.json');
      expect(test?.outputs).toEqual([REPORT_OUTPUT]);
    });

    it('sets up an @nx/jest:jest target through its options', async () => {
      addProjectConfiguration(tree, 'billing', {
        root: 'libs/billing',
        targets: {
          test: {
            executor: '@nx/jest:jest',
            options: { jestConfig: 'libs/billing/jest.config.ts' },
          },
        },
      });

      await initGenerator(tree, { skipFormat: true });

      expect(readProjectConfiguration(tree, 'billing').targets?.test).toEqual({
        executor: '@nx/jest:jest',
        options: {
          jestConfig: 'libs/billing/jest.config.ts',
          json: true,
          outputFile: REPORT_OUTPUT,
        },
        outputs: ['{workspaceRoot}/coverage/{projectRoot}', REPORT_OUTPUT],
      });
    });

    it("sets up the test targets @nx/jest/plugin infers, keeping the plugin's outputs and the gate", async () => {
      updateNxJson(tree, {
        ...readNxJson(tree),
        plugins: [{ plugin: '@nx/jest/plugin', options: { targetName: 'unit' } }],
        targetDefaults: { unit: { dependsOn: ['^build'] } },
      });

      await initGenerator(tree, { skipFormat: true, gatedTargets: ['unit'] });
      await initGenerator(tree, { skipFormat: true, gatedTargets: ['unit'] });

      expect(readNxJson(tree)?.targetDefaults?.unit).toEqual([
        { dependsOn: ['^build', 'verify-plan'] },
        {
          filter: { plugin: '@nx/jest/plugin' },
          options: { args: ['--json', '--outputFile=jest-results.json'] },
          outputs: ['...', REPORT_OUTPUT],
        },
      ]);
    });

    it("gates a target whose defaults are the report's entry alone (it would gate nothing)", async () => {
      const report = {
        filter: { plugin: '@nx/jest/plugin' },
        options: { args: ['--json', '--outputFile=jest-results.json'] },
        outputs: ['...', REPORT_OUTPUT],
      };
      updateNxJson(tree, { ...readNxJson(tree), targetDefaults: { test: [report] } });

      await initGenerator(tree, { skipFormat: true });

      expect(readNxJson(tree)?.targetDefaults?.test).toEqual([
        { dependsOn: ['verify-plan'] },
        report,
      ]);
    });

    it('leaves a test target that does not run jest as it is, and says what it needs', async () => {
      addProjectConfiguration(tree, 'web', {
        root: 'apps/web',
        targets: { test: { executor: '@nx/vite:test', options: {} } },
      });
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

      await initGenerator(tree, { skipFormat: true });

      expect(readProjectConfiguration(tree, 'web').targets?.test).toEqual({
        executor: '@nx/vite:test',
        options: {},
      });
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(
          "web:test does not run jest (@nx/vite:test), so it was left as it is. verify-evidence reads jest's --json report at apps/web/jest-results.json",
        ),
      );
      warn.mockRestore();
    });

    it('adds the report to .gitignore once, and a second run changes nothing', async () => {
      tree.write('.gitignore', 'node_modules\n/dist\n');
      addProjectConfiguration(tree, 'billing', {
        root: 'libs/billing',
        targets: { test: { command: 'jest' } },
      });

      await initGenerator(tree, { skipFormat: true });
      const project = tree.read('libs/billing/project.json', 'utf-8');
      await initGenerator(tree, { skipFormat: true });

      expect(tree.read('.gitignore', 'utf-8')).toBe(
        "node_modules\n/dist\n\n# jest's results, read by verify-evidence\njest-results.json\n",
      );
      expect(tree.read('libs/billing/project.json', 'utf-8')).toBe(project);
      expect(readProjectConfiguration(tree, 'billing').targets?.test).toMatchObject({
        command: 'jest --json --outputFile={projectRoot}/jest-results.json',
        outputs: [REPORT_OUTPUT],
      });
    });

    it('--skipTestReports leaves the test targets alone', async () => {
      addProjectConfiguration(tree, 'billing', {
        root: 'libs/billing',
        targets: { test: { command: 'jest' } },
      });

      await initGenerator(tree, { skipFormat: true, skipTestReports: true });

      expect(readProjectConfiguration(tree, 'billing').targets?.test).toEqual({ command: 'jest' });
    });
  });

  describe('--agents', () => {
    it('is opt-in', async () => {
      await initGenerator(tree, { skipFormat: true });

      expect(tree.exists(AGENT_PROMPT_FILE)).toBe(false);
      expect(tree.exists(AGENTS_FILE)).toBe(false);
    });

    it('writes the prompt file and an AGENTS.md section', async () => {
      await initGenerator(tree, { skipFormat: true, agents: true });

      const prompt = tree.read(AGENT_PROMPT_FILE, 'utf-8') ?? '';
      expect(prompt).toMatch(/^---\nmode: 'agent'\n/);
      expect(prompt).toContain('npx nx g @mjomeet/plan:feature');
      expect(prompt).toContain('verify-plan --format=json');
      expect(prompt).toContain('approval/missing');
      expect(prompt).toContain('Do not approve it yourself');
      expect(prompt).toContain('TODO(plan)');
      const agents = tree.read(AGENTS_FILE, 'utf-8') ?? '';
      expect(agents).toContain('.github/prompts/plan-feature.prompt.md');
      expect(agents.match(/@mjomeet\/plan:agents:start/g)).toHaveLength(1);
    });

    it('never overwrites a prompt file a person wrote', async () => {
      tree.write(AGENT_PROMPT_FILE, 'our own prompt\n');

      await initGenerator(tree, { skipFormat: true, agents: true });

      expect(tree.read(AGENT_PROMPT_FILE, 'utf-8')).toBe('our own prompt\n');
    });

    it('appends its section to an existing AGENTS.md once, keeping what is there', async () => {
      tree.write(AGENTS_FILE, '# Our agents\n\nBe kind.\n');

      await initGenerator(tree, { skipFormat: true, agents: true });
      await initGenerator(tree, { skipFormat: true, agents: true });

      const agents = tree.read(AGENTS_FILE, 'utf-8') ?? '';
      expect(
        agents.startsWith('# Our agents\n\nBe kind.\n\n<!-- @mjomeet/plan:agents:start -->'),
      ).toBe(true);
      expect(agents.match(/@mjomeet\/plan:agents:start/g)).toHaveLength(1);
    });
  });
});
