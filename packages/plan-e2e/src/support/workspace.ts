/**
 * A fresh Nx workspace outside this repository, with the packed plugin and kernel installed from
 * their tarballs, driven through its own `nx` binary.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NX_VERSION } from './packages';
import { assertSucceeded, run, RunResult, userEnv } from './process';

export interface Tarballs {
  readonly plan: string;
  readonly ddd: string;
}

/** A git identity: who commits, who approves. */
export interface Person {
  readonly name: string;
  readonly email: string;
}

/** Who commits when a step does not say: the e2e suite itself. */
export const E2E_AUTHOR: Person = { name: 'plan-e2e', email: 'plan-e2e@example.invalid' };

export class Workspace {
  /** `env`: the user's environment (e.g. an npm pointed at a local registry); userEnv() if none. */
  constructor(
    readonly root: string,
    readonly env?: NodeJS.ProcessEnv,
  ) {}

  path(file: string): string {
    return join(this.root, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf-8');
  }

  readBytes(file: string): Buffer {
    return readFileSync(this.path(file));
  }

  readJson<T = Record<string, unknown>>(file: string): T {
    return JSON.parse(this.read(file)) as T;
  }

  write(file: string, content: string): void {
    mkdirSync(join(this.path(file), '..'), { recursive: true });
    writeFileSync(this.path(file), content);
  }

  /**
   * `nx ...` through the workspace's own binary, as CI runs it; `as` is the git identity it runs
   * with (what `approve` records), given as git's GIT_AUTHOR_* variables.
   */
  nx(args: readonly string[], timeoutMs = 180_000, as?: Person): Promise<RunResult> {
    const author = as ? { GIT_AUTHOR_NAME: as.name, GIT_AUTHOR_EMAIL: as.email } : undefined;
    const env = author ? { ...(this.env ?? userEnv()), ...author } : this.env;
    return run(this.path('node_modules/.bin/nx'), args, { cwd: this.root, timeoutMs, env });
  }

  /** A binary of the workspace's node_modules (tsc, jest, prettier). */
  bin(name: string, args: readonly string[], timeoutMs = 120_000): Promise<RunResult> {
    return run(this.path(`node_modules/.bin/${name}`), args, {
      cwd: this.root,
      env: this.env,
      timeoutMs,
    });
  }

  /** `npm ...` in the workspace, with its environment. */
  npm(args: readonly string[], timeoutMs = 300_000): Promise<RunResult> {
    return run('npm', args, { cwd: this.root, env: this.env, timeoutMs });
  }

  /** git in the workspace, committing as `as` (author and committer), unsigned. */
  git(args: readonly string[], as: Person = E2E_AUTHOR): Promise<RunResult> {
    return run(
      'git',
      [
        '-c',
        `user.name=${as.name}`,
        '-c',
        `user.email=${as.email}`,
        '-c',
        'commit.gpgsign=false',
        '-c',
        'core.autocrlf=false',
        ...args,
      ],
      { cwd: this.root },
    );
  }

  /** Every change, untracked files included; '' when the tree is as committed. */
  async gitStatus(): Promise<string> {
    return assertSucceeded(await this.git(['status', '--porcelain', '--untracked-files=all']))
      .stdout;
  }

  async commitAll(message: string, as: Person = E2E_AUTHOR): Promise<void> {
    assertSucceeded(await this.git(['add', '-A']));
    assertSucceeded(await this.git(['commit', '-q', '--allow-empty', '-m', message], as));
  }

  /** The short hash of HEAD. */
  async head(): Promise<string> {
    return assertSucceeded(await this.git(['rev-parse', '--short=7', 'HEAD'])).stdout.trim();
  }

  /**
   * A hash per file under `dir` (workspace-relative paths), leaving out installed packages and
   * Nx's cache: to prove that a command changed nothing, or only what it should.
   */
  snapshot(dir = '.'): Map<string, string> {
    const files = new Map<string, string>();
    const skip = new Set(['node_modules', '.nx', '.git']);
    const visit = (absolute: string): void => {
      for (const entry of readdirSync(absolute)) {
        if (skip.has(entry)) continue;
        const child = join(absolute, entry);
        if (statSync(child).isDirectory()) visit(child);
        else {
          const hash = createHash('sha256').update(readFileSync(child)).digest('hex');
          files.set(relative(this.root, child).split('\\').join('/'), hash);
        }
      }
    };
    visit(this.path(dir));
    return files;
  }
}

/** What a user's new workspace holds before `npm install`. */
export function writeWorkspaceFiles(root: string, tarballs: Tarballs): void {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string> = {
    'package.json': json({
      name: 'plan-e2e-workspace',
      version: '0.0.0',
      private: true,
      license: 'UNLICENSED',
      dependencies: {
        '@mjomeet/ddd': `file:${tarballs.ddd}`,
      },
      devDependencies: {
        '@mjomeet/plan': `file:${tarballs.plan}`,
        nx: NX_VERSION,
        '@nx/devkit': NX_VERSION,
        '@nx/jest': NX_VERSION,
        '@nx/js': NX_VERSION,
        // The versions this repository installs, so that npm finds them in the machine's cache.
        jest: '30.2.0',
        '@swc/jest': '0.2.39',
        '@swc/core': '1.15.8',
        '@types/jest': '30.0.0',
        '@types/node': '20.19.25',
        typescript: '~5.9.3',
        prettier: '3.6.2',
        // What @nx/js:library and @nx/jest:configuration add for a module project, so that
        // feature has nothing to install here (the registry e2e installs them for real).
        tslib: '2.8.1',
        '@swc/helpers': '0.5.17',
        'jest-environment-node': '30.2.0',
        'jest-util': '30.2.0',
        'ts-jest': '29.4.5',
        'ts-node': '10.9.1',
      },
    }),
    'nx.json': json({
      $schema: './node_modules/nx/schemas/nx-schema.json',
      analytics: false,
      neverConnectToCloud: true,
      defaultBase: 'main',
      namedInputs: {
        default: ['{projectRoot}/**/*', 'sharedGlobals'],
        production: ['default', '!{projectRoot}/**/*.spec.ts'],
        sharedGlobals: [],
      },
    }),
    'tsconfig.base.json': json({
      compileOnSave: false,
      compilerOptions: {
        rootDir: '.',
        declaration: true,
        moduleResolution: 'node',
        module: 'commonjs',
        target: 'es2022',
        lib: ['es2022'],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        baseUrl: '.',
        paths: {},
      },
      exclude: ['node_modules', 'tmp', 'dist'],
    }),
    '.prettierrc': json({ singleQuote: true }),
    '.gitignore': ['node_modules', 'dist', 'coverage', '.nx', ''].join('\n'),
  };
  for (const [file, content] of Object.entries(files)) writeFileSync(join(root, file), content);
}

/** `npm install` as a user runs it; reuses the machine's npm cache where it can. */
export async function npmInstall(root: string, args: readonly string[] = []): Promise<RunResult> {
  return assertSucceeded(
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...args], {
      cwd: root,
      env: userEnv(),
      timeoutMs: 300_000,
    }),
  );
}

/** One `path:line:col  severity  message  rule-id` line of verify-plan's stylish report. */
export interface StylishFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: string;
  readonly message: string;
  readonly ruleId: string;
}

/** The file is a plan, or for a rule on the module as a whole, a folder or another file. */
const STYLISH = /^(\S+):(\d+):(\d+) {2}(error|warning) {2}(.+) {2}([a-z]+\/[a-z-]+)$/;

export function parseStylish(output: string): StylishFinding[] {
  const findings: StylishFinding[] = [];
  for (const line of output.split('\n')) {
    const match = STYLISH.exec(line.trimEnd());
    if (!match) continue;
    findings.push({
      file: match[1],
      line: Number(match[2]),
      column: Number(match[3]),
      severity: match[4],
      message: match[5],
      ruleId: match[6],
    });
  }
  return findings;
}

/**
 * The JSON document a command printed among nx's own lines: from a line that is exactly `{` to
 * the next line that is exactly `}` (the reports are pretty-printed with two spaces).
 */
export function extractJson<T = unknown>(output: string): T {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === '{');
  const end = lines.findIndex((line, index) => index > start && line.trimEnd() === '}');
  if (start < 0 || end < 0) throw new Error(`no JSON document in:\n${output}`);
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as T;
}

/** The plan's YAML front matter as flat `key: value` / `parent.key: value` pairs. */
export function frontMatter(text: string): Record<string, string> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error('no front matter');
  const fields: Record<string, string> = {};
  let parent = '';
  for (const line of match[1].split('\n')) {
    const entry = /^( *)([\w-]+):\s*(.*)$/.exec(line);
    if (!entry) continue;
    const [, indent, key, value] = entry;
    if (indent.length === 0) parent = value === '' ? key : '';
    fields[indent.length > 0 && parent ? `${parent}.${key}` : key] = value.replace(
      /^(['"])(.*)\1$/,
      '$2',
    );
  }
  return fields;
}

/** Everything after the front matter. */
export function body(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, '');
}
