import { execFileSync } from 'node:child_process';
import { join, relative, resolve, sep } from 'node:path';

/**
 * What Nx's plugin worker loads to read createNodesV2, on every command that computes the project
 * graph: with the plugin's own entry, nothing of the plan model and none of its parsers.
 */
describe('the plugin entry (@mjomeet/plan/plugin)', () => {
  const repoRoot = resolve(__dirname, '..', '..', '..', '..');

  /** The modules a fresh process has loaded after requiring `entry` (TypeScript sources). */
  function modulesLoadedBy(entry: string): { exports: string[]; modules: string[] } {
    const script = `
      const before = new Set(Object.keys(require.cache));
      const loaded = require(${JSON.stringify(entry)});
      const modules = Object.keys(require.cache).filter((file) => !before.has(file));
      process.stdout.write(JSON.stringify({ exports: Object.keys(loaded), modules }));
    `;
    const stdout = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf-8',
    });
    return JSON.parse(stdout) as { exports: string[]; modules: string[] };
  }

  const src = resolve(__dirname, '..');
  const relativeToSrc = (file: string) => relative(src, file).split(sep).join('/');

  it('exports createNodesV2 and loads only the inference code, no parser', () => {
    const { exports, modules } = modulesLoadedBy(join(__dirname, '..', 'plugin.ts'));

    expect(exports).toEqual(['createNodesV2']);
    const ours = modules.filter((file) => !file.includes('node_modules')).map(relativeToSrc);
    // The model's conventions the inputs are built from (paths, CODEOWNERS' locations), no parser.
    expect(ours.sort()).toEqual([
      'plan/codeowners.ts',
      'plan/kebab-case.ts',
      'plan/layout.ts',
      'plan/plan-required.ts',
      'plugin.ts',
      'plugins/plugin.ts',
      'plugins/workspace-projects.ts',
    ]);
    const packages = modules.filter((file) => file.includes('node_modules'));
    expect(
      packages.filter((file) => /[\\/](yaml|markdown-it|typescript|ajv)[\\/]/.test(file)),
    ).toEqual([]);
  }, 60_000);

  it('is the createNodesV2 of the package main too, for workspaces registered as "@mjomeet/plan"', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../index').createNodesV2).toBe(require('../plugin').createNodesV2);
  });
});
