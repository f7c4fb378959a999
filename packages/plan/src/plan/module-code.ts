/**
 * What the traceability rules need to know about a module's code: which names its TypeScript
 * declares, and which spec files exist, with their code. Read once per module (not once per
 * plan), so that verifying many plans of one module reads its sources once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { SPEC_SUFFIX } from './layout';

export interface ModuleCode {
  /** The module's project root, workspace-relative (`packages/meetings`). */
  readonly root: string;
  /** Exported name → module-relative file that declares it (`src/domain/x/x.aggregate.ts`). */
  readonly declarations: ReadonlyMap<string, string>;
  /** Module-relative paths of every `*.spec.ts` under `src/`. */
  readonly specFiles: ReadonlySet<string>;
  /** The same spec files → their text (`trace/spec-drift` compares it with the plan's copy). */
  readonly specSources: ReadonlyMap<string, string>;
  /**
   * Any file of the module by module-relative path (`src/x.spec.ts`, `test/y.test.ts`): its
   * text, or undefined when there is no such file (or it cannot be read, or is not inside the
   * module). Read on first use and kept: the evidence rules read the test files plans cite.
   */
  readFile(path: string): string | undefined;
}

/** A test file larger than this is not read (nobody cites a test in a 2 MiB file). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A module-relative path inside the module, normalised; undefined for one that leaves it. */
export function insideModule(path: string): string | undefined {
  const normal = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (normal === '.' || normal === '..' || normal.startsWith('../') || normal.startsWith('/'))
    return undefined;
  return normal;
}

/**
 * `export [declare] [default] [abstract] class|interface|type|enum|function|const|let|var Name`.
 * A regular expression, not a TypeScript parse: the rule only asks whether a name is declared,
 * and a regex over 100 files costs nothing next to a full parse.
 */
const EXPORTED_DECLARATION =
  /^[ \t]*export[ \t]+(?:declare[ \t]+)?(?:default[ \t]+)?(?:abstract[ \t]+class|class|interface|type|const[ \t]+enum|enum|async[ \t]+function\*?|function\*?|const|let|var)[ \t]+([A-Za-z_$][\w$]*)/gm;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'coverage']);

export function isSpecFile(path: string): boolean {
  return path.endsWith(`${SPEC_SUFFIX}.ts`);
}

/**
 * Builds a ModuleCode from file contents in memory: keys are module-relative paths
 * (`src/domain/room/room.aggregate.ts`); only `.ts` files under `src/` are read. Pure.
 */
export function moduleCodeFromFiles(
  root: string,
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): ModuleCode {
  const entries: Array<[string, string]> =
    files instanceof Map ? [...files.entries()] : Object.entries(files as Record<string, string>);
  const declarations = new Map<string, string>();
  const specSources = new Map<string, string>();
  const all = new Map<string, string>();
  for (const [rawPath, content] of entries) {
    const path = insideModule(rawPath);
    if (path) all.set(path, content);
  }
  // Sorted so that a name declared twice always resolves to the same file.
  for (const [rawPath, content] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const path = rawPath.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!path.startsWith('src/') || !path.endsWith('.ts') || path.endsWith('.d.ts')) continue;
    if (isSpecFile(path)) {
      specSources.set(path, content);
      continue;
    }
    for (const match of content.matchAll(EXPORTED_DECLARATION)) {
      if (!declarations.has(match[1])) declarations.set(match[1], path);
    }
  }
  return {
    root: normaliseRoot(root),
    declarations,
    specFiles: new Set(specSources.keys()),
    specSources,
    readFile: (path) => {
      const inside = insideModule(path);
      return inside === undefined ? undefined : all.get(inside);
    },
  };
}

/**
 * Reads `{projectRoot}/src/**\/*.ts` from disk. A module without `src/` (or unreadable files)
 * gives an empty ModuleCode: the traceability rules then report every artifact as missing,
 * which is the truth.
 */
export function readModuleCode(workspaceRoot: string, projectRoot: string): ModuleCode {
  const files = new Map<string, string>();
  const base = join(workspaceRoot, projectRoot);
  const visit = (relativeDir: string): void => {
    let entries;
    try {
      entries = readdirSync(join(base, relativeDir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(relative);
      } else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        try {
          files.set(relative, readFileSync(join(base, relative), 'utf-8'));
        } catch {
          // A file that vanished or cannot be read declares nothing.
        }
      }
    }
  };
  visit('src');
  const code = moduleCodeFromFiles(projectRoot, files);
  // Other files (a test outside src/, a .test.ts) are read when asked for, once.
  const read = new Map<string, string | undefined>();
  return {
    ...code,
    readFile: (path) => {
      const inside = insideModule(path);
      if (inside === undefined) return undefined;
      const known = code.readFile(inside);
      if (known !== undefined) return known;
      if (read.has(inside)) return read.get(inside);
      let text: string | undefined;
      try {
        const file = join(base, inside);
        const stat = statSync(file);
        if (stat.isFile() && stat.size <= MAX_FILE_BYTES) text = readFileSync(file, 'utf-8');
      } catch {
        text = undefined;
      }
      read.set(inside, text);
      return text;
    },
  };
}

function normaliseRoot(root: string): string {
  return root.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}
