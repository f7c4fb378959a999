import { joinPathFragments } from '@nx/devkit';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from './artifacts';
import type { NormalizedFeatureOptions } from './normalize-options';
import { FILES_DIR } from './templates';

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
  const moduleFiles = options.createProject
    ? [...moduleTemplateFiles(), 'project.json', 'src/index.ts']
    : [];
  const codeFiles = options.skipCode
    ? []
    : [...artifacts.flatMap((artifact) => [artifact.file, artifact.spec]), 'src/index.ts'];
  return [...new Set([...moduleFiles, ...codeFiles].map(inProject)), options.planFile];
}

/** The files `files/module` makes, by their written names. */
function moduleTemplateFiles(): string[] {
  return readdirSync(join(FILES_DIR, 'module')).map((file) => file.replace(/\.template$/, ''));
}
