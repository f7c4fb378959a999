/** `plan/unreadable`: a file that is not a plan at all (empty, binary, huge). */
import type { Rule } from './rule';
import { finding } from './rule';

const UNREADABLE_KINDS = new Set(['empty', 'binary', 'too-large']);

export const unreadable: Rule = {
  id: 'plan/unreadable',
  severity: 'error',
  description: 'The plan file is readable text: not empty, not binary, at most 1 MiB.',
  // The parser checks this before it parses anything and then stops; the verifier runs no
  // other rule on such a file.
  check: (context) =>
    context.plan.problems
      .filter((problem) => UNREADABLE_KINDS.has(problem.kind))
      .map((problem) => finding(unreadable, context, problem, problem.message)),
};

export function isUnreadable(problems: readonly { kind: string }[]): boolean {
  return problems.some((problem) => UNREADABLE_KINDS.has(problem.kind));
}
