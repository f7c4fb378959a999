/**
 * What git history says about a plan, as plain data (git-history.ts reads it), and the pure
 * reasoning that proves an approval from it: which commit added the approval, who authored that
 * commit, and who authored the content it approves.
 */
import type { ApprovalEntry } from './approval-block';
import { identityOf } from './approval-block';

export interface CommitInfo {
  /** The full hash. */
  readonly hash: string;
  /** Its parents among the commits that touched the plans folder (history simplified by path). */
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
}

/** One version of a plan, as far as approvals are concerned. */
export interface PlanVersion {
  /** The digest of its content, as an approval's digest is computed; undefined if unreadable. */
  readonly digest: string | undefined;
  readonly approvals: readonly ApprovalEntry[];
}

/** A commit that changed a plan: the plan before (per parent, for a merge) and after it. */
export interface PlanChange {
  readonly commit: string;
  /** One version per parent; undefined where the plan did not exist. */
  readonly before: ReadonlyArray<PlanVersion | undefined>;
  /** Undefined when the commit deleted the plan. */
  readonly after: PlanVersion | undefined;
}

/** Why there is no history to prove approvals with. */
export type HistoryGap = 'not-a-repository' | 'shallow' | 'git-missing' | 'git-failed';

/**
 * A signature as `git verify-commit` judges it (`%G?`): G good, B bad, U good but of a key of
 * unknown validity (not in the allowed signers), X/Y expired signature/key, R revoked key,
 * E cannot be checked (key missing), N no signature.
 */
export interface SignatureInfo {
  readonly status: string;
  /** The signer: an SSH principal from the allowed signers, or a GPG user id. */
  readonly signer: string;
  readonly key: string;
}

export interface UnavailableHistory {
  readonly available: false;
  readonly gap: HistoryGap;
  /** What git said, for `git-failed`. */
  readonly detail?: string;
}

export interface AvailableHistory {
  readonly available: true;
  /** Every commit that touched the module's plans folder, by hash. */
  readonly commits: ReadonlyMap<string, CommitInfo>;
  /** The commits that changed this plan, newest first (topological order). */
  readonly changes: readonly PlanChange[];
  /** The plan as HEAD has it; undefined when it is not committed at all. */
  readonly committed: PlanVersion | undefined;
  /** The signatures of the commits that added a committed approval, when they were checked. */
  readonly signatures: ReadonlyMap<string, SignatureInfo> | undefined;
}

export type PlanHistory = UnavailableHistory | AvailableHistory;

export interface ApprovalProof {
  /** The approval is in the plan as HEAD has it. */
  readonly committed: boolean;
  /** The commits that added it (one, normally); empty when it is not committed. */
  readonly addedIn: readonly CommitInfo[];
  /**
   * The commits that changed the plan's content before the approval and since the plan was
   * last approved (by an approval its own approver committed): the authors of what is approved.
   */
  readonly contentCommits: readonly CommitInfo[];
}

/** Whether a commit's author is the approver an entry names: by email, or by name without one. */
export function authoredBy(
  commit: CommitInfo,
  entry: Pick<ApprovalEntry, 'by' | 'email'>,
): boolean {
  return (
    identityOf(entry) ===
    (entry.email !== undefined
      ? identityOf({ email: commit.authorEmail, by: undefined })
      : identityOf({ by: commit.authorName, email: undefined }))
  );
}

const proofs = new WeakMap<AvailableHistory, Map<string, ApprovalProof>>();

/** Proves one approval entry from the plan's history; computed once per entry. */
export function proveApproval(entry: ApprovalEntry, history: AvailableHistory): ApprovalProof {
  let cache = proofs.get(history);
  if (!cache) proofs.set(history, (cache = new Map()));
  let proof = cache.get(entry.key);
  if (!proof) cache.set(entry.key, (proof = prove(entry, history)));
  return proof;
}

function prove(entry: ApprovalEntry, history: AvailableHistory): ApprovalProof {
  const has = (version: PlanVersion | undefined) =>
    version?.approvals.some((candidate) => candidate.key === entry.key) === true;
  const committed = has(history.committed);
  // Every commit in HEAD's history that added this very entry must be its approver's.
  const addedIn = committed
    ? history.changes
        .filter((change) => has(change.after) && !change.before.some(has))
        .map((change) => history.commits.get(change.commit))
        .filter((commit): commit is CommitInfo => commit !== undefined)
    : [];
  const starts = committed ? addedIn.map((commit) => commit.hash) : tips(history);
  return { committed, addedIn, contentCommits: contentCommits(history, starts, entry.digest) };
}

/** The newest commits of the folder's history: those no other commit has as parent. */
function tips(history: AvailableHistory): string[] {
  const parents = new Set<string>();
  for (const commit of history.commits.values()) for (const p of commit.parents) parents.add(p);
  return [...history.commits.keys()].filter((hash) => !parents.has(hash));
}

/**
 * Walks from the given commits to their ancestors and collects those that changed the plan's
 * content, stopping at a commit that recorded an approval of the content it left (other than
 * the one being proved) by that approval's own author: "since the last approval".
 */
function contentCommits(
  history: AvailableHistory,
  starts: readonly string[],
  digest: string | undefined,
): CommitInfo[] {
  const changeOf = new Map(history.changes.map((change) => [change.commit, change]));
  const found: CommitInfo[] = [];
  const seen = new Set<string>();
  const queue = [...starts];
  for (let next = 0; next < queue.length; next++) {
    const hash = queue[next];
    if (seen.has(hash)) continue;
    seen.add(hash);
    const commit = history.commits.get(hash);
    if (!commit) continue;
    const change = changeOf.get(hash);
    if (change && isEarlierApproval(change, commit, digest)) continue;
    if (change && change.before.every((version) => version?.digest !== change.after?.digest)) {
      found.push(commit);
    }
    queue.push(...commit.parents);
  }
  return found;
}

/** The change recorded, by its own approver, an approval of other content than `digest`. */
function isEarlierApproval(
  change: PlanChange,
  commit: CommitInfo,
  digest: string | undefined,
): boolean {
  const after = change.after;
  if (!after?.digest || after.digest === digest) return false;
  return after.approvals.some(
    (approval) =>
      approval.digest === after.digest &&
      authoredBy(commit, approval) &&
      !change.before.some((version) =>
        version?.approvals.some((earlier) => earlier.key === approval.key),
      ),
  );
}
