/**
 * The feature generator under a workspace's configuration (the plugin's options in nx.json):
 * where plans go, the team's sections and items, profiles, and a broken configuration refused.
 */
import { readNxJson, Tree, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { loadConfig } from '../../plan/config/load';
import { verifyPlan } from '../../plan/verify';
import { featureGenerator } from './generator';

// Nx's jest set-up, which the module project's creation composes, reads the project graph to
// register its plugin; a unit test has no workspace on disk to compute one from.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(async () => ({ nodes: {}, dependencies: {} })),
}));

// Creating a module project runs Nx's library and jest generators: seconds, not milliseconds.
jest.setTimeout(60_000);

function workspaceWith(options: Record<string, unknown>): Tree {
  const tree = createTreeWithEmptyWorkspace();
  const nxJson = readNxJson(tree) ?? {};
  updateNxJson(tree, { ...nxJson, plugins: [{ plugin: '@mjomeet/plan', options }] });
  return tree;
}

const run = (tree: Tree, extra: Record<string, unknown> = {}) =>
  featureGenerator(tree, { module: 'rooms', useCase: 'BookRoom', skipFormat: true, ...extra });

describe('feature generator, configured', () => {
  it('writes the plan under plansDir', async () => {
    const tree = workspaceWith({ plansDir: 'specs' });

    await run(tree, { skipCode: true });

    expect(tree.exists('specs/rooms/BookRoom/BookRoom-plan.md')).toBe(true);
    expect(tree.exists('docs/features/rooms/BookRoom/BookRoom-plan.md')).toBe(false);
  });

  it("renders the team's sections and items, which the rules then require", async () => {
    const options = {
      sections: [
        {
          id: 'rollout',
          title: 'Rollout and rollback',
          guidance: 'how it is rolled out, and back.',
        },
      ],
      checklists: [
        {
          section: 'feature-checklist',
          group: 'Security & Privacy',
          items: ['Data retention period agreed with the DPO'],
        },
      ],
    };
    const tree = workspaceWith(options);

    await run(tree, { skipCode: true });

    const file = 'docs/features/rooms/BookRoom/BookRoom-plan.md';
    const plan = tree.read(file, 'utf-8')!;
    expect(plan).toContain(
      '\n## Rollout and rollback\n\n<!-- How it is rolled out, and back. -->\n\nTODO(plan)\n\n## Approval\n',
    );
    expect(plan).toContain('- [ ] Data retention period agreed with the DPO\n');
    const config = loadConfig(options, tree.root);
    const withoutItem = plan.replace('- [ ] Data retention period agreed with the DPO\n', '');
    expect(
      verifyPlan({ file, text: withoutItem, config }).map(
        (f) => `${f.ruleId}:${f.data.item ?? ''}`,
      ),
    ).toContain('checklist/item-missing:Data retention period agreed with the DPO');
  });

  it('writes a lighter plan for a profile the module may use, recording the profile', async () => {
    const tree = workspaceWith({
      profiles: {
        lite: {
          omitSections: ['event-storming', 'performance'],
          omitItems: ['Performance testing'],
          modules: ['rooms'],
        },
      },
    });

    await run(tree, { skipCode: true, profile: 'lite' });

    const plan = tree.read('docs/features/rooms/BookRoom/BookRoom-plan.md', 'utf-8')!;
    expect(plan).toMatch(
      /^---\nmodule: rooms\nuseCase: BookRoom\nprofile: lite\nstatus: draft\n---/,
    );
    expect(plan).not.toContain('## Domain event storming');
    expect(plan).not.toContain('## Performance and scalability');
    expect(plan).not.toContain('- [ ] Performance testing\n');
    expect(plan).toContain('- [ ] Threat model completed\n');
  });

  it.each([
    [
      { profiles: { lite: { modules: ['billing'] } } },
      { profile: 'lite' },
      'The module "rooms" may not use the profile "lite"',
    ],
    [{}, { profile: 'lite' }, 'There is no profile "lite"'],
    [{ rules: { 'plan/nope': 'off' } }, {}, 'there is no rule "plan/nope"'],
    [{ plansDir: '../out' }, {}, 'plansDir "../out" must be a folder inside the workspace'],
  ])('refuses %j with %j, writing nothing', async (options, extra, message) => {
    const tree = workspaceWith(options);
    const before = tree.listChanges().length;

    await expect(run(tree, extra)).rejects.toThrow(message);
    expect(tree.listChanges()).toHaveLength(before);
  });
});
