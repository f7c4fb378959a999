/**
 * GitHub's CODEOWNERS: who owns a path. Pure: the caller reads the file.
 *
 * The syntax is GitHub's: one `pattern owner…` per line, `#` comments, the last matching line
 * wins, and a line without owners leaves the path without owners. Patterns follow .gitignore's
 * rules as GitHub applies them: `/` at the start anchors to the root, a pattern with no other
 * `/` matches at any depth, a trailing `/` means a folder and everything in it, `*` stays within
 * one folder (`docs/*` does not own `docs/a/b.md`), `**` crosses folders.
 */

/** Where GitHub looks for the file, in its order. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

export interface CodeOwnersRule {
  readonly pattern: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** `@user`, `@org/team` or an email, as written. */
  readonly owners: readonly string[];
  readonly regex: RegExp;
}

export interface CodeOwners {
  /** Workspace-relative path of the file. */
  readonly file: string;
  readonly rules: readonly CodeOwnersRule[];
}

export function parseCodeOwners(file: string, text: string): CodeOwners {
  const rules: CodeOwnersRule[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    // A comment starts a line, or follows white space; `\#` is a literal `#`.
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const [pattern, ...owners] = line.split(/\s+/);
    const regex = patternRegex(pattern.replace(/\\#/g, '#'));
    if (regex) rules.push({ pattern, line: index + 1, owners, regex });
  });
  return { file, rules };
}

/** The line that owns a path (workspace-relative, `/`-separated): the last that matches. */
export function ownersOf(codeowners: CodeOwners, path: string): CodeOwnersRule | undefined {
  for (let index = codeowners.rules.length - 1; index >= 0; index--) {
    if (codeowners.rules[index].regex.test(path)) return codeowners.rules[index];
  }
  return undefined;
}

function patternRegex(pattern: string): RegExp | undefined {
  // GitHub does not support negation or character ranges; such a line is ignored.
  if (pattern.startsWith('!') || /\[/.test(pattern)) return undefined;
  let body = pattern;
  const folder = body.endsWith('/');
  if (folder) body = body.replace(/\/+$/, '');
  const anchored = body.startsWith('/') || body.includes('/');
  body = body.replace(/^\/+/, '');
  if (body === '' || body === '*' || body === '**') return /^.*$/;
  let source = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (body.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (body.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A folder owns what is in it; `dir/*` owns only the folder's own files.
  const descendants = folder || !body.endsWith('/*') ? '(?:/.*)?' : '';
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}${folder ? '/.*' : descendants}$`);
}
