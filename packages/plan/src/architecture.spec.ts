/**
 * The boundaries of docs/architecture.md, as lint enforces them. Code that crosses a boundary is
 * linted as a file of the project it would be in, with that project's real ESLint config, and
 * must fail with the rule that guards the boundary; code on the right side must pass.
 *
 * `@nx/enforce-module-boundaries` reads the project graph Nx cached for this run (tags included),
 * so run this through Nx (`npm test`, `npx nx test plan`), not through jest alone.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';

const WORKSPACE_ROOT = join(__dirname, '..', '..', '..');

type Project = 'plan' | 'ddd' | 'identity';

const linters = new Map<Project, ESLint>();

/** The errors ESLint reports for `code` as the file `file` of `project`: `ruleId: message`. */
async function lintErrors(project: Project, file: string, code: string): Promise<string[]> {
  const cwd = join(WORKSPACE_ROOT, 'packages', project);
  let eslint = linters.get(project);
  if (!eslint) {
    eslint = new ESLint({ cwd });
    linters.set(project, eslint);
  }
  const [result] = await eslint.lintText(code, { filePath: join(cwd, file) });
  return result.messages
    .filter((message) => message.severity === 2)
    .map((message) => `${message.ruleId}: ${message.message}`);
}

const MODEL_FILE = 'src/plan/boundary-probe.ts';
const MODEL_RULE_FILE = 'src/plan/rules/boundary-probe.ts';
const SEE_ARCHITECTURE = '; see "The model knows no Nx" in docs/architecture.md.';
const NO_NX_IN_MODEL = `The plan model imports nothing of Nx or the plugin${SEE_ARCHITECTURE}`;
const NO_SHELL_IN_MODEL = `The plan model imports nothing of the plugin's shells${SEE_ARCHITECTURE}`;
const REQUIRE_WITH_REASON = '// eslint-disable-next-line @typescript-eslint/no-require-imports\n';

describe('the architecture is enforced by lint', () => {
  it.each<[string, Project, string, string, string | string[]]>([
    // The plan model knows no Nx, in any form of import.
    [
      'a static import of @nx/devkit',
      'plan',
      MODEL_FILE,
      "import { Tree } from '@nx/devkit';\nexport type T = Tree;\n",
      `@typescript-eslint/no-restricted-imports: '@nx/devkit' import is restricted from being used by a pattern. ${NO_NX_IN_MODEL}`,
    ],
    [
      'a type-only import of @nx/devkit',
      'plan',
      MODEL_FILE,
      "import type { Tree } from '@nx/devkit';\nexport type T = Tree;\n",
      `@typescript-eslint/no-restricted-imports: '@nx/devkit' import is restricted from being used by a pattern. ${NO_NX_IN_MODEL}`,
    ],
    [
      "a deep import of nx's sources",
      'plan',
      MODEL_FILE,
      "import { readJsonFile } from 'nx/src/devkit-exports';\nexport const read = readJsonFile;\n",
      `@typescript-eslint/no-restricted-imports: 'nx/src/devkit-exports' import is restricted from being used by a pattern. ${NO_NX_IN_MODEL}`,
    ],
    [
      'a lazy require() of @nx/devkit',
      'plan',
      MODEL_FILE,
      `${REQUIRE_WITH_REASON}export const devkit = require('@nx/devkit');\n`,
      `no-restricted-syntax: ${NO_NX_IN_MODEL}`,
    ],
    [
      'a dynamic import() of nx',
      'plan',
      MODEL_FILE,
      "export const nx = import('nx');\n",
      `no-restricted-syntax: ${NO_NX_IN_MODEL}`,
    ],
    [
      'a typeof import() of @nx/devkit',
      'plan',
      MODEL_FILE,
      "export type Devkit = typeof import('@nx/devkit');\n",
      `no-restricted-syntax: ${NO_NX_IN_MODEL}`,
    ],
    [
      "the plugin's own entry point",
      'plan',
      MODEL_FILE,
      "import { createNodesV2 } from '@mjomeet/plan';\nexport const c = createNodesV2;\n",
      [
        '@nx/enforce-module-boundaries: Projects should use relative imports to import from other files within the same project. Use "./path/to/file" instead of import from "@mjomeet/plan"',
        `@typescript-eslint/no-restricted-imports: '@mjomeet/plan' import is restricted from being used by a pattern. ${NO_NX_IN_MODEL}`,
      ],
    ],
    // Nor the shells around it.
    [
      'a generator',
      'plan',
      MODEL_FILE,
      "import { toNames } from '../generators/feature/lib/names';\nexport const n = toNames;\n",
      `@typescript-eslint/no-restricted-imports: '../generators/feature/lib/names' import is restricted from being used by a pattern. ${NO_SHELL_IN_MODEL}`,
    ],
    [
      'the executor',
      'plan',
      MODEL_FILE,
      "import executor from '../executors/verify-plan/executor';\nexport const e = executor;\n",
      `@typescript-eslint/no-restricted-imports: '../executors/verify-plan/executor' import is restricted from being used by a pattern. ${NO_SHELL_IN_MODEL}`,
    ],
    [
      'the project-graph plugin',
      'plan',
      MODEL_FILE,
      "import { createNodesV2 } from '../plugins/plugin';\nexport const c = createNodesV2;\n",
      `@typescript-eslint/no-restricted-imports: '../plugins/plugin' import is restricted from being used by a pattern. ${NO_SHELL_IN_MODEL}`,
    ],
    [
      'the utils, from a rule two folders down',
      'plan',
      MODEL_RULE_FILE,
      "import { formatSnippet } from '../../utils/prettier';\nexport const f = formatSnippet;\n",
      `@typescript-eslint/no-restricted-imports: '../../utils/prettier' import is restricted from being used by a pattern. ${NO_SHELL_IN_MODEL}`,
    ],
    // A lazy require() says why; a disable comment that suppresses nothing is itself an error.
    [
      'a require() without a disable comment',
      'plan',
      MODEL_FILE,
      "export const yaml = require('yaml');\n",
      '@typescript-eslint/no-require-imports: A `require()` style import is forbidden.',
    ],
    [
      'a disable comment that suppresses nothing',
      'plan',
      MODEL_FILE,
      `${REQUIRE_WITH_REASON}export const yaml = 1;\n`,
      "null: Unused eslint-disable directive (no problems were reported from '@typescript-eslint/no-require-imports').",
    ],
    // The kernel imports nothing of the plugin, and no Nx.
    [
      'the plugin, from the kernel',
      'ddd',
      'src/lib/boundary-probe.ts',
      "import { createNodesV2 } from '@mjomeet/plan';\nexport const c = createNodesV2;\n",
      '@nx/enforce-module-boundaries: A project tagged with "scope:kernel" can only depend on libs tagged with "scope:kernel"',
    ],
    [
      'Nx, from the kernel',
      'ddd',
      'src/lib/boundary-probe.ts',
      "import { Tree } from '@nx/devkit';\nexport type T = Tree;\n",
      '@nx/enforce-module-boundaries: A project tagged with "scope:kernel" is not allowed to import "@nx/devkit"',
    ],
    // The worked example builds on the kernel, never on the plugin.
    [
      'the plugin, from the worked example',
      'identity',
      'src/boundary-probe.ts',
      "import { createNodesV2 } from '@mjomeet/plan';\nexport const c = createNodesV2;\n",
      '@nx/enforce-module-boundaries: A project tagged with "scope:example" can only depend on libs tagged with "scope:kernel"',
    ],
    [
      "the plan model's file, by a relative path from the worked example",
      'identity',
      'src/boundary-probe.ts',
      "import { SECTIONS } from '../../plan/src/plan/catalog';\nexport const s = SECTIONS;\n",
      '@nx/enforce-module-boundaries: Projects cannot be imported by a relative or absolute path, and must begin with a npm scope',
    ],
    [
      'Nx, from the worked example',
      'identity',
      'src/boundary-probe.ts',
      "import { Tree } from '@nx/devkit';\nexport type T = Tree;\n",
      '@nx/enforce-module-boundaries: A project tagged with "scope:example" is not allowed to import "@nx/devkit"',
    ],
  ])('refuses %s', async (_case, project, file, code, errors) => {
    expect((await lintErrors(project, file, code)).sort()).toEqual([errors].flat().sort());
  });

  it.each<[string, Project, string, string]>([
    [
      'the model importing its libraries and itself',
      'plan',
      MODEL_FILE,
      "import { parse } from 'yaml';\nimport { SECTIONS } from './catalog';\nexport const both = [parse, SECTIONS];\n",
    ],
    [
      'a rule importing the model',
      'plan',
      MODEL_RULE_FILE,
      "import { SECTIONS } from '../catalog';\nexport const s = SECTIONS;\n",
    ],
    [
      'the model requiring a library lazily, with its reason',
      'plan',
      MODEL_FILE,
      `${REQUIRE_WITH_REASON}export const yaml = require('yaml');\n`,
    ],
    [
      'a generator importing Nx and the model',
      'plan',
      'src/generators/boundary-probe.ts',
      "import type { Tree } from '@nx/devkit';\nimport { SECTIONS } from '../plan/catalog';\nexport const both = (tree: Tree) => [tree, SECTIONS];\n",
    ],
    [
      'the worked example importing the kernel',
      'identity',
      'src/boundary-probe.ts',
      "import { ok } from '@mjomeet/ddd';\nexport const o = ok;\n",
    ],
  ])('allows %s', async (_case, project, file, code) => {
    expect(await lintErrors(project, file, code)).toEqual([]);
  });
});
