import { Clock } from '../application/ports/clock.port';

/** A clock that moves only when a test moves it. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2030-01-01T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): this {
    this.current += ms;
    return this;
  }
}

export const MINUTE = 60 * 1000;
