import nx from '@nx/eslint-plugin';

/** Nx itself: the kernel and the modules built on it must work without it. */
const nxPackages = ['nx', 'nx/*', '@nx/*'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc'],
  },
  {
    // A disable comment that suppresses nothing is an error, so every one left means something.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // The layers of docs/architecture.md, as project tags (each project.json's `tags`).
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            // The Nx plugin (`plan`): Nx and the plan model; no workspace library.
            { sourceTag: 'scope:plugin', onlyDependOnLibsWithTags: ['scope:plugin'] },
            // The DDD kernel (`ddd`): nothing of the plugin, and no Nx.
            {
              sourceTag: 'scope:kernel',
              onlyDependOnLibsWithTags: ['scope:kernel'],
              bannedExternalImports: nxPackages,
            },
            // The worked example (`identity`): the kernel, never the plugin, and no Nx.
            {
              sourceTag: 'scope:example',
              onlyDependOnLibsWithTags: ['scope:kernel'],
              bannedExternalImports: nxPackages,
            },
            // The end-to-end suite drives the packed packages from outside.
            {
              sourceTag: 'scope:e2e',
              onlyDependOnLibsWithTags: ['scope:plugin', 'scope:kernel'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'],
    rules: {
      // Nx's preset turns it off; a lazy require() must say why with a disable comment.
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
];
