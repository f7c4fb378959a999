/**
 * The approval block of a plan's front matter, read and checked once for the approval rules.
 */
import { DIGEST_PATTERN } from './digest';
import type { SourcePosition } from './line-index';
import type { RuleContext } from './rules/rule';
import { excerpt } from './text';

/** Clocks of different machines disagree a little; an approval this far ahead is not "future". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** ISO-8601 date-time with a time zone (`Z` or an offset): the instant must be unambiguous. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

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

export function approveCommand(context: RuleContext): string {
  return `nx g @mjomeet/plan:approve --module=${context.module ?? '<module>'} --useCase=${context.useCase ?? '<UseCase>'} --by="Your Name"`;
}

export function statusAt(context: RuleContext): SourcePosition {
  return context.plan.frontMatter?.fields.get('status')?.valuePosition ?? { line: 1, column: 1 };
}

export type ApprovalProblem =
  | 'noBlock'
  | 'notMapping'
  | 'noApprover'
  | 'badDate'
  | 'futureDate'
  | 'badDigest';

export interface ApprovalBlock {
  readonly by?: string;
  readonly at?: string;
  readonly digest?: string;
  /** What is wrong with it, as approval/invalid reports it. */
  readonly problems: Array<{ at: SourcePosition; messageId: ApprovalProblem; value?: string }>;
}

/** Reads and checks the `approval` block of an approved or implemented plan. */
export function readApproval(context: RuleContext): ApprovalBlock {
  const fm = context.plan.frontMatter!;
  const approval = fm.data?.approval;
  const problems: ApprovalBlock['problems'] = [];
  const where = (path: string) =>
    fm.fields.get(path)?.valuePosition ??
    fm.fields.get('approval')?.valuePosition ??
    statusAt(context);
  if (approval === undefined || approval === null) {
    problems.push({ at: statusAt(context), messageId: 'noBlock' });
    return { problems };
  }
  if (typeof approval !== 'object' || Array.isArray(approval)) {
    problems.push({ at: where('approval'), messageId: 'notMapping' });
    return { problems };
  }
  const { by, digest } = approval as Record<string, unknown>;
  // A `%YAML 1.1` front matter reads an unquoted timestamp as a Date: it is the same instant.
  const rawAt = (approval as Record<string, unknown>).at;
  const at = rawAt instanceof Date && !Number.isNaN(rawAt.getTime()) ? rawAt.toISOString() : rawAt;
  if (typeof by !== 'string' || by.trim() === '') {
    problems.push({ at: where('approval.by'), messageId: 'noApprover' });
  }
  if (typeof at !== 'string' || parseIsoDateTime(at) === undefined) {
    problems.push({
      at: where('approval.at'),
      messageId: 'badDate',
      value: at === undefined ? 'missing' : excerpt(JSON.stringify(at) ?? String(at)),
    });
  } else if (parseIsoDateTime(at)! > context.now.getTime() + CLOCK_SKEW_MS) {
    problems.push({ at: where('approval.at'), messageId: 'futureDate', value: at });
  }
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) {
    problems.push({ at: where('approval.digest'), messageId: 'badDigest' });
  }
  return {
    by: typeof by === 'string' ? by : undefined,
    at: typeof at === 'string' ? at : undefined,
    digest: typeof digest === 'string' ? digest : undefined,
    problems,
  };
}

export function isApprovedStatus(context: RuleContext): boolean {
  return context.status === 'approved' || context.status === 'implemented';
}
