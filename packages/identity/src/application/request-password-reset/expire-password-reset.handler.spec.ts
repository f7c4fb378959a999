import {
  DomainEvent,
  EventPublisher,
  ScheduledCommand,
  unwrap,
} from '@mjomeet/ddd';
import {
  AccountId,
  ExpirePasswordResetHandler,
  ExpirePasswordResetScheduledCommand,
  InMemoryPasswordResetRepository,
  PasswordReset,
  PasswordResetExpired,
  PasswordResetId,
  ResetToken,
} from '../../index';
import { ManualClock, MINUTE } from '../../testing/manual-clock';

describe('ExpirePasswordResetHandler', () => {
  async function setUp() {
    const clock = new ManualClock('2030-01-01T09:00:00.000Z');
    const resets = new InMemoryPasswordResetRepository();
    const published: DomainEvent[] = [];
    const events: EventPublisher = {
      publish: async (recorded) => {
        published.push(...recorded);
        return [];
      },
    };
    const rescheduled: ScheduledCommand[] = [];
    const scheduler = {
      schedule: async (c: ScheduledCommand) => void rescheduled.push(c),
    };
    const reset = unwrap(
      PasswordReset.request({
        accountId: AccountId.generate(),
        token: ResetToken.issue(new Date(clock.now().getTime() + 30 * MINUTE))
          .token,
        requestedAt: clock.now(),
      }),
    );
    reset.pullDomainEvents();
    await resets.save(reset);
    const handler = new ExpirePasswordResetHandler(
      resets,
      events,
      scheduler,
      clock,
    );
    const command = ExpirePasswordResetScheduledCommand.create(
      reset.id,
      reset.expiresAt,
    );
    return { clock, resets, published, rescheduled, reset, handler, command };
  }

  it('expires when due and publishes PasswordResetExpired', async () => {
    const { clock, resets, published, reset, handler, command } = await setUp();
    clock.advance(30 * MINUTE);

    const result = await handler.execute(command);

    expect(result.ok).toBe(true);
    expect((await resets.findById(reset.id))?.status).toBe('expired');
    expect(published.map((event) => event.constructor)).toEqual([
      PasswordResetExpired,
    ]);
  });

  it('is idempotent: a second delivery changes nothing', async () => {
    const { clock, published, handler, command } = await setUp();
    clock.advance(30 * MINUTE);
    await handler.execute(command);

    const again = await handler.execute(command);

    expect(again.ok).toBe(true);
    expect(published).toHaveLength(1);
  });

  it('does nothing for a request that is gone (purged)', async () => {
    const { handler, published } = await setUp();
    const gone = ExpirePasswordResetScheduledCommand.create(
      PasswordResetId.generate(),
      new Date(),
    );

    expect((await handler.execute(gone)).ok).toBe(true);
    expect(published).toEqual([]);
  });

  it('run too early, schedules itself again for the expiry time', async () => {
    const { resets, reset, rescheduled, handler, command } = await setUp();

    const result = await handler.execute(command);

    expect(result.ok).toBe(true);
    expect((await resets.findById(reset.id))?.status).toBe('active');
    expect(rescheduled.map((c) => c.toPrimitives())).toEqual([
      command.toPrimitives(),
    ]);
  });
});
