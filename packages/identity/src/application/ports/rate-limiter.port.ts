export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Calls left in the window after this one. */
  readonly remaining: number;
  /** When refused: how long until a call is allowed again. */
  readonly retryAfterMs: number;
}

/** Counts calls per key (a pseudonym, never a clear identifier). */
export interface RateLimiterPort {
  /** Counts one call for `key` if it is allowed; a refused call is not counted. */
  consume(key: string): Promise<RateLimitDecision>;
}
