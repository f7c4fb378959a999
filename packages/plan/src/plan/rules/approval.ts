/**
 * Approval: the plan is approved, the approval block is well-formed, and the plan has not
 * changed since. The approve generator runs every rule but these (it is about to approve).
 */
import { digestOfParts, DIGEST_PATTERN } from '../digest';
import type { SourcePosition } from '../line-index';
import type { Rule, RuleContext } from './rule';
import { excerpt, finding } from './rule';

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

function approveCommand(context: RuleContext): string {
  return `nx g @mjomeet/plan:approve --module=${context.module ?? '<module>'} --useCase=${context.useCase ?? '<UseCase>'} --by="Your Name"`;
}

function statusAt(context: RuleContext): SourcePosition {
  return context.plan.frontMatter?.fields.get('status')?.valuePosition ?? { line: 1, column: 1 };
}

export const approvalMissing: Rule = {
  id: 'approval/missing',
  severity: 'error',
  description: 'The plan is approved: its status is not draft.',
  check(context) {
    if (context.status !== 'draft') return [];
    return [
      finding(
        approvalMissing,
        context,
        statusAt(context),
        `The plan is a draft and not approved; nothing of it may be implemented yet. When the plan is complete, a reviewer approves it: ${approveCommand(context)}.`,
      ),
    ];
  },
};

interface ApprovalBlock {
  readonly by?: string;
  readonly at?: string;
  readonly digest?: string;
  readonly problems: Array<{ at: SourcePosition; message: string }>;
}

/** Reads and checks the `approval` block of an approved or implemented plan. */
function readApproval(context: RuleContext): ApprovalBlock {
  const fm = context.plan.frontMatter!;
  const approval = fm.data?.approval;
  const problems: ApprovalBlock['problems'] = [];
  const where = (path: string) =>
    fm.fields.get(path)?.valuePosition ??
    fm.fields.get('approval')?.valuePosition ??
    statusAt(context);
  const how = `record it with ${approveCommand(context)}`;
  if (approval === undefined || approval === null) {
    problems.push({
      at: statusAt(context),
      message: `The status is \`${context.status}\` but there is no \`approval\` block; ${how}.`,
    });
    return { problems };
  }
  if (typeof approval !== 'object' || Array.isArray(approval)) {
    problems.push({
      at: where('approval'),
      message: `\`approval\` is not a mapping of \`by\`, \`at\` and \`digest\`; ${how}.`,
    });
    return { problems };
  }
  const { by, digest } = approval as Record<string, unknown>;
  // A `%YAML 1.1` front matter reads an unquoted timestamp as a Date: it is the same instant.
  const rawAt = (approval as Record<string, unknown>).at;
  const at = rawAt instanceof Date && !Number.isNaN(rawAt.getTime()) ? rawAt.toISOString() : rawAt;
  if (typeof by !== 'string' || by.trim() === '') {
    problems.push({
      at: where('approval.by'),
      message: `\`approval.by\` must name who approved the plan; ${how}.`,
    });
  }
  if (typeof at !== 'string' || parseIsoDateTime(at) === undefined) {
    problems.push({
      at: where('approval.at'),
      message: `\`approval.at\` must be an ISO-8601 date-time with a time zone, like 2026-11-23T10:00:00Z (it is ${at === undefined ? 'missing' : excerpt(JSON.stringify(at) ?? String(at))}); ${how}.`,
    });
  } else if (parseIsoDateTime(at)! > context.now.getTime() + CLOCK_SKEW_MS) {
    problems.push({
      at: where('approval.at'),
      message: `\`approval.at\` (${at}) is in the future; ${how}.`,
    });
  }
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) {
    problems.push({
      at: where('approval.digest'),
      message: `\`approval.digest\` must be \`sha256:\` followed by 64 lower-case hex digits; ${how}.`,
    });
  }
  return {
    by: typeof by === 'string' ? by : undefined,
    at: typeof at === 'string' ? at : undefined,
    digest: typeof digest === 'string' ? digest : undefined,
    problems,
  };
}

function isApprovedStatus(context: RuleContext): boolean {
  return context.status === 'approved' || context.status === 'implemented';
}

export const approvalInvalid: Rule = {
  id: 'approval/invalid',
  severity: 'error',
  description:
    'An approved or implemented plan has a valid approval block: by, an ISO-8601 at that is not in the future, and a sha256 digest.',
  check(context) {
    if (!isApprovedStatus(context)) return [];
    return readApproval(context).problems.map((problem) =>
      finding(approvalInvalid, context, problem.at, problem.message),
    );
  },
};

export const approvalStale: Rule = {
  id: 'approval/stale',
  severity: 'error',
  description:
    'The approval digest matches the plan: the plan has not changed since it was approved.',
  check(context) {
    if (!isApprovedStatus(context)) return [];
    const approval = readApproval(context);
    // A malformed digest is approval/invalid's to report; it cannot be compared.
    if (!approval.digest || !DIGEST_PATTERN.test(approval.digest)) return [];
    const { plan } = context;
    const data = plan.frontMatter?.data;
    const current = digestOfParts(data?.module, data?.useCase, plan.text.slice(plan.bodyOffset));
    if (current === approval.digest) return [];
    const by = excerpt(approval.by ?? '') || 'the reviewer';
    const on = excerpt(approval.at ?? '') || 'an unknown date';
    const at = plan.frontMatter?.fields.get('approval.digest')?.valuePosition ?? statusAt(context);
    return [
      finding(
        approvalStale,
        context,
        at,
        `The plan changed after ${by} approved it on ${on}; review the change and approve again: ${approveCommand(context)}.`,
      ),
    ];
  },
};

/** Ids of the rules the approve generator skips. */
export const APPROVAL_RULE_IDS: ReadonlySet<string> = new Set([
  approvalMissing.id,
  approvalInvalid.id,
  approvalStale.id,
]);
