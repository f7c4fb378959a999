import { Command, CommandHandler, CommandMetadata } from './command';
import { DomainError, NotFoundError, ValidationError } from './errors';
import { err, ok, Result } from './result';

interface RenameMeetingPayload {
  meetingId: string;
  title: string;
}

class RenameMeeting extends Command<RenameMeetingPayload> {
  readonly commandName = 'RenameMeeting';

  private constructor(payload: RenameMeetingPayload, metadata?: Partial<CommandMetadata>) {
    super(payload, metadata);
  }

  static create(
    input: RenameMeetingPayload,
    metadata?: Partial<CommandMetadata>,
  ): Result<RenameMeeting, ValidationError> {
    return input.title.trim()
      ? ok(new RenameMeeting(input, metadata))
      : err(ValidationError.of('title', 'must not be empty'));
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const input = (): RenameMeetingPayload => ({ meetingId: 'm-1', title: 'Retro' });

const build = (metadata?: Partial<CommandMetadata>): RenameMeeting => {
  const result = RenameMeeting.create(input(), metadata);
  if (!result.ok) throw result.error;
  return result.value;
};

describe('Command', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps its name and payload', () => {
    const command = build();

    expect(command.commandName).toBe('RenameMeeting');
    expect(command.payload).toEqual(input());
  });

  describe('metadata defaults', () => {
    it('gets a UUID command id', () => {
      expect(build().metadata.commandId).toMatch(UUID);
    });

    it('gets a fresh command id each time', () => {
      expect(build().metadata.commandId).not.toBe(build().metadata.commandId);
    });

    it('uses the command id as correlation id', () => {
      const { metadata } = build();

      expect(metadata.correlationId).toBe(metadata.commandId);
    });

    it('is timestamped now, as an ISO string', () => {
      jest.useFakeTimers({ now: new Date('2024-06-01T09:00:00.000Z') });

      expect(build().metadata.timestamp).toBe('2024-06-01T09:00:00.000Z');
    });

    it('has a timestamp in ISO form with the real clock too', () => {
      const before = Date.now();
      const { timestamp } = build().metadata;
      const after = Date.now();

      expect(timestamp).toMatch(ISO);
      expect(Date.parse(timestamp)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(timestamp)).toBeLessThanOrEqual(after);
    });

    it('has no causation id nor user id unless given', () => {
      const { metadata } = build();

      expect(metadata.causationId).toBeUndefined();
      expect(metadata.userId).toBeUndefined();
      expect(Object.keys(metadata).sort()).toEqual(['commandId', 'correlationId', 'timestamp']);
    });

    it('treats an empty metadata object like none', () => {
      const { metadata } = build({});

      expect(metadata.commandId).toMatch(UUID);
      expect(metadata.correlationId).toBe(metadata.commandId);
      expect(metadata.timestamp).toMatch(ISO);
    });
  });

  describe('explicit metadata', () => {
    it('keeps every field it is given', () => {
      const given: CommandMetadata = {
        commandId: 'c-1',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        userId: 'user-1',
        timestamp: '2023-01-02T03:04:05.678Z',
      };

      expect(build(given).metadata).toStrictEqual(given);
    });

    it('uses a given command id as correlation id when none is given', () => {
      const { metadata } = build({ commandId: 'c-1' });

      expect(metadata.commandId).toBe('c-1');
      expect(metadata.correlationId).toBe('c-1');
    });

    it('keeps a given correlation id apart from a generated command id', () => {
      const { metadata } = build({ correlationId: 'corr-1' });

      expect(metadata.correlationId).toBe('corr-1');
      expect(metadata.commandId).toMatch(UUID);
    });

    it('fills in what is missing around a causation and user id', () => {
      const { metadata } = build({ causationId: 'cause-1', userId: 'user-1' });

      expect(metadata).toEqual({
        commandId: expect.stringMatching(UUID),
        correlationId: metadata.commandId,
        causationId: 'cause-1',
        userId: 'user-1',
        timestamp: expect.stringMatching(ISO),
      });
    });

    it('does not change the metadata object it was given', () => {
      const given: Partial<CommandMetadata> = { userId: 'user-1' };

      build(given);

      expect(given).toEqual({ userId: 'user-1' });
      expect(Object.isFrozen(given)).toBe(false);
    });
  });

  describe('metadata immutability', () => {
    it('is frozen', () => {
      expect(Object.isFrozen(build().metadata)).toBe(true);
    });

    it.each<keyof CommandMetadata>(['commandId', 'correlationId', 'timestamp', 'userId'])(
      'throws when %s is assigned',
      (key) => {
        const command = build({ userId: 'user-1' });
        const before = { ...command.metadata };

        expect(() => {
          (command.metadata as Mutable<CommandMetadata>)[key] = 'changed';
        }).toThrow(TypeError);
        expect(command.metadata).toStrictEqual(before);
      },
    );

    it('throws when a field is added', () => {
      const command = build();

      expect(() => {
        (command.metadata as Mutable<CommandMetadata>)['causationId'] = 'sneaky';
      }).toThrow(TypeError);
    });
  });

  describe('handler', () => {
    it('executes a command into a Result', async () => {
      const handler: CommandHandler<RenameMeeting, string> = {
        async execute(command): Promise<Result<string, DomainError>> {
          return command.payload.meetingId === 'm-1'
            ? ok(command.payload.title)
            : err(new NotFoundError('Meeting'));
        },
      };

      await expect(handler.execute(build())).resolves.toEqual(ok('Retro'));
    });
  });
});
