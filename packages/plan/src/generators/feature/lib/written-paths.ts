import { joinPathFragments } from '@nx/devkit';
import type { Artifact } from './artifacts';
import type { NormalizedFeatureOptions } from './normalize-options';

/**
 * Every workspace file a run writes whose path depends on the names it is given: the module's
 * files when it creates the module, the skeletons, their specs and the barrel, and the plan.
 * (nx.json and package.json are written too, but their paths are fixed.)
 */
export function writtenPaths(
  options: NormalizedFeatureOptions,
  artifacts: readonly Artifact[],
): string[] {
  const inProject = (file: string) => joinPathFragments(options.projectRoot, file);
  const moduleFiles = options.createProject ? MODULE_PROJECT_FILES : [];
  const codeFiles = options.skipCode
    ? []
    : [...artifacts.flatMap((artifact) => [artifact.file, artifact.spec]), 'src/index.ts'];
  return [...new Set([...moduleFiles, ...codeFiles].map(inProject)), options.planFile];
}

/** The longest paths `@nx/js:library` and `@nx/jest:configuration` write into a new project. */
const MODULE_PROJECT_FILES = [
  'README.md',
  'project.json',
  'package.json',
  'tsconfig.json',
  'tsconfig.lib.json',
  'tsconfig.spec.json',
  'jest.config.cjs',
  '.spec.swcrc',
  'src/index.ts',
];
