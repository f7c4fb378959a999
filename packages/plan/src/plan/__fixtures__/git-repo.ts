/**
 * Real git repositories in a temp folder, for the approval tests: commits by different authors,
 * SSH-signed commits with keys made by ssh-keygen, shallow clones. No mock of git anywhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Person {
  readonly name: string;
  readonly email: string;
}

export const ALICE: Person = {
  name: 'Alice Approver',
  email: 'alice@example.com',
};
export const BOB: Person = { name: 'Bob Author', email: 'bob@example.com' };
export const CAROL: Person = {
  name: 'Carol Checker',
  email: 'carol@example.com',
};
export const MALLORY: Person = {
  name: 'Mallory Forger',
  email: 'mallory@example.com',
};

/**
 * git as the tests run it: the machine's global and system configuration left out, so that a
 * developer's `commit.gpgsign` or hooks change nothing; no pager, no prompt.
 */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('GIT_')) env[key] = value;
  return {
    ...env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_PAGER: 'cat',
    GIT_TERMINAL_PROMPT: '0',
  };
}

export class GitRepo {
  /** The working tree (a realpath: git reports real paths). */
  readonly root: string;

  constructor(
    root: string,
    private readonly home: string,
  ) {
    this.root = root;
  }

  /** A new repository with one branch, `main`, in a folder of `temp`. */
  static init(temp: string, name = 'repo'): GitRepo {
    const home = join(temp, 'home');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, '.gitconfig'), '');
    const root = join(temp, name);
    mkdirSync(root, { recursive: true });
    const repo = new GitRepo(root, home);
    repo.git(['init', '-q', '-b', 'main']);
    return repo;
  }

  /** Runs git here; throws with its output when it fails. */
  git(args: readonly string[], as?: Person): string {
    const identity = as
      ? ['-c', `user.name=${as.name}`, '-c', `user.email=${as.email}`]
      : [];
    return execFileSync('git', [...identity, ...args], {
      cwd: this.root,
      env: gitEnv(this.home),
      encoding: 'utf-8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  write(path: string, content: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), content);
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf-8');
  }

  writeAll(files: Readonly<Record<string, string>>, prefix = ''): void {
    for (const [path, content] of Object.entries(files))
      this.write(`${prefix}${path}`, content);
  }

  /**
   * Commits everything as `as` (author and committer), unsigned unless `signingKey` (a private
   * SSH key file) is given. Returns the new commit's hash.
   */
  commit(
    message: string,
    as: Person,
    options: { signingKey?: string } = {},
  ): string {
    this.git(['add', '-A']);
    const signing = options.signingKey
      ? [
          '-c',
          'gpg.format=ssh',
          '-c',
          `user.signingkey=${options.signingKey}`,
          '-c',
          'commit.gpgsign=true',
        ]
      : ['-c', 'commit.gpgsign=false'];
    this.git([...signing, 'commit', '-q', '--allow-empty', '-m', message], as);
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  /** A clone of this repository (file:// so that --depth is honoured) into `temp/name`. */
  clone(temp: string, name: string, args: readonly string[] = []): GitRepo {
    const target = join(temp, name);
    execFileSync(
      'git',
      ['clone', '-q', ...args, `file://${this.root}`, target],
      {
        env: gitEnv(this.home),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return new GitRepo(target, this.home);
  }
}

/** A temp folder (its real path), removed by `removeTemp`. */
export function makeTemp(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function removeTemp(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** An ed25519 key pair made by ssh-keygen; returns the private key's path and the public key. */
export function sshKey(
  dir: string,
  name: string,
): { privateKey: string; publicKey: string } {
  const privateKey = join(dir, name);
  const result = spawnSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    name,
    '-f',
    privateKey,
  ]);
  if (result.status !== 0)
    throw new Error(`ssh-keygen failed: ${String(result.stderr)}`);
  return {
    privateKey,
    publicKey: readFileSync(`${privateKey}.pub`, 'utf-8').trim(),
  };
}

/** One line of an SSH allowed-signers file: this email may sign git commits with this key. */
export function allowedSigner(email: string, publicKey: string): string {
  return `${email} namespaces="git" ${publicKey}\n`;
}
