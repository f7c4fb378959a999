/**
 * The approvals of a plan's front matter, read and checked once for the approval rules.
 *
 * A plan records a list of approvals, each with who (name and email, from the approver's git
 * identity), when, and the digest of the content approved:
 *
 *     approvals:
 *       - by: Ada Reviewer
 *         email: ada@example.com
 *         at: 2026-11-23T10:00:00.000Z
 *         digest: sha256:…
 *
 * Plans approved before lists existed have one `approval:` block without an email; it is read as
 * a list of one (a "legacy" entry), and the approve generator migrates it when it next writes.
 */
import { digestOfParts, DIGEST_PATTERN } from './digest';
import type { SourcePosition } from './line-index';
import type { UnavailableHistory } from './plan-history';
import type { ParsedPlan } from './plan-model';
import type { RuleContext } from './rules/rule';
import { excerpt } from './text';

/** Clocks of different machines disagree a little; an approval this far ahead is not "future". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** ISO-8601 date-time with a time zone (`Z` or an offset): the instant must be unambiguous. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** An email as git records it: something@somewhere, no spaces or angle brackets. */
export const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** Milliseconds since the epoch of a valid ISO-8601 date-time, or undefined. */
export function parseIsoDateTime(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] =
    match;
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  // Date.parse rolls 2026-02-30 over to March; an approval date must be a real one.
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth)
    return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return undefined;
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? undefined : time;
}

/** The command a reviewer runs, as their own git identity. */
export function approveCommand(context: Pick<RuleContext, 'module' | 'useCase'>): string {
  return `nx g @mjomeet/plan:approve --module=${context.module ?? '<module>'} --useCase=${context.useCase ?? '<UseCase>'}`;
}

export function statusAt(context: RuleContext): SourcePosition {
  return context.plan.frontMatter?.fields.get('status')?.valuePosition ?? { line: 1, column: 1 };
}

export function isApprovedStatus(context: RuleContext): boolean {
  return context.status === 'approved' || context.status === 'implemented';
}

/** One approval as the front matter records it; fields that are not strings are undefined. */
export interface ApprovalEntry {
  readonly by: string | undefined;
  readonly email: string | undefined;
  readonly at: string | undefined;
  readonly digest: string | undefined;
  /** What `--by` said, when it was not the git name: a label of the identity, never another. */
  readonly label: string | undefined;
  /** The same fields give the same key: how an entry is found in the plan's earlier versions. */
  readonly key: string;
  /** Read from a single `approval:` block (before approval lists). */
  readonly legacy: boolean;
  /** Its index in `approvals` (0 for the single block). */
  readonly index: number;
}

/**
 * The approval entries of a front matter's data: the `approvals` list, or the single `approval`
 * block of older plans. Items that are not mappings are left out (approval/invalid reports them).
 * Pure, and cheap: the history reader runs it on every earlier version of a plan.
 */
export function approvalEntriesOf(
  data: Readonly<Record<string, unknown>> | undefined,
): ApprovalEntry[] {
  if (!data) return [];
  if (data.approvals !== undefined && data.approvals !== null) {
    if (!Array.isArray(data.approvals)) return [];
    const entries: ApprovalEntry[] = [];
    data.approvals.forEach((item, index) => {
      if (isMapping(item)) entries.push(entryOf(item, false, index));
    });
    return entries;
  }
  return isMapping(data.approval) ? [entryOf(data.approval, true, 0)] : [];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryOf(item: Record<string, unknown>, legacy: boolean, index: number): ApprovalEntry {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  // A `%YAML 1.1` front matter reads an unquoted timestamp as a Date: it is the same instant.
  const rawAt = item.at;
  const at =
    rawAt instanceof Date && !Number.isNaN(rawAt.getTime()) ? rawAt.toISOString() : text(rawAt);
  const entry = {
    by: text(item.by),
    email: text(item.email),
    at,
    digest: text(item.digest),
    label: text(item.label),
  };
  return {
    ...entry,
    key: JSON.stringify([entry.by, entry.email, entry.at, entry.digest, entry.label]),
    legacy,
    index,
  };
}

/** Who an entry names, as messages say it: the email, or the name of an entry without one. */
export function whoOf(entry: Pick<ApprovalEntry, 'by' | 'email'>): string {
  return excerpt(entry.email ?? entry.by ?? '') || 'an unnamed approver';
}

/** Distinct approvers are told apart by email (any case); an entry without email by name. */
export function identityOf(entry: Pick<ApprovalEntry, 'by' | 'email'>): string {
  return entry.email !== undefined
    ? `email:${entry.email.trim().toLowerCase()}`
    : `name:${(entry.by ?? '').trim().toLowerCase()}`;
}

export type ApprovalProblem =
  | 'noBlock'
  | 'both'
  | 'notList'
  | 'notMapping'
  | 'noApprover'
  | 'badEmail'
  | 'badDate'
  | 'futureDate'
  | 'badDigest';

export interface ReadEntry extends ApprovalEntry {
  /** Where the entry is: its first line (the `approval` key for the single block). */
  readonly position: SourcePosition;
  /** `approvals[0]` or `approval`, as messages name it. */
  readonly name: string;
  /** Every field is well-formed: the proof rules look only at valid entries. */
  readonly valid: boolean;
  /** Where one of its fields is (the entry's position when the field is absent). */
  fieldAt(field: string): SourcePosition;
}

export interface Approvals {
  readonly entries: readonly ReadEntry[];
  /** What is wrong with them, as approval/invalid reports it. */
  readonly problems: ReadonlyArray<{
    at: SourcePosition;
    messageId: ApprovalProblem;
    field?: string;
    value?: string;
  }>;
  /** Where the approvals are: the `approvals` (or `approval`) value, else the status. */
  readonly at: SourcePosition;
}

const read = new WeakMap<ParsedPlan, Approvals>();

/** Reads and checks the approvals of a plan, once per plan whatever the number of rules. */
export function readApprovals(context: RuleContext): Approvals {
  const cached = read.get(context.plan);
  if (cached) return cached;
  const result = readUncached(context);
  read.set(context.plan, result);
  return result;
}

function readUncached(context: RuleContext): Approvals {
  const fm = context.plan.frontMatter;
  const data = fm?.data;
  const fields = fm?.fields;
  const position = (path: string) => fields?.get(path)?.valuePosition;
  const problems: Array<Approvals['problems'][number]> = [];
  const approved = isApprovedStatus(context);
  const list = data?.approvals;
  const single = data?.approval;
  const hasList = list !== undefined && list !== null;
  const hasSingle = single !== undefined && single !== null;
  const at = position(hasList ? 'approvals' : 'approval') ?? statusAt(context);
  if (!approved) return { entries: [], problems, at };

  if (hasList && hasSingle) {
    problems.push({ at: position('approval') ?? at, messageId: 'both' });
  }
  if (!hasList && !hasSingle) {
    problems.push({ at: statusAt(context), messageId: 'noBlock' });
    return { entries: [], problems, at };
  }
  if (hasList && !Array.isArray(list)) {
    problems.push({ at, messageId: 'notList' });
    return { entries: [], problems, at };
  }
  if (hasList && (list as unknown[]).length === 0) {
    problems.push({ at: statusAt(context), messageId: 'noBlock' });
    return { entries: [], problems, at };
  }
  if (!hasList && !isMapping(single)) {
    problems.push({ at, messageId: 'notMapping', field: 'approval' });
    return { entries: [], problems, at };
  }
  if (hasList) {
    (list as unknown[]).forEach((item, index) => {
      if (!isMapping(item))
        problems.push({
          at: position(`approvals.${index}`) ?? at,
          messageId: 'notMapping',
          field: `approvals[${index}]`,
        });
    });
  }

  const entries = approvalEntriesOf(hasList ? { approvals: list } : { approval: single }).map(
    (entry): ReadEntry => {
      const path = entry.legacy ? 'approval' : `approvals.${entry.index}`;
      const name = entry.legacy ? 'approval' : `approvals[${entry.index}]`;
      const entryAt = position(path) ?? at;
      const fieldAt = (field: string) => position(`${path}.${field}`) ?? entryAt;
      const before = problems.length;
      const report = (field: string, messageId: ApprovalProblem, value?: string) =>
        problems.push({ at: fieldAt(field), messageId, field: `${name}.${field}`, value });
      if (entry.by === undefined || entry.by.trim() === '') report('by', 'noApprover');
      // An entry without email (migrated from a single `approval` block) is proved by name.
      if (entry.email !== undefined && !EMAIL.test(entry.email.trim())) {
        report('email', 'badEmail', excerpt(JSON.stringify(entry.email)));
      }
      const rawAt = (hasList ? (list as Record<string, unknown>[])[entry.index] : single) as
        | Record<string, unknown>
        | undefined;
      if (entry.at === undefined || parseIsoDateTime(entry.at) === undefined) {
        const value = rawAt?.at;
        report(
          'at',
          'badDate',
          value === undefined ? 'missing' : excerpt(JSON.stringify(value) ?? String(value)),
        );
      } else if (parseIsoDateTime(entry.at)! > context.now.getTime() + CLOCK_SKEW_MS) {
        report('at', 'futureDate', entry.at);
      }
      if (entry.digest === undefined || !DIGEST_PATTERN.test(entry.digest)) {
        report('digest', 'badDigest');
      }
      return { ...entry, position: entryAt, name, valid: problems.length === before, fieldAt };
    },
  );
  return { entries, problems, at };
}

const digests = new WeakMap<ParsedPlan, string>();

/** The digest of the plan's content as it is now. */
export function contentDigest(context: RuleContext): string {
  const { plan } = context;
  let digest = digests.get(plan);
  if (digest === undefined) {
    const data = plan.frontMatter?.data;
    digest = digestOfParts(data?.module, data?.useCase, plan.text.slice(plan.bodyOffset));
    digests.set(plan, digest);
  }
  return digest;
}

/**
 * The approvals the proof rules judge: well-formed, and of the content as it is now (a stale
 * or malformed one is reported as such, and proves nothing either way).
 */
export function currentApprovals(context: RuleContext): ReadEntry[] {
  if (!isApprovedStatus(context)) return [];
  const digest = contentDigest(context);
  return readApprovals(context).entries.filter((entry) => entry.valid && entry.digest === digest);
}

/** A commit as messages name it: its short hash. */
export function shortHash(hash: string): string {
  return hash.slice(0, 7);
}

/** Why there is no history, and how to get it, as the pending/unverifiable messages say. */
export function historyGapText(history: UnavailableHistory): { reason: string; fix: string } {
  switch (history.gap) {
    case 'shallow':
      return {
        reason: 'this is a shallow clone, without the commits that prove it',
        fix: 'Fetch the whole history: in GitHub Actions, actions/checkout with `fetch-depth: 0`; elsewhere `git fetch --unshallow`.',
      };
    case 'not-a-repository':
      return {
        reason: 'the workspace is not in a git repository',
        fix: 'Verify in a git clone with its whole history (in GitHub Actions, actions/checkout with `fetch-depth: 0`).',
      };
    case 'git-missing':
      return {
        reason: `git cannot be run (${excerpt(history.detail ?? '')})`,
        fix: 'Install git and put it on the PATH.',
      };
    default:
      return {
        reason: `git failed (${excerpt(history.detail ?? '')})`,
        fix: 'Check that `git log` works in the workspace, then verify again.',
      };
  }
}
