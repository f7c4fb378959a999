import { DomainEvent, DomainEventPrimitives, DomainEventProps } from './domain-event';

interface MeetingScheduledPayload {
  [key: string]: string | number | string[];
  title: string;
  minutes: number;
  attendees: string[];
}

class MeetingScheduled extends DomainEvent<MeetingScheduledPayload> {
  readonly eventName = 'meeting.scheduled';

  constructor(props: DomainEventProps<MeetingScheduledPayload>) {
    super(props);
  }
}

const AGGREGATE_ID = '3f2b8c1e-9d4a-4e6f-8b7c-1a2b3c4d5e6f';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const payload = (): MeetingScheduledPayload => ({
  title: 'Standup',
  minutes: 15,
  attendees: ['ana', 'bo'],
});

describe('DomainEvent', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('defaults', () => {
    it('gets a UUID event id', () => {
      const event = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });

      expect(event.eventId).toMatch(UUID);
    });

    it('gets a fresh event id each time', () => {
      const first = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });
      const second = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });

      expect(first.eventId).not.toBe(second.eventId);
    });

    it('occurs now', () => {
      jest.useFakeTimers({ now: new Date('2024-06-01T09:00:00.000Z') });

      const event = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });

      expect(event.occurredAt).toBeInstanceOf(Date);
      expect(event.occurredAt.toISOString()).toBe('2024-06-01T09:00:00.000Z');
    });

    it('is version 1', () => {
      expect(new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() }).version).toBe(
        1,
      );
    });

    it('keeps its aggregate id, name and payload', () => {
      const event = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });

      expect(event.aggregateId).toBe(AGGREGATE_ID);
      expect(event.eventName).toBe('meeting.scheduled');
      expect(event.payload).toEqual(payload());
    });
  });

  describe('explicit values', () => {
    it('keeps the event id, occurredAt and version it is given', () => {
      const occurredAt = new Date('2023-01-02T03:04:05.678Z');

      const event = new MeetingScheduled({
        aggregateId: AGGREGATE_ID,
        payload: payload(),
        eventId: 'e-1',
        occurredAt,
        version: 3,
      });

      expect(event.eventId).toBe('e-1');
      expect(event.occurredAt).toBe(occurredAt);
      expect(event.version).toBe(3);
    });

    it('keeps a version of 0 rather than defaulting it', () => {
      const event = new MeetingScheduled({
        aggregateId: AGGREGATE_ID,
        payload: payload(),
        version: 0,
      });

      expect(event.version).toBe(0);
    });
  });

  describe('payload', () => {
    it('is frozen', () => {
      const event = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });

      expect(Object.isFrozen(event.payload)).toBe(true);
      expect(() => {
        (event.payload as MeetingScheduledPayload).title = 'Retro';
      }).toThrow(TypeError);
      expect(event.payload.title).toBe('Standup');
    });

    it('is a copy: changing the object it was built from does not change the event', () => {
      const source = payload();
      const event = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: source });

      source.title = 'Retro';

      expect(event.payload.title).toBe('Standup');
      expect(Object.isFrozen(source)).toBe(false);
    });
  });

  describe('toJSON', () => {
    const event = () =>
      new MeetingScheduled({
        aggregateId: AGGREGATE_ID,
        payload: payload(),
        eventId: 'e-1',
        occurredAt: new Date('2024-06-01T09:00:00.000Z'),
        version: 2,
      });

    it('has the primitives shape, with the date as an ISO string', () => {
      const expected: DomainEventPrimitives<MeetingScheduledPayload> = {
        eventId: 'e-1',
        eventName: 'meeting.scheduled',
        aggregateId: AGGREGATE_ID,
        occurredAt: '2024-06-01T09:00:00.000Z',
        version: 2,
        payload: { title: 'Standup', minutes: 15, attendees: ['ana', 'bo'] },
      };

      expect(event().toJSON()).toStrictEqual(expected);
    });

    it('includes the default id and date too', () => {
      jest.useFakeTimers({ now: new Date('2024-06-01T09:00:00.000Z') });
      const fresh = new MeetingScheduled({ aggregateId: AGGREGATE_ID, payload: payload() });

      const json = fresh.toJSON();

      expect(json.eventId).toBe(fresh.eventId);
      expect(json.occurredAt).toBe('2024-06-01T09:00:00.000Z');
      expect(json.version).toBe(1);
    });

    it('hands out a payload that is a copy, not the frozen original', () => {
      const original = event();

      const json = original.toJSON();

      expect(json.payload).not.toBe(original.payload);
      expect(Object.isFrozen(json.payload)).toBe(false);
    });

    it('survives a JSON.stringify round trip', () => {
      const original = event();

      const parsed: unknown = JSON.parse(JSON.stringify(original));

      expect(parsed).toStrictEqual(original.toJSON());
    });

    it('round-trips back into an equal event', () => {
      const original = event();
      const parsed = JSON.parse(
        JSON.stringify(original),
      ) as DomainEventPrimitives<MeetingScheduledPayload>;

      const rebuilt = new MeetingScheduled({
        aggregateId: parsed.aggregateId,
        payload: parsed.payload,
        eventId: parsed.eventId,
        occurredAt: new Date(parsed.occurredAt),
        version: parsed.version,
      });

      expect(rebuilt.toJSON()).toStrictEqual(original.toJSON());
    });
  });
});
