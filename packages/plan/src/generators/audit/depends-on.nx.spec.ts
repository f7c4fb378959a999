/**
 * The audit's reading of `dependsOn` against Nx's own: for every entry the audit judges, the task
 * graph Nx builds has the edge `@org/billing:test` → `@org/billing:verify-plan` exactly when the
 * audit says "yes". Nx's task graph is internal API, used here only to check the audit, so that a
 * new Nx that reads `dependsOn` differently fails this test instead of fooling the audit.
 */
import type { ProjectGraph } from '@nx/devkit';
import { createTaskGraph } from 'nx/src/tasks-runner/create-task-graph';
import {
  BILLING,
  DEPENDS_ON_OTHER,
  DEPENDS_ON_OWN,
  PROJECTS,
} from '../../plan/__fixtures__/depends-on-entries';
import type { DependsOnEntry } from '../../plan/depends-on';

function nxSaysTestDependsOnOwnVerifyPlan(entry: DependsOnEntry): boolean {
  const target = (dependsOn?: DependsOnEntry[]) => ({
    executor: 'nx:noop',
    ...(dependsOn ? { dependsOn } : {}),
  });
  const graph = {
    nodes: Object.fromEntries(
      PROJECTS.map((project) => [
        project.name,
        {
          name: project.name,
          type: 'lib',
          data: {
            root: project.root,
            tags: [...(project.tags ?? [])],
            targets: {
              // Nx normalizes entries in place: each run gets its own copy.
              test: target(project === BILLING ? [structuredClone(entry)] : undefined),
              'verify-plan': target(),
              'verify-all': target(),
            },
          },
        },
      ]),
    ),
    dependencies: {
      [BILLING.name]: [{ source: BILLING.name, target: 'shipping', type: 'static' }],
      shipping: [],
      'billing-e2e': [],
    },
  } as unknown as ProjectGraph;
  const taskGraph = createTaskGraph(graph, {}, [BILLING.name], ['test'], undefined, {});
  return (taskGraph.dependencies[`${BILLING.name}:test`] ?? []).includes(
    `${BILLING.name}:verify-plan`,
  );
}

describe("the audit's reading of dependsOn, against Nx's task graph", () => {
  // Nx warns about the legacy "self" and "dependencies" strings.
  beforeEach(() => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each(DEPENDS_ON_OWN)('Nx too makes test depend on verify-plan for %s', (_case, entry) => {
    expect(nxSaysTestDependsOnOwnVerifyPlan(entry)).toBe(true);
  });

  it.each(DEPENDS_ON_OTHER)('Nx too leaves verify-plan out for %s', (_case, entry) => {
    expect(nxSaysTestDependsOnOwnVerifyPlan(entry)).toBe(false);
  });
});
