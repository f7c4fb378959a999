import { ValidationError } from './errors';
import { combine, Guard } from './guard';
import { err, ok, Result, unwrap } from './result';
import {
  parseRunAt,
  ScheduledCommand,
  ScheduledCommandFactory,
  ScheduledCommandPrimitives,
  ScheduledCommandRegistry,
} from './scheduled-command';

interface SendReminderPayload {
  [key: string]: string | number;
  meetingId: string;
  minutesBefore: number;
}

class SendReminder extends ScheduledCommand<SendReminderPayload> {
  readonly type = 'meeting.sendReminder';
  readonly version = 1;

  private constructor(runAt: Date, payload: SendReminderPayload) {
    super(runAt, payload);
  }

  static create(runAt: Date, payload: SendReminderPayload): SendReminder {
    return new SendReminder(runAt, payload);
  }

  static fromPrimitives(
    primitives: ScheduledCommandPrimitives,
  ): Result<SendReminder, ValidationError> {
    const { meetingId, minutesBefore } = primitives.payload;
    const payload = Guard.toResult(
      Guard.combine(
        typeof meetingId === 'string'
          ? Guard.againstEmpty('meetingId', meetingId)
          : { field: 'meetingId', message: 'must be a string' },
        typeof minutesBefore === 'number'
          ? Guard.againstOutOfRange('minutesBefore', minutesBefore, 0, 1440)
          : { field: 'minutesBefore', message: 'must be a number' },
      ),
      () => ({ meetingId: meetingId as string, minutesBefore: minutesBefore as number }),
    );
    const parts = combine({ runAt: parseRunAt(primitives.runAt), payload });
    return parts.ok ? ok(new SendReminder(parts.value.runAt, parts.value.payload)) : parts;
  }
}

/** Version 2 of the same command: a later release reads both. */
class SendReminderV2 extends ScheduledCommand<{ meetingId: string }> {
  readonly type = 'meeting.sendReminder';
  readonly version = 2;

  constructor(runAt: Date, payload: { meetingId: string }) {
    super(runAt, payload);
  }
}

class ExpireInvitation extends ScheduledCommand<{ invitationId: string }> {
  readonly type = 'invitation.expire';
  readonly version = 1;

  constructor(runAt: Date, payload: { invitationId: string }) {
    super(runAt, payload);
  }
}

const RUN_AT = '2024-06-01T08:45:00.000Z';
const reminder = () =>
  SendReminder.create(new Date(RUN_AT), { meetingId: 'm-1', minutesBefore: 15 });
const registry = () =>
  new ScheduledCommandRegistry().register('meeting.sendReminder', 1, SendReminder.fromPrimitives);

const issuesOf = <T>(result: Result<T, ValidationError>) => {
  if (result.ok) throw new Error('expected an Err');
  expect(result.error).toBeInstanceOf(ValidationError);
  return result.error.issues;
};

describe('ScheduledCommand', () => {
  it('keeps its runAt and payload', () => {
    const command = reminder();

    expect(command.runAt).toEqual(new Date(RUN_AT));
    expect(command.payload).toEqual({ meetingId: 'm-1', minutesBefore: 15 });
  });

  describe('toPrimitives', () => {
    it('gives the type, version, runAt as an ISO string and payload', () => {
      const expected: ScheduledCommandPrimitives<SendReminderPayload> = {
        type: 'meeting.sendReminder',
        version: 1,
        runAt: RUN_AT,
        payload: { meetingId: 'm-1', minutesBefore: 15 },
      };

      expect(reminder().toPrimitives()).toStrictEqual(expected);
    });

    it('hands out a copy of the payload', () => {
      const command = reminder();

      const primitives = command.toPrimitives();
      primitives.payload.minutesBefore = 60;

      expect(command.payload.minutesBefore).toBe(15);
    });
  });

  describe('serialize', () => {
    it('is the JSON of its primitives', () => {
      const command = reminder();

      expect(JSON.parse(command.serialize())).toStrictEqual(command.toPrimitives());
    });

    it('is a string in the documented wire form', () => {
      expect(reminder().serialize()).toBe(
        '{"type":"meeting.sendReminder","version":1,"runAt":"2024-06-01T08:45:00.000Z",' +
          '"payload":{"meetingId":"m-1","minutesBefore":15}}',
      );
    });
  });
});

describe('ScheduledCommandRegistry', () => {
  it('round-trips: serialize → deserialize gives equal primitives', () => {
    const original = reminder();

    const rebuilt = unwrap(registry().deserialize(original.serialize()));

    expect(rebuilt).toBeInstanceOf(SendReminder);
    expect(rebuilt.toPrimitives()).toStrictEqual(original.toPrimitives());
    expect(rebuilt.runAt.getTime()).toBe(original.runAt.getTime());
    expect(rebuilt.serialize()).toBe(original.serialize());
  });

  it('hands the parsed primitives to the registered factory and returns its result', () => {
    const rebuilt = new ExpireInvitation(new Date(RUN_AT), { invitationId: 'i-1' });
    const factory = jest.fn<
      ReturnType<ScheduledCommandFactory>,
      Parameters<ScheduledCommandFactory>
    >(() => ok(rebuilt));
    const json = rebuilt.serialize();

    const result = new ScheduledCommandRegistry()
      .register('invitation.expire', 1, factory)
      .deserialize(json);

    expect(factory).toHaveBeenCalledTimes(1);
    expect(factory).toHaveBeenCalledWith(JSON.parse(json));
    expect(unwrap(result)).toBe(rebuilt);
  });

  it('picks the factory of the right type and version', () => {
    const v1 = jest.fn<ReturnType<ScheduledCommandFactory>, Parameters<ScheduledCommandFactory>>(
      (p) => SendReminder.fromPrimitives(p),
    );
    const v2 = jest.fn<ReturnType<ScheduledCommandFactory>, Parameters<ScheduledCommandFactory>>(
      (p) => ok(new SendReminderV2(new Date(p.runAt), { meetingId: String(p.payload.meetingId) })),
    );
    const expire = jest.fn<
      ReturnType<ScheduledCommandFactory>,
      Parameters<ScheduledCommandFactory>
    >();
    const subject = new ScheduledCommandRegistry()
      .register('meeting.sendReminder', 1, v1)
      .register('meeting.sendReminder', 2, v2)
      .register('invitation.expire', 1, expire);

    const result = subject.deserialize(
      new SendReminderV2(new Date(RUN_AT), { meetingId: 'm-1' }).serialize(),
    );

    expect(unwrap(result)).toBeInstanceOf(SendReminderV2);
    expect(v2).toHaveBeenCalledTimes(1);
    expect(v1).not.toHaveBeenCalled();
    expect(expire).not.toHaveBeenCalled();
  });

  it('lets a later registration of the same type and version replace the earlier one', () => {
    const replacement = new ExpireInvitation(new Date(RUN_AT), { invitationId: 'i-2' });
    const subject = registry().register('meeting.sendReminder', 1, () => ok(replacement));

    expect(unwrap(subject.deserialize(reminder().serialize()))).toBe(replacement);
  });

  it('returns the registry from register, for chaining', () => {
    const subject = new ScheduledCommandRegistry();

    expect(subject.register('x', 1, SendReminder.fromPrimitives)).toBe(subject);
  });

  it('passes on the ValidationError of the factory', () => {
    const json = JSON.stringify({
      type: 'meeting.sendReminder',
      version: 1,
      runAt: 'tomorrow',
      payload: { meetingId: '', minutesBefore: 'soon' },
    });

    expect(issuesOf(registry().deserialize(json))).toEqual([
      { field: 'runAt', message: 'must be an ISO-8601 date-time' },
      { field: 'meetingId', message: 'must not be empty' },
      { field: 'minutesBefore', message: 'must be a number' },
    ]);
  });

  describe('unknown commands', () => {
    it.each([
      ['an unknown type', 'meeting.cancel', 1, 'meeting.cancel@1'],
      ['a known type with an unknown version', 'meeting.sendReminder', 2, 'meeting.sendReminder@2'],
      ['a known type with version 0', 'meeting.sendReminder', 0, 'meeting.sendReminder@0'],
      ['a type that differs only in case', 'Meeting.SendReminder', 1, 'Meeting.SendReminder@1'],
    ])('rejects %s, naming it', (_label, type, version, named) => {
      const json = JSON.stringify({ type, version, runAt: RUN_AT, payload: { meetingId: 'm-1' } });

      expect(issuesOf(registry().deserialize(json))).toEqual([
        { field: 'type', message: `no scheduled command is registered as ${named}` },
      ]);
    });

    it('rejects everything when nothing is registered', () => {
      expect(issuesOf(new ScheduledCommandRegistry().deserialize(reminder().serialize()))).toEqual([
        {
          field: 'type',
          message: 'no scheduled command is registered as meeting.sendReminder@1',
        },
      ]);
    });
  });

  describe('invalid JSON', () => {
    it.each([
      ['an empty string', ''],
      ['a cut-off object', '{"type":"meeting.sendReminder",'],
      ['plain text', 'send a reminder'],
      ['single quotes', "{'type':'x'}"],
      ['undefined as text', 'undefined'],
    ])('rejects %s', (_label, json) => {
      expect(issuesOf(registry().deserialize(json))).toEqual([
        { field: 'scheduledCommand', message: 'is not valid JSON' },
      ]);
    });
  });

  describe('wrong shape', () => {
    const valid = { type: 'meeting.sendReminder', version: 1, runAt: RUN_AT, payload: {} };
    const without = (key: keyof typeof valid) => {
      const copy: Record<string, unknown> = { ...valid };
      delete copy[key];
      return copy;
    };

    it.each<[string, unknown]>([
      ['null', null],
      ['a number', 42],
      ['a string', 'meeting.sendReminder'],
      ['a boolean', true],
      ['an array', [valid]],
      ['an empty object', {}],
      ['a missing type', without('type')],
      ['a missing version', without('version')],
      ['a missing runAt', without('runAt')],
      ['a missing payload', without('payload')],
      ['a type that is not a string', { ...valid, type: 1 }],
      ['a version that is a string', { ...valid, version: '1' }],
      ['a runAt that is a number', { ...valid, runAt: Date.parse(RUN_AT) }],
      ['a null payload', { ...valid, payload: null }],
      ['an array payload', { ...valid, payload: [] }],
      ['an array payload with entries', { ...valid, payload: [{ meetingId: 'm-1' }] }],
      ['a string payload', { ...valid, payload: '{"meetingId":"m-1"}' }],
      ['a number payload', { ...valid, payload: 1 }],
    ])('rejects %s', (_label, value) => {
      expect(issuesOf(registry().deserialize(JSON.stringify(value)))).toEqual([
        {
          field: 'scheduledCommand',
          message: 'must have a type, a version, a runAt and a payload',
        },
      ]);
    });

    it('does not call any factory for a wrong shape', () => {
      const factory = jest.fn<
        ReturnType<ScheduledCommandFactory>,
        Parameters<ScheduledCommandFactory>
      >();
      const subject = new ScheduledCommandRegistry().register('meeting.sendReminder', 1, factory);

      subject.deserialize(JSON.stringify({ ...valid, payload: [] }));

      expect(factory).not.toHaveBeenCalled();
    });

    it('accepts an empty payload object, leaving its content to the factory', () => {
      const factory = jest.fn<
        ReturnType<ScheduledCommandFactory>,
        Parameters<ScheduledCommandFactory>
      >(() => err(ValidationError.of('meetingId', 'must not be empty')));
      const subject = new ScheduledCommandRegistry().register('meeting.sendReminder', 1, factory);

      const result = subject.deserialize(JSON.stringify(valid));

      expect(factory).toHaveBeenCalledWith(valid);
      expect(issuesOf(result)).toEqual([{ field: 'meetingId', message: 'must not be empty' }]);
    });
  });
});

describe('parseRunAt', () => {
  it.each([
    ['a UTC date-time with milliseconds', '2024-06-01T08:45:00.000Z', '2024-06-01T08:45:00.000Z'],
    ['a UTC date-time without milliseconds', '2024-06-01T08:45:00Z', '2024-06-01T08:45:00.000Z'],
    ['a date-time with a positive offset', '2024-06-01T10:45:00+02:00', '2024-06-01T08:45:00.000Z'],
    ['a date-time with a negative offset', '2024-06-01T03:45:00-05:00', '2024-06-01T08:45:00.000Z'],
    ['a leap day', '2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['what toISOString gives', new Date(RUN_AT).toISOString(), RUN_AT],
  ])('accepts %s', (_label, runAt, instant) => {
    const result = parseRunAt(runAt);

    expect(unwrap(result)).toBeInstanceOf(Date);
    expect(unwrap(result).toISOString()).toBe(instant);
  });

  it.each([
    ['an empty string', ''],
    ['white space', '   '],
    ['garbage', 'tomorrow at nine'],
    ['a month that does not exist', '2024-13-01T00:00:00Z'],
    ['an hour that does not exist', '2024-06-01T25:00:00Z'],
    ['a day that does not exist', '2024-02-30T10:00:00Z'],
    ['a leap day in a common year', '2023-02-29T10:00:00Z'],
    ['a bare number', '1'],
    ['a timestamp in milliseconds', String(Date.parse(RUN_AT))],
    ['an English date', 'June 1, 2024 08:45'],
    ['a date-time without a time zone (local time differs per machine)', '2024-06-01T08:45:00'],
    ['a date without a time', '2024-06-01'],
  ])('rejects %s, naming the field', (_label, runAt) => {
    expect(issuesOf(parseRunAt(runAt))).toEqual([
      { field: 'runAt', message: 'must be an ISO-8601 date-time' },
    ]);
  });
});
