import { DomainError } from '@mjomeet/ddd';

/**
 * What may be said about an error outside the process: its code or its
 * class name. Never its message or stack, which can hold personal data,
 * queries or paths.
 */
export function errorType(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  if (error instanceof Error) return error.constructor.name;
  return typeof error;
}
