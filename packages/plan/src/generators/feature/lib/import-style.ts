/**
 * How the module's code writes relative imports: `./room.aggregate` or, where the project's
 * TypeScript resolves modules as Node.js does for ES modules (`node16`/`nodenext`, the
 * `--preset=ts` workspaces), `./room.aggregate.js`, as Nx's own library generator writes them.
 * Read from the project's tsconfig and what it extends, without TypeScript's API: the
 * workspace's TypeScript may have none (7.x).
 */
import { joinPathFragments, parseJson, Tree } from '@nx/devkit';
import { posix } from 'node:path';

/** `''` (no extension) or `'.js'`. */
export type ImportExtension = '' | '.js';

const NODE_RESOLUTION = new Set(['node16', 'nodenext']);
const NODE_MODULE = new Set(['node16', 'node18', 'node20', 'nodenext']);

interface TsConfig {
  extends?: string | string[];
  compilerOptions?: { module?: string; moduleResolution?: string };
}

export function relativeImportExtension(tree: Tree, projectRoot: string): ImportExtension {
  const candidates = [
    joinPathFragments(projectRoot, 'tsconfig.lib.json'),
    joinPathFragments(projectRoot, 'tsconfig.json'),
    'tsconfig.base.json',
    'tsconfig.json',
  ];
  const config = candidates.find((file) => tree.exists(file));
  if (!config) return '';
  const { module, moduleResolution } = compilerOptions(tree, config, new Set());
  const resolution = moduleResolution?.toLowerCase();
  if (resolution !== undefined) return NODE_RESOLUTION.has(resolution) ? '.js' : '';
  return module !== undefined && NODE_MODULE.has(module.toLowerCase()) ? '.js' : '';
}

/** `module` and `moduleResolution` as TypeScript merges them along `extends`. */
function compilerOptions(
  tree: Tree,
  file: string,
  seen: Set<string>,
): { module?: string; moduleResolution?: string } {
  if (seen.has(file)) return {};
  seen.add(file);
  let json: TsConfig;
  try {
    json = parseJson<TsConfig>(tree.read(file, 'utf-8') ?? '{}');
  } catch {
    return {};
  }
  const bases = json.extends === undefined ? [] : [json.extends].flat();
  let merged: { module?: string; moduleResolution?: string } = {};
  for (const base of bases) {
    const path = extendedFile(tree, file, base);
    if (path) merged = { ...merged, ...compilerOptions(tree, path, seen) };
  }
  const own = json.compilerOptions ?? {};
  return {
    module: own.module ?? merged.module,
    moduleResolution: own.moduleResolution ?? merged.moduleResolution,
  };
}

/** A relative `extends`, or a package's tsconfig in node_modules; undefined when not found. */
function extendedFile(tree: Tree, from: string, base: string): string | undefined {
  const candidates = base.startsWith('.')
    ? [posix.join(posix.dirname(from), base)]
    : [`node_modules/${base}`, `node_modules/${base}/tsconfig.json`];
  const withJson = candidates.flatMap((path) =>
    path.endsWith('.json') ? [path] : [path, `${path}.json`],
  );
  return withJson.find((path) => tree.exists(path) && tree.isFile(path));
}

/**
 * Gives every relative import and export of generated code the extension: `from './x'` becomes
 * `from './x.js'`. Specifiers with an extension already are kept.
 */
export function withImportExtension(code: string, extension: ImportExtension): string {
  if (extension === '') return code;
  return code.replace(
    /(\bfrom\s+)(['"])(\.{1,2}\/[^'"\n]*?)\2/g,
    (whole, from: string, quote: string, specifier: string) =>
      /\.(?:[cm]?js|json)$/.test(specifier)
        ? whole
        : `${from}${quote}${specifier}${extension}${quote}`,
  );
}
