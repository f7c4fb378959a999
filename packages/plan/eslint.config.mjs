import baseConfig from '../../eslint.config.mjs';

/**
 * The plan model (src/plan) knows no Nx (docs/architecture.md): no `nx` or `@nx/*` package, not
 * the plugin's entry point, and nothing of the shells around it (generators, executors, plugins,
 * utils). Module boundaries work per project, and the model lives inside the plugin's project,
 * so this is checked by import path. One pattern serves static imports, `import()`, `require()`
 * and `typeof import()`.
 */
const forbiddenInModel = [
  { regex: '^(nx|@nx/[^/]+|@mjomeet/plan)(/.*)?$', what: 'Nx or the plugin' },
  {
    regex: '^(\\.\\./)+(generators|executors|plugins|utils|index)(/.*)?$|^\\.\\.(/\\.\\.)*/?$',
    what: "the plugin's shells",
  },
];
const why = (what) =>
  `The plan model imports nothing of ${what}; see "The model knows no Nx" in docs/architecture.md.`;
const selectorsFor = (regex) => [
  `CallExpression[callee.name='require'][arguments.0.value=/${regex}/]`,
  `ImportExpression[source.value=/${regex}/]`,
  `TSImportType[argument.literal.value=/${regex}/]`,
];

export default [
  ...baseConfig,
  {
    // Templates of generated code (.template, .ejs): not this project's code.
    ignores: ['src/generators/*/files/**'],
  },
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'],
          // feature installs @nx/js with ensurePackage when a workspace lacks it, as Nx's own
          // generators do: a dependency of the workspace, not of the plugin.
          ignoredDependencies: ['@nx/js'],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
  {
    // The model's sources; its specs may check a generator against it (template.spec.ts).
    files: ['src/plan/**/*.ts'],
    ignores: ['src/plan/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: forbiddenInModel.map(({ regex, what }) => ({ regex, message: why(what) })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...forbiddenInModel.flatMap(({ regex, what }) =>
          selectorsFor(regex.replaceAll('/', '\\/')).map((selector) => ({
            selector,
            message: why(what),
          })),
        ),
      ],
    },
  },
];
