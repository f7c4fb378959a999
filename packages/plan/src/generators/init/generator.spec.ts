import { readNxJson, Tree, updateNxJson } from '@nx/devkit';
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
    expect(nxJson?.targetDefaults?.test).toEqual([
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
