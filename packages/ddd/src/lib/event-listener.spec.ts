import { DomainEvent } from './domain-event';
import { DomainEventListener, EventDispatcher, ListenerFailure } from './event-listener';

class MeetingScheduled extends DomainEvent<{ title: string }> {
  readonly eventName = 'meeting.scheduled';

  constructor(eventId: string, title = 'Standup') {
    super({ aggregateId: 'm-1', payload: { title }, eventId });
  }
}

class MeetingCancelled extends DomainEvent<{ reason: string }> {
  readonly eventName = 'meeting.cancelled';

  constructor(eventId: string) {
    super({ aggregateId: 'm-1', payload: { reason: 'ill' }, eventId });
  }
}

/** A listener that records what it received, and behaves as `behaviour` says. */
function listener<E extends DomainEvent>(
  name: string,
  listensTo: string,
  behaviour: (event: E) => Promise<void> = async () => undefined,
): DomainEventListener<E> & { received: E[] } {
  const received: E[] = [];
  return {
    name,
    listensTo,
    received,
    handle(event: E): Promise<void> {
      received.push(event);
      return behaviour(event);
    },
  };
}

describe('EventDispatcher', () => {
  it('delivers an event to every listener of its name', async () => {
    const mailer = listener('Mailer', 'meeting.scheduled');
    const calendar = listener('Calendar', 'meeting.scheduled');
    const event = new MeetingScheduled('e-1');

    const failures = await new EventDispatcher()
      .register(mailer)
      .register(calendar)
      .publish([event]);

    expect(failures).toEqual([]);
    expect(mailer.received).toEqual([event]);
    expect(calendar.received).toEqual([event]);
    expect(mailer.received[0]).toBe(event);
  });

  it('delivers only to the listeners of that event name', async () => {
    const onScheduled = listener('OnScheduled', 'meeting.scheduled');
    const onCancelled = listener('OnCancelled', 'meeting.cancelled');
    const scheduled = new MeetingScheduled('e-1');
    const cancelled = new MeetingCancelled('e-2');

    await new EventDispatcher()
      .register(onScheduled)
      .register(onCancelled)
      .publish([scheduled, cancelled]);

    expect(onScheduled.received).toEqual([scheduled]);
    expect(onCancelled.received).toEqual([cancelled]);
  });

  it('delivers several events in the order given', async () => {
    const recorder = listener<MeetingScheduled>('Recorder', 'meeting.scheduled');

    await new EventDispatcher()
      .register(recorder)
      .publish([
        new MeetingScheduled('e-1'),
        new MeetingScheduled('e-2'),
        new MeetingScheduled('e-3'),
      ]);

    expect(recorder.received.map((e) => e.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('waits for the listeners to finish before it resolves', async () => {
    const done: string[] = [];
    const slow = listener('Slow', 'meeting.scheduled', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push('slow');
    });

    await new EventDispatcher().register(slow).publish([new MeetingScheduled('e-1')]);

    expect(done).toEqual(['slow']);
  });

  it('returns no failure, and reports none, when no listener handles the event', async () => {
    const onFailure = jest.fn();

    const failures = await new EventDispatcher(onFailure).publish([new MeetingScheduled('e-1')]);

    expect(failures).toEqual([]);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('returns no failure when a listener exists only for other events', async () => {
    const other = listener('Other', 'meeting.cancelled');

    await expect(
      new EventDispatcher().register(other).publish([new MeetingScheduled('e-1')]),
    ).resolves.toEqual([]);
    expect(other.received).toEqual([]);
  });

  it('returns no failure for no event', async () => {
    const any = listener('Any', 'meeting.scheduled');

    await expect(new EventDispatcher().register(any).publish([])).resolves.toEqual([]);
    expect(any.received).toEqual([]);
  });

  it('works without an onFailure callback', async () => {
    const failing = listener('Failing', 'meeting.scheduled', async () => {
      throw new Error('down');
    });

    const failures = await new EventDispatcher()
      .register(failing)
      .publish([new MeetingScheduled('e-1')]);

    expect(failures).toHaveLength(1);
  });

  describe('a failing listener', () => {
    const boom = new Error('SMTP is down');

    it.each<[string, (event: DomainEvent) => Promise<void>]>([
      [
        'throws inside an async handle',
        async () => {
          throw boom;
        },
      ],
      ['returns a rejected promise', () => Promise.reject(boom)],
      [
        'rejects later, after an await',
        async () => {
          await Promise.resolve();
          throw boom;
        },
      ],
      [
        'throws synchronously before returning a promise',
        () => {
          throw boom;
        },
      ],
    ])('that %s does not stop the others', async (_label, behaviour) => {
      const before = listener('Before', 'meeting.scheduled');
      const failing = listener('Mailer', 'meeting.scheduled', behaviour);
      const after = listener('After', 'meeting.scheduled');
      const onFailure = jest.fn();
      const event = new MeetingScheduled('e-1');
      const next = new MeetingScheduled('e-2');

      const failures = await new EventDispatcher(onFailure)
        .register(before)
        .register(failing)
        .register(after)
        .publish([event, next]);

      const expected: ListenerFailure[] = [
        { listener: 'Mailer', eventName: 'meeting.scheduled', eventId: 'e-1', error: boom },
        { listener: 'Mailer', eventName: 'meeting.scheduled', eventId: 'e-2', error: boom },
      ];
      expect(failures).toEqual(expected);
      expect(failures[0].error).toBe(boom);
      expect(onFailure.mock.calls).toEqual([[expected[0]], [expected[1]]]);
      expect(before.received).toEqual([event, next]);
      expect(after.received).toEqual([event, next]);
    });

    it('is reported with its listener name, event name and event id, once per failure', async () => {
      const reported: ListenerFailure[] = [];
      const mailer = listener('Mailer', 'meeting.scheduled', async () => {
        throw new Error('mail');
      });
      const sms = listener('Sms', 'meeting.scheduled', () => Promise.reject('no signal'));
      const audit = listener('Audit', 'meeting.cancelled', async () => {
        throw new Error('audit');
      });
      const fine = listener('Fine', 'meeting.cancelled');

      const failures = await new EventDispatcher((failure) => reported.push(failure))
        .register(mailer)
        .register(sms)
        .register(audit)
        .register(fine)
        .publish([new MeetingScheduled('e-1'), new MeetingCancelled('e-2')]);

      expect(failures).toEqual([
        {
          listener: 'Mailer',
          eventName: 'meeting.scheduled',
          eventId: 'e-1',
          error: new Error('mail'),
        },
        { listener: 'Sms', eventName: 'meeting.scheduled', eventId: 'e-1', error: 'no signal' },
        {
          listener: 'Audit',
          eventName: 'meeting.cancelled',
          eventId: 'e-2',
          error: new Error('audit'),
        },
      ]);
      expect(reported).toEqual(failures);
      expect(fine.received).toHaveLength(1);
    });

    it('does not make publish reject', async () => {
      const failing = listener('Failing', 'meeting.scheduled', async () => {
        throw new Error('down');
      });

      await expect(
        new EventDispatcher().register(failing).publish([new MeetingScheduled('e-1')]),
      ).resolves.toHaveLength(1);
    });
  });

  it('runs the listeners of one event concurrently', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const waiting = listener('Waiting', 'meeting.scheduled', async () => {
      order.push('waiting:start');
      await gate;
      order.push('waiting:end');
    });
    const releasing = listener('Releasing', 'meeting.scheduled', async () => {
      order.push('releasing');
      release();
    });

    await new EventDispatcher()
      .register(waiting)
      .register(releasing)
      .publish([new MeetingScheduled('e-1')]);

    expect(order).toEqual(['waiting:start', 'releasing', 'waiting:end']);
  });

  it('still returns the failures when the onFailure reporter itself throws', async () => {
    const dispatcher = new EventDispatcher(() => {
      throw new Error('reporter down');
    }).register(
      listener('Broken', 'meeting.scheduled', async () => {
        throw new Error('listener down');
      }),
    );

    const failures = await dispatcher.publish([new MeetingScheduled('e-1')]);

    expect(failures.map((failure) => failure.listener)).toEqual(['Broken']);
  });

  it('returns the dispatcher from register, for chaining', () => {
    const dispatcher = new EventDispatcher();

    expect(dispatcher.register(listener('A', 'meeting.scheduled'))).toBe(dispatcher);
  });
});
