/**
 * Reads what git history says about a module's plans: the only place of the model that runs
 * git. It runs git itself (no shell, no library), a fixed number of times per plans folder
 * whatever the number of plans or commits:
 *
 * 1. `git rev-parse`: is this a work tree, is it a shallow clone, where is it in the repository;
 * 2. `git log --raw` of the plans folder: every commit that changed it, with its author, its
 *    parents and the blob of each changed file before and after;
 * 3. `git ls-tree -r HEAD` of the plans folder: the blob of each plan in HEAD;
 * 4. `git cat-file --batch`: every version of the plans asked for, each blob once;
 * 5. only when signatures are required: `git log --no-walk` of the commits that added a
 *    committed approval, with their signature status (`%G?`, as `git verify-commit` sees it).
 *
 * Everything else (who added an approval, who wrote what it approves) is reasoned in
 * plan-history.ts from this data, without git.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ApprovalEntry, approvalEntriesOf } from './approval-block';
import { digestOfParts } from './digest';
import { readFrontMatter, splitFrontMatter } from './front-matter';
import { LineIndex } from './line-index';
import type {
  AvailableHistory,
  CommitInfo,
  PlanChange,
  PlanHistory,
  PlanVersion,
  SignatureInfo,
  UnavailableHistory,
} from './plan-history';
import { MAX_PLAN_BYTES } from './readable';

export interface ReadPlansHistoryOptions {
  readonly workspaceRoot: string;
  /** The module's plans folder, workspace-relative. */
  readonly plansDir: string;
  /** The plans (workspace-relative paths) whose history is wanted. */
  readonly plans: readonly string[];
  /**
   * The plans as read from the working tree, by path: one whose bytes are HEAD's blob (its git
   * object id says so) is not read from git again.
   */
  readonly texts?: ReadonlyMap<string, string>;
  /** Check the signatures of the commits that added committed approvals. */
  readonly signatures?: boolean;
  /** An SSH allowed-signers file for the signature check (absolute path); default: git's config. */
  readonly allowedSignersFile?: string;
}

/** 1 GiB: the history of a plans folder is read whole; git's output must not be cut. */
const MAX_BUFFER = 1024 * 1024 * 1024;
const NULL_OID = /^0+$/;
/**
 * Options that keep the user's git configuration from changing what is read: no signature
 * output in the log, no rename following, paths unquoted.
 */
const SAFE_CONFIG = [
  '-c',
  'log.showSignature=false',
  '-c',
  'log.follow=false',
  '-c',
  'core.quotePath=false',
];

/** The history of each plan asked for; the same value for every plan when there is none. */
export function readPlansHistory(options: ReadPlansHistoryOptions): Map<string, PlanHistory> {
  return readPlansHistories([options])[0];
}

/**
 * The histories of several plans folders (a batch of modules), each as readPlansHistory reads it,
 * with git asked once for what the folders share: where the repository is, HEAD's tree, the
 * blobs, the signatures. Only the log stays one per folder, because the commits git shows for a
 * folder (history simplification) depend on the paths it is given. Spawning git is what a folder
 * costs, and more so from a large process, which forks all of its memory for every process.
 */
export function readPlansHistories(
  requests: readonly ReadPlansHistoryOptions[],
): Array<Map<string, PlanHistory>> {
  const results = requests.map(() => new Map<string, PlanHistory>());
  const byRoot = new Map<string, number[]>();
  requests.forEach((request, index) => {
    const list = byRoot.get(request.workspaceRoot) ?? [];
    byRoot.set(request.workspaceRoot, [...list, index]);
  });
  for (const [workspaceRoot, indexes] of byRoot) {
    const read = readRepositoryHistories(
      workspaceRoot,
      indexes.map((index) => requests[index]),
    );
    indexes.forEach((index, i) => (results[index] = read[i]));
  }
  return results;
}

/** A folder's log, read: its commits, and the changes of each plan asked for. */
interface FolderLog {
  readonly request: ReadPlansHistoryOptions;
  /** The plans asked for, by their path from the repository's root. */
  readonly wanted: ReadonlyMap<string, string>;
  readonly commits: Map<string, CommitInfo>;
  readonly rawChanges: Map<string, Array<{ commit: string; before: string[]; after: string }>>;
  /** No commit yet: nothing is committed, which is not a failure. */
  readonly empty: boolean;
}

/** readPlansHistories for the requests of one repository. */
function readRepositoryHistories(
  workspaceRoot: string,
  requests: readonly ReadPlansHistoryOptions[],
): Array<Map<string, PlanHistory>> {
  const where = repositoryState(workspaceRoot);
  if ('gap' in where) return requests.map((request) => fail(request.plans, where));
  const { prefix } = where;
  const results: Array<Map<string, PlanHistory> | undefined> = requests.map(() => undefined);
  const logs: Array<FolderLog | undefined> = requests.map((request, index) => {
    const log = readFolderLog(workspaceRoot, prefix, request);
    if ('gap' in log) results[index] = fail(request.plans, log);
    else return log;
    return undefined;
  });

  // HEAD's blob of each plan, from one walk of the folders' trees (`HEAD:<path>` in cat-file
  // resolved every path anew, tree by tree, and printed again blobs the log had named).
  const headBlobs = logs.map(() => new Map<string, string>());
  const withHead = logs.flatMap((log, index) => (log && !log.empty ? [{ log, index }] : []));
  if (withHead.length > 0) {
    const tree = readHeadTree(
      workspaceRoot,
      withHead.map(({ index }) => folderOf(requests[index])),
    );
    if ('gap' in tree) return requests.map((request, i) => results[i] ?? fail(request.plans, tree));
    for (const { log, index } of withHead) {
      for (const [path, plan] of log.wanted) {
        const oid = tree.get(path);
        if (oid !== undefined) headBlobs[index].set(plan, oid);
      }
    }
  }
  // The working tree is normally HEAD's checkout: a plan's file that is HEAD's blob byte for byte
  // (the object id of its bytes is the blob's) need not be read from git.
  const known = new Map<string, string>();
  headBlobs.forEach((blobs, index) => {
    for (const [plan, oid] of blobs) {
      const text = requests[index].texts?.get(plan);
      if (text === undefined || known.has(oid)) continue;
      if (blobId(Buffer.from(text, 'utf-8'), oid.length) === oid) known.set(oid, text);
    }
  });
  // Every other version needed, of every folder, read in one `git cat-file --batch`: each blob once.
  const objects = new Set<string>();
  logs.forEach((log, index) => {
    if (log) for (const oid of neededObjects(log, headBlobs[index])) objects.add(oid);
  });
  for (const oid of known.keys()) objects.delete(oid);
  const blobs = readObjects(workspaceRoot, [...objects]);
  if ('gap' in blobs) return requests.map((request, i) => results[i] ?? fail(request.plans, blobs));
  // The file's text itself, not decoded again: the verifier digests the same string.
  for (const [oid, text] of known) blobs.set(oid, { oid, content: text });
  // A version git named and cannot give proves nothing: that folder's history is not available
  // (not a plan taken as uncommitted), and only that folder's.
  logs.forEach((log, index) => {
    if (!log || results[index]) return;
    const missing = neededObjects(log, headBlobs[index]).find((oid) => !blobs.has(oid));
    if (missing !== undefined)
      results[index] = fail(requests[index].plans, {
        available: false,
        gap: 'git-failed',
        detail: `${missing} missing`,
      });
  });
  // By blob: HEAD's plan is normally the blob its last commit wrote, read once.
  const versions = new Map<string, PlanVersion>();
  const versionOf = (name: string): PlanVersion | undefined => {
    if (NULL_OID.test(name)) return undefined;
    const blob = blobs.get(name);
    if (blob === undefined) return undefined;
    let version = versions.get(blob.oid);
    if (!version) versions.set(blob.oid, (version = planVersion(blob.content)));
    return version;
  };

  const available = logs.map((log, index) => {
    const plans = new Map<string, AvailableHistory>();
    if (!log) return plans;
    for (const plan of log.wanted.values()) {
      const changes: PlanChange[] = (log.rawChanges.get(plan) ?? []).map((change) => ({
        commit: change.commit,
        before: change.before.map(versionOf),
        after: versionOf(change.after),
      }));
      const head = headBlobs[index].get(plan);
      plans.set(plan, {
        available: true,
        commits: log.commits,
        changes,
        committed: head === undefined ? undefined : versionOf(head),
        signatures: undefined,
      });
    }
    return plans;
  });

  // The signatures of the commits that added committed approvals, in one log per signers file.
  const signatures = requests.map((): Map<string, SignatureInfo> | undefined => undefined);
  const bySigners = new Map<string, number[]>();
  requests.forEach((request, index) => {
    if (!request.signatures || !logs[index]) return;
    const key = request.allowedSignersFile ?? '';
    bySigners.set(key, [...(bySigners.get(key) ?? []), index]);
  });
  for (const [key, indexes] of bySigners) {
    const added = new Set<string>();
    for (const index of indexes)
      for (const commit of approvalCommits(available[index].values())) added.add(commit);
    const read = readSignatures(workspaceRoot, [...added], key === '' ? undefined : key);
    for (const index of indexes) {
      if ('gap' in read) results[index] = fail(requests[index].plans, read);
      else signatures[index] = read;
    }
  }

  return requests.map((request, index) => {
    const done = results[index];
    if (done) return done;
    const histories = new Map<string, PlanHistory>();
    for (const plan of request.plans) {
      const history = available[index].get(plan);
      histories.set(
        plan,
        history
          ? { ...history, signatures: signatures[index] }
          : { available: false, gap: 'git-failed', detail: '' },
      );
    }
    return histories;
  });
}

/** Every version of a folder's plans that its history names: in its log, and in HEAD. */
function neededObjects(log: FolderLog, headBlobs: ReadonlyMap<string, string>): string[] {
  const objects = new Set<string>(headBlobs.values());
  for (const list of log.rawChanges.values())
    for (const change of list)
      for (const oid of [...change.before, change.after]) if (!NULL_OID.test(oid)) objects.add(oid);
  return [...objects];
}

function folderOf(request: ReadPlansHistoryOptions): string {
  return request.plansDir.replace(/\/+$/, '');
}

/** `git log --raw` of one plans folder: every commit that changed it. */
function readFolderLog(
  workspaceRoot: string,
  prefix: string,
  request: ReadPlansHistoryOptions,
): FolderLog | UnavailableHistory {
  const log = git(workspaceRoot, [
    ...SAFE_CONFIG,
    'log',
    'HEAD',
    '--topo-order',
    '--parents',
    '--no-renames',
    '--diff-merges=combined',
    '--raw',
    '--no-abbrev',
    '-z',
    '--format=%x1e%H%x00%P%x00%an%x00%ae',
    '--',
    folderOf(request),
  ]);
  let records: LogRecord[] = [];
  let empty = false;
  if (log.status !== 0) {
    // A repository without any commit yet: nothing is committed, which is not a failure.
    if (!hasHead(workspaceRoot)) empty = true;
    else return gitFailure(log);
  } else {
    const parsed = parseLog(log.stdout.toString('utf-8'));
    // Output that cannot be read as the log asked for proves nothing.
    if (!parsed)
      return { available: false, gap: 'git-failed', detail: 'unreadable git log output' };
    records = parsed;
  }
  const wanted = new Map(
    request.plans
      .filter((plan) => !/[\r\n]/.test(plan))
      .map((plan) => [`${prefix}${plan}`, plan] as const),
  );
  const commits = new Map<string, CommitInfo>();
  const rawChanges = new Map<string, Array<{ commit: string; before: string[]; after: string }>>();
  for (const record of records) {
    commits.set(record.commit.hash, record.commit);
    for (const file of record.files) {
      const plan = wanted.get(file.path);
      if (plan === undefined) continue;
      let list = rawChanges.get(plan);
      if (!list) rawChanges.set(plan, (list = []));
      list.push({ commit: record.commit.hash, before: file.before, after: file.after });
    }
  }
  return { request, wanted, commits, rawChanges, empty };
}

/** The commits that added an approval the committed plan still has: their signatures matter. */
function approvalCommits(histories: Iterable<AvailableHistory>): Set<string> {
  const added = new Set<string>();
  for (const history of histories) {
    const committed = new Set(history.committed?.approvals.map((entry) => entry.key));
    for (const change of history.changes) {
      const keys = change.after?.approvals.map((entry) => entry.key) ?? [];
      const isNew = (key: string) =>
        !change.before.some((version) => version?.approvals.some((e) => e.key === key));
      if (keys.some((key) => committed.has(key) && isNew(key))) added.add(change.commit);
    }
  }
  return added;
}

/** Who git would record as the author of a commit made here now: the approver's identity. */
export function gitIdentity(
  cwd: string,
): { name: string; email: string } | { problem: 'git-missing' | 'no-identity'; detail: string } {
  // useConfigOnly: an identity guessed from the host name (root@localhost) is no identity.
  const result = spawnSync('git', ['-c', 'user.useConfigOnly=true', 'var', 'GIT_AUTHOR_IDENT'], {
    cwd,
    encoding: 'utf-8',
    windowsHide: true,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  if (result.error) return { problem: 'git-missing', detail: String(result.error.message) };
  const match = /^(.*) <([^<>]*)> \d+ [+-]\d{4}$/.exec(result.stdout.trim());
  if (result.status !== 0 || !match || match[1].trim() === '' || match[2].trim() === '') {
    return { problem: 'no-identity', detail: lastLine(result.stderr) };
  }
  return { name: match[1].trim(), email: match[2].trim() };
}

interface LogRecord {
  readonly commit: CommitInfo;
  readonly files: ReadonlyArray<{ path: string; before: string[]; after: string }>;
}

/**
 * `git log -z --raw --format=%x1e%H%x00%P%x00%an%x00%ae`: per commit, `\x1e`, its header
 * fields NUL-separated, then `:modes… oids… status` NUL path NUL per file (`::` and one old blob
 * per parent for a merge's combined diff). Read field by field, never split on `\x1e`: git keeps
 * control characters in a name, and a name holding a `\x1e` would otherwise cut its commit in two
 * and hide that commit's change. A name cannot hold a NUL (git reads no identity from one).
 * Undefined when the output is not in this shape.
 */
function parseLog(output: string): LogRecord[] | undefined {
  const records: LogRecord[] = [];
  const tokens = output.split('\0');
  let index = 0;
  for (;;) {
    // Empty fields only come between a commit's entries and the next commit (a merge listed
    // without entries leaves one; the output ends with one): a record starts at a `\x1e`.
    while (index < tokens.length && tokens[index].replace(/^\n+/, '') === '') index++;
    if (index >= tokens.length) break;
    const first = tokens[index].replace(/^\n+/, '');
    const hash = first.startsWith('\x1e') ? first.slice(1) : '';
    if (!OID.test(hash) || index + 3 >= tokens.length) return undefined;
    const [parents, authorName, authorEmail] = tokens.slice(index + 1, index + 4);
    index += 4;
    const files: Array<{ path: string; before: string[]; after: string }> = [];
    for (;;) {
      // A merge's combined entries come after an empty field.
      if (tokens[index] === '' && RAW_ENTRY.test(tokens[index + 1] ?? '')) index++;
      if (index + 1 >= tokens.length || !RAW_ENTRY.test(tokens[index])) break;
      const meta = tokens[index].replace(/^\n+/, '');
      const path = tokens[index + 1];
      index += 2;
      const colons = meta.length - meta.replace(/^:+/, '').length;
      // `:100644 100644 <old> <new> M`, or for n parents n colons, n+1 modes, n+1 oids.
      const fields = meta.slice(colons).split(' ');
      const oids = fields.slice(colons + 1, colons + 1 + colons + 1);
      if (oids.length !== colons + 1 || !oids.every((oid) => OID.test(oid))) return undefined;
      files.push({ path, before: oids.slice(0, colons), after: oids[colons] });
    }
    const parentList = parents.split(' ').filter(Boolean);
    if (!parentList.every((parent) => OID.test(parent))) return undefined;
    records.push({ commit: { hash, parents: parentList, authorName, authorEmail }, files });
  }
  return records;
}

/** A full object id: SHA-1, or SHA-256 in a repository that uses it. */
const OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** A `--raw` entry's metadata: colons, modes, object ids, a status. */
const RAW_ENTRY = /^\n*:+[0-7]{6}(?: [0-7]{6})+(?: [0-9a-f]+)+ [A-Z]+[0-9]*$/;

/** Git's object id of a blob: SHA-1, or SHA-256 in a repository that uses it (64 hex digits). */
function blobId(bytes: Buffer, idLength: number): string {
  return createHash(idLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/** A version's content: its bytes from git, or the plan's text when the file is that version. */
interface Blob {
  readonly oid: string;
  readonly content: Buffer | string;
}

/** A version of a plan: the digest of its content and its approvals. Never throws. */
function planVersion(content: Buffer | string): PlanVersion {
  if (typeof content !== 'string' && content.length > MAX_PLAN_BYTES)
    return { digest: undefined, approvals: [] };
  const text = typeof content === 'string' ? content : content.toString('utf-8');
  const split = splitFrontMatter(text, new LineIndex(text));
  const data = split.closed ? readFrontMatter(split.yaml, 2).data : undefined;
  return {
    // A plan's own text is digested again by the verifier: remembered. A version only git has is not.
    digest: digestOfParts(
      data?.module,
      data?.useCase,
      text.slice(split.bodyOffset),
      typeof content === 'string',
    ),
    // Copied out of the text: a string sliced from it would hold the whole version in memory.
    approvals: JSON.parse(JSON.stringify(approvalEntriesOf(data))) as ApprovalEntry[],
  };
}

/**
 * `git ls-tree -r` of HEAD's plans folders: the blob of each file, by its path from the
 * repository's root (as the log names files). A few hundred folders per command line keep it far
 * below any platform's limit.
 */
function readHeadTree(
  cwd: string,
  plansDirs: readonly string[],
): Map<string, string> | UnavailableHistory {
  const blobs = new Map<string, string>();
  for (let start = 0; start < plansDirs.length; start += 200) {
    const chunk = plansDirs.slice(start, start + 200);
    const result = git(cwd, ['ls-tree', '-r', '-z', '--full-name', 'HEAD', '--', ...chunk]);
    if (result.status !== 0) return gitFailure(result);
    // `<mode> SP <type> SP <oid> TAB <path>` NUL, per file.
    for (const entry of result.stdout.toString('utf-8').split('\0')) {
      const tab = entry.indexOf('\t');
      const [, type, oid] = entry.slice(0, tab).split(' ');
      if (tab > 0 && type === 'blob' && oid) blobs.set(entry.slice(tab + 1), oid);
    }
  }
  return blobs;
}

/**
 * `git cat-file --batch`: the object id and content of each object named. One git names (in its
 * log or HEAD's tree) and cannot give is left out and listed as missing: an object store that
 * lost it, or a partial clone that cannot fetch it.
 */
function readObjects(
  cwd: string,
  names: readonly string[],
): Map<string, Blob> | UnavailableHistory {
  const contents = new Map<string, Blob>();
  if (names.length === 0) return contents;
  const result = git(cwd, ['cat-file', '--batch'], `${names.join('\n')}\n`);
  if (result.status !== 0) return gitFailure(result);
  const out = result.stdout;
  let offset = 0;
  for (const name of names) {
    const end = out.indexOf(10, offset);
    if (end < 0) break;
    const header = out.toString('utf-8', offset, end);
    offset = end + 1;
    const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!match) continue; // `<name> missing`: not in HEAD, say.
    const size = Number(match[3]);
    if (match[2] === 'blob')
      contents.set(name, { oid: match[1], content: out.subarray(offset, offset + size) });
    offset += size + 1;
  }
  return contents;
}

/** The signature of each commit, as `git verify-commit` judges it. */
function readSignatures(
  cwd: string,
  commits: readonly string[],
  allowedSignersFile: string | undefined,
): Map<string, SignatureInfo> | UnavailableHistory {
  const signatures = new Map<string, SignatureInfo>();
  const config = allowedSignersFile
    ? ['-c', `gpg.ssh.allowedSignersFile=${allowedSignersFile}`]
    : [];
  // A few hundred hashes per command line keep it far below any platform's limit.
  for (let start = 0; start < commits.length; start += 200) {
    const chunk = commits.slice(start, start + 200);
    const result = git(cwd, [
      ...SAFE_CONFIG,
      ...config,
      'log',
      '--no-walk=unsorted',
      '-z',
      '--format=%x1e%H%x00%G?%x00%GS%x00%GK',
      ...chunk,
      '--',
    ]);
    // git exits 0 even when a key cannot be checked: %G? says so. A failure is git's own.
    if (result.status !== 0) return gitFailure(result);
    // Four fields per commit, read in turn: a signer's name may hold a `\x1e` too.
    const tokens = result.stdout.toString('utf-8').split('\0');
    for (let index = 0; index + 3 < tokens.length; index += 4) {
      const hash = tokens[index].replace(/^\n+/, '');
      if (!hash.startsWith('\x1e') || !OID.test(hash.slice(1)))
        return { available: false, gap: 'git-failed', detail: 'unreadable git log output' };
      const [status, signer, key] = tokens.slice(index + 1, index + 4);
      signatures.set(hash.slice(1), { status, signer, key });
    }
  }
  return signatures;
}

function repositoryState(cwd: string): { prefix: string } | UnavailableHistory {
  // spawn reports a missing working folder as a missing git: tell the two apart first.
  if (!existsSync(cwd)) return { available: false, gap: 'not-a-repository' };
  const result = git(cwd, [
    'rev-parse',
    '--is-inside-work-tree',
    '--is-shallow-repository',
    '--show-prefix',
  ]);
  if (result.error) return { available: false, gap: 'git-missing', detail: result.error.message };
  if (result.status !== 0) {
    const stderr = result.stderr.toString('utf-8');
    return /not a git repository/i.test(stderr)
      ? { available: false, gap: 'not-a-repository' }
      : gitFailure(result);
  }
  const [inside, shallow, prefix = ''] = result.stdout.toString('utf-8').split('\n');
  if (inside.trim() !== 'true') return { available: false, gap: 'not-a-repository' };
  if (shallow.trim() === 'true') return { available: false, gap: 'shallow' };
  return { prefix: prefix.trim() };
}

function hasHead(cwd: string): boolean {
  return git(cwd, ['rev-parse', '-q', '--verify', 'HEAD']).status === 0;
}

function git(cwd: string, args: readonly string[], input?: string): SpawnSyncReturns<Buffer> {
  return spawnSync('git', args, {
    cwd,
    input,
    maxBuffer: MAX_BUFFER,
    windowsHide: true,
    // Never wait for a pager or a credential prompt.
    env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
  });
}

function gitFailure(result: SpawnSyncReturns<Buffer>): UnavailableHistory {
  if (result.error) return { available: false, gap: 'git-missing', detail: result.error.message };
  return {
    available: false,
    gap: 'git-failed',
    detail: lastLine(result.stderr.toString('utf-8')) || `exit ${result.status}`,
  };
}

function fail(plans: readonly string[], gap: UnavailableHistory): Map<string, PlanHistory> {
  return new Map(plans.map((plan) => [plan, gap]));
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}
