import { SlidingWindowRateLimiter } from '../../index';
import { ManualClock, MINUTE } from '../../testing/manual-clock';

describe('SlidingWindowRateLimiter', () => {
  const setUp = (limit = 3, windowMs = 10 * MINUTE) => {
    const clock = new ManualClock();
    return {
      clock,
      limiter: new SlidingWindowRateLimiter({ limit, windowMs, clock }),
    };
  };

  it('allows N calls of a burst and refuses the rest', async () => {
    const { limiter } = setUp(3);

    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.consume('k'));

    expect(decisions.map((d) => d.allowed)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0, 0]);
  });

  it('counts each key on its own', async () => {
    const { limiter } = setUp(1);

    expect((await limiter.consume('a')).allowed).toBe(true);
    expect((await limiter.consume('b')).allowed).toBe(true);
    expect((await limiter.consume('a')).allowed).toBe(false);
  });

  it('slides: allows again when the oldest call leaves', async () => {
    const { limiter, clock } = setUp(2, 10 * MINUTE);
    await limiter.consume('k');
    clock.advance(6 * MINUTE);
    await limiter.consume('k');

    const refused = await limiter.consume('k');
    clock.advance(4 * MINUTE - 1);
    const stillRefused = await limiter.consume('k');
    clock.advance(1);
    const allowed = await limiter.consume('k');

    expect(refused).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterMs: 4 * MINUTE,
    });
    expect(stillRefused.allowed).toBe(false);
    expect(allowed.allowed).toBe(true);
  });

  it('has no double burst at a boundary, unlike fixed windows', async () => {
    const { limiter, clock } = setUp(3, 10 * MINUTE);
    clock.advance(9 * MINUTE);
    for (let i = 0; i < 3; i++) await limiter.consume('k');
    clock.advance(2 * MINUTE);

    expect((await limiter.consume('k')).allowed).toBe(false);
  });

  it('does not count refused calls: hammering never extends', async () => {
    const { limiter, clock } = setUp(1, 10 * MINUTE);
    await limiter.consume('k');
    for (let i = 0; i < 9; i++) {
      clock.advance(MINUTE);
      await limiter.consume('k');
    }
    clock.advance(MINUTE);

    expect((await limiter.consume('k')).allowed).toBe(true);
  });

  it('load: keeps memory bounded under 10,000 distinct keys', async () => {
    const { limiter, clock } = setUp(3, 10 * MINUTE);
    for (let i = 0; i < 10_000; i++) await limiter.consume(`key-${i}`);
    expect(limiter.trackedKeys).toBe(10_000);

    clock.advance(10 * MINUTE);
    await limiter.consume('later');

    expect(limiter.trackedKeys).toBe(1);
  });

  it.each([
    [0, MINUTE],
    [1.5, MINUTE],
    [1, 0],
  ])('refuses a limit of %j per %j ms', (limit, windowMs) => {
    expect(
      () =>
        new SlidingWindowRateLimiter({
          limit,
          windowMs,
          clock: new ManualClock(),
        }),
    ).toThrow(RangeError);
  });
});
