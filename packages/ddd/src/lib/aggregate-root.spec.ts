import { AggregateRoot } from './aggregate-root';
import { DomainEvent } from './domain-event';
import { Identifier } from './identifier';

class MeetingId extends Identifier {
  private constructor(v: string) {
    super(v);
  }

  static generate() {
    return new MeetingId(Identifier.newValue());
  }
}

class MeetingRenamed extends DomainEvent<{ title: string }> {
  readonly eventName = 'meeting.renamed';

  constructor(aggregateId: string, title: string) {
    super({ aggregateId, payload: { title } });
  }
}

class Meeting extends AggregateRoot<MeetingId> {
  private constructor(
    id: MeetingId,
    private title: string,
  ) {
    super(id);
  }

  static create(title: string): Meeting {
    return new Meeting(MeetingId.generate(), title);
  }

  rename(title: string): void {
    this.title = title;
    this.record(new MeetingRenamed(this.id.value, title));
  }

  get currentTitle(): string {
    return this.title;
  }
}

const titles = (events: readonly DomainEvent[]) =>
  events.map((event) => (event as MeetingRenamed).payload.title);

describe('AggregateRoot', () => {
  it('keeps its id', () => {
    const meeting = Meeting.create('Standup');

    expect(meeting.id).toBeInstanceOf(MeetingId);
  });

  it('starts with no event', () => {
    const meeting = Meeting.create('Standup');

    expect(meeting.domainEvents).toEqual([]);
    expect(meeting.pullDomainEvents()).toEqual([]);
  });

  describe('record', () => {
    it('records the events of its state changes, in order', () => {
      const meeting = Meeting.create('Standup');

      meeting.rename('Retro');
      meeting.rename('Planning');

      expect(meeting.currentTitle).toBe('Planning');
      expect(meeting.domainEvents).toHaveLength(2);
      expect(meeting.domainEvents[0]).toBeInstanceOf(MeetingRenamed);
      expect(titles(meeting.domainEvents)).toEqual(['Retro', 'Planning']);
      expect(meeting.domainEvents.map((e) => e.aggregateId)).toEqual([
        meeting.id.value,
        meeting.id.value,
      ]);
    });

    it('keeps the events of each aggregate to itself', () => {
      const standup = Meeting.create('Standup');
      const retro = Meeting.create('Retro');

      standup.rename('Daily');

      expect(standup.domainEvents).toHaveLength(1);
      expect(retro.domainEvents).toHaveLength(0);
    });
  });

  describe('pullDomainEvents', () => {
    it('hands out the recorded events', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');
      meeting.rename('Planning');

      expect(titles(meeting.pullDomainEvents())).toEqual(['Retro', 'Planning']);
    });

    it('hands out each event once', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');

      meeting.pullDomainEvents();

      expect(meeting.pullDomainEvents()).toEqual([]);
      expect(meeting.domainEvents).toEqual([]);
    });

    it('hands out only the events recorded since the last pull', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');
      const first = meeting.pullDomainEvents();

      meeting.rename('Planning');
      const second = meeting.pullDomainEvents();

      expect(titles(first)).toEqual(['Retro']);
      expect(titles(second)).toEqual(['Planning']);
    });

    it('is not affected by what the caller does with the pulled list', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');
      const pulled = meeting.pullDomainEvents();

      pulled.length = 0;
      meeting.rename('Planning');

      expect(titles(meeting.domainEvents)).toEqual(['Planning']);
    });
  });

  describe('domainEvents', () => {
    it('does not consume the events', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');

      expect(meeting.domainEvents).toHaveLength(1);
      expect(meeting.domainEvents).toHaveLength(1);
      expect(titles(meeting.pullDomainEvents())).toEqual(['Retro']);
    });

    it('is a copy: changing it does not change the recorded events', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');

      const looked = meeting.domainEvents as DomainEvent[];
      looked.pop();
      looked.push(new MeetingRenamed(meeting.id.value, 'Injected'));

      expect(looked).not.toBe(meeting.domainEvents);
      expect(titles(meeting.domainEvents)).toEqual(['Retro']);
      expect(titles(meeting.pullDomainEvents())).toEqual(['Retro']);
    });

    it('holds the same event instances that are pulled later', () => {
      const meeting = Meeting.create('Standup');
      meeting.rename('Retro');

      const [looked] = meeting.domainEvents;
      const [pulled] = meeting.pullDomainEvents();

      expect(looked).toBe(pulled);
    });
  });
});
