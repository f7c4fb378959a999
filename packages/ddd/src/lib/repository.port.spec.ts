import { AggregateRoot } from './aggregate-root';
import { Identifier } from './identifier';
import { InMemoryRepository, RepositoryPort } from './repository.port';
import { unwrap } from './result';

class MeetingId extends Identifier {
  private constructor(v: string) {
    super(v);
  }

  static generate() {
    return new MeetingId(Identifier.newValue());
  }

  static create(v: string) {
    return Identifier.parse('meetingId', v, (x) => new MeetingId(x));
  }
}

class Meeting extends AggregateRoot<MeetingId> {
  constructor(
    id: MeetingId,
    readonly title: string,
  ) {
    super(id);
  }
}

type MeetingRepository = RepositoryPort<Meeting, MeetingId>;

const VALID = '3f2b8c1e-9d4a-4e6f-8b7c-1a2b3c4d5e6f';

describe('InMemoryRepository', () => {
  let repository: InMemoryRepository<Meeting, MeetingId>;

  beforeEach(() => {
    repository = new InMemoryRepository<Meeting, MeetingId>();
  });

  it('implements the repository port', () => {
    const port: MeetingRepository = repository;

    expect(typeof port.findById).toBe('function');
    expect(typeof port.save).toBe('function');
  });

  it('starts empty', async () => {
    expect(repository.size).toBe(0);
    await expect(repository.findById(MeetingId.generate())).resolves.toBeUndefined();
  });

  it('finds a saved aggregate by its id', async () => {
    const meeting = new Meeting(MeetingId.generate(), 'Standup');

    await repository.save(meeting);

    await expect(repository.findById(meeting.id)).resolves.toBe(meeting);
  });

  it('finds it by an equal id that is another instance', async () => {
    const meeting = new Meeting(unwrap(MeetingId.create(VALID)), 'Standup');
    await repository.save(meeting);

    const sameId = unwrap(MeetingId.create(VALID.toUpperCase()));

    expect(sameId).not.toBe(meeting.id);
    await expect(repository.findById(sameId)).resolves.toBe(meeting);
  });

  it('returns undefined for an unknown id', async () => {
    await repository.save(new Meeting(MeetingId.generate(), 'Standup'));

    await expect(repository.findById(MeetingId.generate())).resolves.toBeUndefined();
  });

  it('counts the aggregates it holds', async () => {
    await repository.save(new Meeting(MeetingId.generate(), 'Standup'));
    await repository.save(new Meeting(MeetingId.generate(), 'Retro'));

    expect(repository.size).toBe(2);
  });

  it('overwrites an aggregate saved twice under the same id', async () => {
    const id = unwrap(MeetingId.create(VALID));
    await repository.save(new Meeting(id, 'Standup'));
    const renamed = new Meeting(unwrap(MeetingId.create(VALID)), 'Retro');

    await repository.save(renamed);

    expect(repository.size).toBe(1);
    await expect(repository.findById(id)).resolves.toBe(renamed);
  });

  it('keeps one entry when the very same aggregate is saved again', async () => {
    const meeting = new Meeting(MeetingId.generate(), 'Standup');

    await repository.save(meeting);
    await repository.save(meeting);

    expect(repository.size).toBe(1);
  });

  it('keeps separate repositories apart', async () => {
    const other = new InMemoryRepository<Meeting, MeetingId>();
    const meeting = new Meeting(MeetingId.generate(), 'Standup');

    await repository.save(meeting);

    expect(other.size).toBe(0);
    await expect(other.findById(meeting.id)).resolves.toBeUndefined();
  });

  it('returns promises for both operations', () => {
    const meeting = new Meeting(MeetingId.generate(), 'Standup');

    const saving = repository.save(meeting);
    const finding = repository.findById(meeting.id);

    expect(saving).toBeInstanceOf(Promise);
    expect(finding).toBeInstanceOf(Promise);
    return Promise.all([saving, finding]);
  });
});
