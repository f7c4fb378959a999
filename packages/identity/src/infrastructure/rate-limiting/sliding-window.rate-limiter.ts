import { Clock } from '../../application/ports/clock.port';
import {
  RateLimitDecision,
  RateLimiterPort,
} from '../../application/ports/rate-limiter.port';

export interface SlidingWindowOptions {
  /** Calls allowed per key in any window. */
  readonly limit: number;
  readonly windowMs: number;
  readonly clock: Clock;
}

/**
 * A sliding-window log: a key may make `limit` calls in any `windowMs`, with
 * no burst of twice the limit at a window boundary as fixed windows allow.
 * Refused calls are not counted, so a client that keeps hammering is
 * allowed again once its old calls leave the window.
 *
 * Memory: at most `limit` timestamps per key seen within the last two
 * windows; idle keys are swept once per window. This adapter is for one
 * process; several instances share a Redis sorted set with the same logic.
 */
export class SlidingWindowRateLimiter implements RateLimiterPort {
  private readonly hits = new Map<string, number[]>();
  private lastSweep: number;

  constructor(private readonly options: SlidingWindowOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new RangeError('limit must be a positive integer.');
    }
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0) {
      throw new RangeError('windowMs must be a positive number.');
    }
    this.lastSweep = options.clock.now().getTime();
  }

  async consume(key: string): Promise<RateLimitDecision> {
    const { limit, windowMs, clock } = this.options;
    const now = clock.now().getTime();
    this.sweepIfDue(now);
    const hits = (this.hits.get(key) ?? []).filter((at) => at > now - windowMs);
    if (hits.length >= limit) {
      this.hits.set(key, hits);
      return {
        allowed: false,
        remaining: 0,
        retryAfterMs: hits[0] + windowMs - now,
      };
    }
    hits.push(now);
    this.hits.set(key, hits);
    return { allowed: true, remaining: limit - hits.length, retryAfterMs: 0 };
  }

  /** How many keys are held in memory. */
  get trackedKeys(): number {
    return this.hits.size;
  }

  private sweepIfDue(now: number): void {
    if (now - this.lastSweep < this.options.windowMs) return;
    this.lastSweep = now;
    for (const [key, hits] of this.hits) {
      const live = hits.filter((at) => at > now - this.options.windowMs);
      if (live.length === 0) this.hits.delete(key);
      else this.hits.set(key, live);
    }
  }
}
