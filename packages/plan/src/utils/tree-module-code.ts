import { Tree } from '@nx/devkit';
import { ModuleCode, moduleCodeFromFiles } from '../plan/module-code';

/**
 * A module's code as a generator sees it, through the tree: its TypeScript sources under `src/`
 * (what the traceability rules read), and any other file of the module when a rule asks for it
 * (a test file a plan cites), read then.
 */
export function treeModuleCode(tree: Tree, projectRoot: string): ModuleCode {
  const files = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (tree.isFile(path)) {
        if (path.endsWith('.ts') && !path.endsWith('.d.ts'))
          files.set(path.slice(projectRoot.length + 1), tree.read(path, 'utf-8') ?? '');
      } else if (child !== 'node_modules') visit(path);
    }
  };
  visit(`${projectRoot}/src`);
  const code = moduleCodeFromFiles(projectRoot, files);
  return {
    ...code,
    readFile: (path) => {
      const known = code.readFile(path);
      if (known !== undefined) return known;
      const full = `${projectRoot}/${path}`;
      return path.split('/').includes('..') || !tree.isFile(full)
        ? undefined
        : (tree.read(full, 'utf-8') ?? undefined);
    },
  };
}
