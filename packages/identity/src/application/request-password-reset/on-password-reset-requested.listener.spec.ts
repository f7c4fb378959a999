import {
  DomainEventListener,
  EventDispatcher,
  ListenerFailure,
  ScheduledCommand,
} from '@mjomeet/ddd';
import {
  ExpirePasswordResetScheduledCommand,
  OnPasswordResetRequestedListener,
  PasswordResetId,
  PasswordResetRequested,
} from '../../index';

describe('OnPasswordResetRequestedListener', () => {
  const event = new PasswordResetRequested({
    aggregateId: PasswordResetId.generate().value,
    payload: {
      accountId: '0b5e3a4c-1d2f-4a6b-8c9d-0e1f2a3b4c5d',
      expiresAt: '2030-01-01T09:30:00.000Z',
    },
  });

  it('schedules ExpirePasswordReset at the expiry time', async () => {
    const scheduled: ScheduledCommand[] = [];
    const listener = new OnPasswordResetRequestedListener({
      schedule: async (command) => void scheduled.push(command),
    });

    await listener.handle(event);

    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toBeInstanceOf(ExpirePasswordResetScheduledCommand);
    expect(scheduled[0].payload).toEqual({
      passwordResetId: event.aggregateId,
    });
    expect(scheduled[0].runAt.toISOString()).toBe('2030-01-01T09:30:00.000Z');
  });

  it('refuses an event whose expiry is not a date-time', async () => {
    const listener = new OnPasswordResetRequestedListener({
      schedule: jest.fn(),
    });
    const broken = new PasswordResetRequested({
      aggregateId: event.aggregateId,
      payload: { ...event.payload, expiresAt: 'tomorrow' },
    });

    await expect(listener.handle(broken)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('fails in isolation: other listeners still run', async () => {
    const failing = new OnPasswordResetRequestedListener({
      schedule: async () => {
        throw new Error('scheduler unavailable');
      },
    });
    const other: DomainEventListener<PasswordResetRequested> = {
      listensTo: PasswordResetRequested.EVENT_NAME,
      name: 'other',
      handle: jest.fn(async () => undefined),
    };
    const reported: ListenerFailure[] = [];
    const dispatcher = new EventDispatcher((failure) => reported.push(failure));
    dispatcher.register(failing).register(other);

    const failures = await dispatcher.publish([event]);

    expect(other.handle).toHaveBeenCalledWith(event);
    expect(failures.map((failure) => failure.listener)).toEqual([
      'OnPasswordResetRequestedListener',
    ]);
    expect(reported).toEqual(failures);
  });
});
