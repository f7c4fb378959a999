import { joinPathFragments, Tree } from '@nx/devkit';

type Prettier = typeof import('prettier');

/** The widest line markdownlint's default rules (MD013) accept. */
export const MARKDOWN_MAX_WIDTH = 80;

/**
 * Formats the given files with the workspace's prettier config, if prettier is installed.
 *
 * Why not devkit's `formatFiles`: it may pick another formatter (oxfmt) and it re-formats every
 * changed file, which would re-wrap the plan wider than markdownlint's 80 columns. Plans keep the
 * workspace's style but are wrapped at 80 columns at most.
 */
export async function formatWithPrettier(tree: Tree, files: readonly string[]): Promise<void> {
  const prettier = loadPrettier();
  if (!prettier) return;
  for (const file of files) {
    if (!tree.exists(file)) continue;
    const filepath = joinPathFragments(tree.root, file);
    // What prettier has no parser for (.gitignore, .spec.swcrc) or the workspace ignores is kept.
    const info = await prettier.getFileInfo(filepath, {
      ignorePath: ['.prettierignore'].map((p) => joinPathFragments(tree.root, p)),
    });
    if (info.ignored || !info.inferredParser) continue;
    const config = (await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {};
    const markdown = file.endsWith('.md')
      ? {
          proseWrap: 'always' as const,
          printWidth: Math.min(config.printWidth ?? MARKDOWN_MAX_WIDTH, MARKDOWN_MAX_WIDTH),
        }
      : {};
    const source = tree.read(file, 'utf-8') ?? '';
    tree.write(file, await prettier.format(source, { ...config, ...markdown, filepath }));
  }
}

/**
 * Formats a piece of TypeScript as it would be formatted inside `file`, so that it can be inserted
 * into a file a person may have edited without re-formatting the rest of that file. A class
 * member is formatted inside a class, statements (imports) as they are.
 */
export async function formatSnippet(
  tree: Tree,
  file: string,
  code: string,
  kind: 'member' | 'statements',
): Promise<string> {
  const prettier = loadPrettier();
  if (!prettier) return code;
  const filepath = joinPathFragments(tree.root, file);
  const config = (await prettier.resolveConfig(filepath, { editorconfig: true })) ?? {};
  if (kind === 'statements') return prettier.format(code, { ...config, filepath });
  const formatted = await prettier.format(`class Member {${code}}\n`, { ...config, filepath });
  const lines = formatted.trimEnd().split('\n');
  return `\n${lines.slice(1, -1).join('\n')}\n`;
}

function loadPrettier(): Prettier | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer
    return require('prettier') as Prettier;
  } catch {
    return undefined;
  }
}
