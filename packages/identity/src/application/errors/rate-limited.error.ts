import { DomainError } from '@mjomeet/ddd';

/** Too many calls for one key; the response says when to try again. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';

  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests.');
  }
}
