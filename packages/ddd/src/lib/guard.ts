import { err, ok, Result } from './result';
import { ValidationError, ValidationIssue } from './errors';

/**
 * Small, composable input checks. Each returns the issue it found, or nothing, so that a factory
 * can report every problem of its input at once instead of the first one only.
 */
export const Guard = {
  againstEmpty(field: string, value: string | null | undefined): ValidationIssue | undefined {
    return typeof value !== 'string' || value.trim().length === 0
      ? { field, message: 'must not be empty' }
      : undefined;
  },

  againstTooLong(field: string, value: string, maxLength: number): ValidationIssue | undefined {
    return value.length > maxLength
      ? { field, message: `must be at most ${maxLength} characters` }
      : undefined;
  },

  againstPattern(
    field: string,
    value: string,
    pattern: RegExp,
    description: string,
  ): ValidationIssue | undefined {
    // Not `test`: `search` ignores `lastIndex`, so a /g or /y pattern answers the same every time.
    return value.search(pattern) !== -1 ? undefined : { field, message: `must be ${description}` };
  },

  againstOutOfRange(
    field: string,
    value: number,
    min: number,
    max: number,
  ): ValidationIssue | undefined {
    return Number.isFinite(value) && value >= min && value <= max
      ? undefined
      : { field, message: `must be between ${min} and ${max}` };
  },

  /** Keeps the issues that were found; `undefined` means the check passed. */
  combine(...checks: Array<ValidationIssue | undefined>): ValidationIssue[] {
    return checks.filter((issue): issue is ValidationIssue => issue !== undefined);
  },

  /** `ok(value)` when no issue was found, otherwise one ValidationError with all of them. */
  toResult<T>(issues: readonly ValidationIssue[], make: () => T): Result<T, ValidationError> {
    return issues.length === 0 ? ok(make()) : err(new ValidationError(issues));
  },
};

type Unwrapped<R> = { [K in keyof R]: R[K] extends Result<infer T, ValidationError> ? T : never };

/**
 * Combines the results of several factories into one: all values when every one succeeded,
 * otherwise one ValidationError holding the issues of every failure.
 */
export function combine<R extends Record<string, Result<unknown, ValidationError>>>(
  results: R,
): Result<Unwrapped<R>, ValidationError> {
  const issues: ValidationIssue[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, result] of Object.entries(results)) {
    if (result.ok) values[key] = result.value;
    else issues.push(...result.error.issues);
  }
  return issues.length === 0 ? ok(values as Unwrapped<R>) : err(new ValidationError(issues));
}
