import {
  createProjectGraphAsync,
  logger,
  ProjectGraph,
  TargetConfiguration,
  Tree,
  updateNxJson,
  readNxJson,
} from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { UserInputError } from '../feature/lib/names';
import { auditGenerator } from './generator';

// The project graph is computed from disk by Nx; here it is given, as Nx would merge it.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(),
}));
const projectGraph = jest.mocked(createProjectGraphAsync);

const VERIFY_PLAN: TargetConfiguration = { executor: '@mjomeet/plan:verify-plan' };

function graphOf(
  projects: Record<string, { tags?: string[]; targets: Record<string, TargetConfiguration> }>,
): ProjectGraph {
  return {
    nodes: Object.fromEntries(
      Object.entries(projects).map(([name, { tags, targets }]) => [
        name,
        { name, type: 'lib', data: { root: `packages/${name}`, tags, targets } },
      ]),
    ),
    dependencies: {},
  };
}

describe('audit generator', () => {
  let tree: Tree;
  let info: jest.SpyInstance;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, {
      ...nxJson,
      plugins: [...(nxJson.plugins ?? []), '@mjomeet/plan'],
      targetDefaults: { test: { dependsOn: ['verify-plan'] } },
    });
    tree.write('docs/features/billing/Pay/Pay-plan.md', '# Pay\n');
    info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    projectGraph.mockReset();
  });

  afterEach(() => jest.restoreAllMocks());

  /** Every change the generator made to the tree, as paths. */
  const changesAfter = async (run: () => Promise<unknown>) => {
    const before = tree.listChanges().map((change) => `${change.type} ${change.path}`);
    await run().catch(() => undefined);
    return tree
      .listChanges()
      .map((change) => `${change.type} ${change.path}`)
      .filter((change) => !before.includes(change));
  };

  it('says in one line that a gated workspace passes, and writes nothing', async () => {
    projectGraph.mockResolvedValue(
      graphOf({
        billing: { targets: { 'verify-plan': VERIFY_PLAN, test: { dependsOn: ['verify-plan'] } } },
        tools: { targets: { test: {} } },
      }),
    );

    expect(await changesAfter(() => auditGenerator(tree))).toEqual([]);
    expect(info.mock.calls).toEqual([
      [
        '✔ 1 plan-required project audited: each has its own verify-plan target, and every gated target it has (build, test, typecheck, lint) depends on it.',
      ],
    ]);
  });

  it('fails with the list as the message of a UserInputError, and writes nothing', async () => {
    projectGraph.mockResolvedValue(
      graphOf({
        billing: {
          targets: {
            'verify-plan': { executor: 'nx:noop' },
            test: { executor: 'nx:run-commands', dependsOn: ['^build'] },
          },
        },
        catalog: { tags: ['plan:required'], targets: {} },
      }),
    );

    const audit = auditGenerator(tree);

    await expect(audit).rejects.toBeInstanceOf(UserInputError);
    await expect(audit).rejects.toThrow(
      /^✖ The plan audit found 3 problems in 2 plan-required projects:\nbilling:verify-plan {2}.+ {2}audit\/verify-plan-overridden\nbilling:test {2}.+ {2}audit\/ungated-target\ncatalog:verify-plan {2}.+ {2}audit\/no-verify-plan$/,
    );
    expect(await changesAfter(() => auditGenerator(tree))).toEqual([]);
    expect(info).not.toHaveBeenCalled();
  });

  it.each<[string, boolean, string]>([
    ['a use-case folder', true, 'docs/features/shipping/Ship/Ship-plan.md'],
    ['a misnamed use-case folder', true, 'docs/features/shipping/ship/Ship-plan.md'],
    ['a deeper folder', true, 'docs/features/shipping/a/b/Ship-plan.md'],
    ['the module folder itself', true, 'docs/features/shipping/Ship-plan.md'],
    [
      'a use-case folder, not named *-plan.md (a renamed plan)',
      true,
      'docs/features/shipping/Ship/README.md',
    ],
    ['a file that is no markdown', false, 'docs/features/shipping/Ship/flow.png'],
    ['the plans folder, beside the modules', false, 'docs/features/shipping-plan.md'],
    ['a folder outside the plans folder', false, 'docs/shipping/Ship/Ship-plan.md'],
  ])('the module of a file in %s is plan-required: %s', async (_case, planned, file) => {
    tree.write(file, '# Plan\n');
    projectGraph.mockResolvedValue(graphOf({ shipping: { targets: {} } }));

    const findings = await auditGenerator(tree).then(
      () => '',
      (error: Error) => error.message,
    );

    expect(findings.includes('shipping:verify-plan')).toBe(planned);
  });

  it("reads targetName and plansDir from the plugin's options in nx.json", async () => {
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, {
      ...nxJson,
      plugins: [
        { plugin: '@mjomeet/plan', options: { targetName: 'check-plan', plansDir: 'plans/' } },
      ],
    });
    tree.write('plans/shipping/Ship/Ship-plan.md', '# Ship\n');
    projectGraph.mockResolvedValue(
      graphOf({
        // docs/features/billing is not the plans folder any more.
        billing: { targets: {} },
        shipping: { targets: { 'check-plan': VERIFY_PLAN, test: { dependsOn: ['verify-plan'] } } },
      }),
    );

    await expect(auditGenerator(tree)).rejects.toThrow(
      /^✖ The plan audit found 1 problem in 1 plan-required project:\nshipping:test {2}shipping:test does not depend on shipping:check-plan .+/,
    );
  });

  it('says how to register the plugin when nx.json does not list it', async () => {
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, { ...nxJson, plugins: [] });
    projectGraph.mockResolvedValue(graphOf({ billing: { targets: {} } }));

    await expect(auditGenerator(tree)).rejects.toThrow(
      /Register the plugin, which infers the target: nx g @mjomeet\/plan:init\./,
    );
  });

  it.each<[string, string[] | undefined, string[]]>([
    [
      'by default, the targets init gates and those targetDefaults gate',
      undefined,
      ['e2e', 'lint', 'test'],
    ],
    ['with --gatedTargets, those only', ['e2e'], ['e2e']],
    ['with an empty --gatedTargets, the default', [], ['e2e', 'lint', 'test']],
  ])('judges, %s', async (_case, gatedTargets, judged) => {
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, {
      ...nxJson,
      targetDefaults: {
        e2e: { dependsOn: [{ target: 'verify-plan' }] },
        serve: { dependsOn: ['^build'] },
        '@nx/jest:jest': { dependsOn: ['verify-plan'] },
      },
    });
    const ungated = { executor: 'nx:run-commands' };
    projectGraph.mockResolvedValue(
      graphOf({
        billing: {
          targets: {
            'verify-plan': VERIFY_PLAN,
            test: ungated,
            lint: ungated,
            e2e: ungated,
            serve: ungated,
          },
        },
      }),
    );

    const message = await auditGenerator(tree, { gatedTargets }).then(
      () => '',
      (error: Error) => error.message,
    );

    expect([...message.matchAll(/^billing:(\S+) {2}/gm)].map((m) => m[1]).sort()).toEqual(judged);
  });
});
