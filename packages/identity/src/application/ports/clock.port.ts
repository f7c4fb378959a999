/** The time, injected so that expiry and rate limits can be tested. */
export interface Clock {
  now(): Date;
}
