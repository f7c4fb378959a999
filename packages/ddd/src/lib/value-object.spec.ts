import { ValueObject } from './value-object';

interface MoneyProps {
  amount: number;
  currency: string;
}

class Money extends ValueObject<MoneyProps> {
  private constructor(props: MoneyProps) {
    super(props);
  }

  static of(amount: number, currency: string): Money {
    return new Money({ amount, currency });
  }

  get amount(): number {
    return this.props.amount;
  }
}

/** Same props as Money, different meaning: must never be equal to a Money. */
class Price extends ValueObject<MoneyProps> {
  constructor(props: MoneyProps) {
    super(props);
  }
}

interface ScheduleProps {
  title: string;
  attendees: string[];
  slot: { start: Date; minutes: number };
  budget: Money;
  room?: string | null;
}

class Schedule extends ValueObject<ScheduleProps> {
  constructor(props: ScheduleProps) {
    super(props);
  }

  /** Exposes the frozen props to the tests. */
  get raw(): Readonly<ScheduleProps> {
    return this.props;
  }
}

class Bag extends ValueObject<Record<string, unknown>> {
  constructor(props: Record<string, unknown>) {
    super(props);
  }
}

const schedule = (overrides: Partial<ScheduleProps> = {}): Schedule =>
  new Schedule({
    title: 'Standup',
    attendees: ['ana', 'bo'],
    slot: { start: new Date('2024-06-01T09:00:00.000Z'), minutes: 15 },
    budget: Money.of(10, 'EUR'),
    ...overrides,
  });

describe('ValueObject', () => {
  describe('equals', () => {
    it('is equal to itself', () => {
      const money = Money.of(10, 'EUR');

      expect(money.equals(money)).toBe(true);
    });

    it('is equal to another instance of the same class with the same props', () => {
      expect(Money.of(10, 'EUR').equals(Money.of(10, 'EUR'))).toBe(true);
    });

    it('is symmetric', () => {
      const a = Money.of(10, 'EUR');
      const b = Money.of(10, 'EUR');
      const c = Money.of(11, 'EUR');

      expect([a.equals(b), b.equals(a)]).toEqual([true, true]);
      expect([a.equals(c), c.equals(a)]).toEqual([false, false]);
    });

    it.each([
      ['the amount differs', Money.of(11, 'EUR')],
      ['the currency differs', Money.of(10, 'USD')],
    ])('is not equal when %s', (_label, other) => {
      expect(Money.of(10, 'EUR').equals(other)).toBe(false);
    });

    it('is not equal to a different subclass with the same props', () => {
      const money = Money.of(10, 'EUR');
      const price = new Price({ amount: 10, currency: 'EUR' });

      expect(money.equals(price)).toBe(false);
      expect(price.equals(money)).toBe(false);
    });

    it.each([null, undefined])('is not equal to %p', (other) => {
      expect(Money.of(10, 'EUR').equals(other)).toBe(false);
    });

    it('compares nested objects, arrays, dates and value objects by value', () => {
      expect(schedule().equals(schedule())).toBe(true);
    });

    it.each<[string, Partial<ScheduleProps>]>([
      ['a string', { title: 'Retro' }],
      ['an array entry', { attendees: ['ana', 'cy'] }],
      ['the array order', { attendees: ['bo', 'ana'] }],
      ['the array length', { attendees: ['ana'] }],
      ['a nested date', { slot: { start: new Date('2024-06-01T09:00:01.000Z'), minutes: 15 } }],
      ['a nested number', { slot: { start: new Date('2024-06-01T09:00:00.000Z'), minutes: 30 } }],
      ['a nested value object', { budget: Money.of(20, 'EUR') }],
      ['an optional prop that is present on one side only', { room: 'A1' }],
      ['null against a missing prop', { room: null }],
    ])('tells them apart when %s differs', (_label, overrides) => {
      expect(schedule().equals(schedule(overrides))).toBe(false);
      expect(schedule(overrides).equals(schedule())).toBe(false);
    });

    it('treats NaN as equal to NaN', () => {
      expect(Money.of(Number.NaN, 'EUR').equals(Money.of(Number.NaN, 'EUR'))).toBe(true);
    });

    it('does not take an array for an object with the same keys', () => {
      expect(new Bag({ list: ['a'] }).equals(new Bag({ list: { 0: 'a' } }))).toBe(false);
    });

    it('does not take null for an empty object', () => {
      expect(new Bag({ x: null }).equals(new Bag({ x: {} }))).toBe(false);
      expect(new Bag({ x: {} }).equals(new Bag({ x: null }))).toBe(false);
    });

    it('does not take a number for its string', () => {
      expect(new Bag({ x: 1 }).equals(new Bag({ x: '1' }))).toBe(false);
    });

    it('does not take a value object for a different subclass nested inside', () => {
      const a = new Bag({ price: Money.of(1, 'EUR') });
      const b = new Bag({ price: new Price({ amount: 1, currency: 'EUR' }) });

      expect(a.equals(b)).toBe(false);
    });
  });

  describe('immutability', () => {
    it('freezes its props', () => {
      expect(Object.isFrozen(schedule().raw)).toBe(true);
    });

    it('freezes nested objects and arrays too', () => {
      const { raw } = schedule();

      expect(Object.isFrozen(raw.attendees)).toBe(true);
      expect(Object.isFrozen(raw.slot)).toBe(true);
    });

    it('throws when a prop is assigned (strict mode)', () => {
      const money = Money.of(10, 'EUR');
      const props = money.toJSON() as MoneyProps;

      expect(() => {
        props.amount = 99;
      }).toThrow(TypeError);
      expect(money.amount).toBe(10);
    });

    it('throws when a nested prop is changed', () => {
      const value = schedule();
      const raw = value.raw as ScheduleProps;

      expect(() => {
        raw.slot.minutes = 60;
      }).toThrow(TypeError);
      expect(() => raw.attendees.push('cy')).toThrow(TypeError);
      expect(() => {
        delete (raw as Partial<ScheduleProps>).title;
      }).toThrow(TypeError);
      expect(value.equals(schedule())).toBe(true);
    });

    it('does not change when the props object it was built from changes', () => {
      const props: MoneyProps = { amount: 10, currency: 'EUR' };
      const price = new Price(props);

      props.amount = 99;

      expect(price.equals(new Price({ amount: 10, currency: 'EUR' }))).toBe(true);
    });
  });

  describe('toJSON', () => {
    it('returns the props', () => {
      expect(Money.of(10, 'EUR').toJSON()).toEqual({ amount: 10, currency: 'EUR' });
    });

    it('is what JSON.stringify uses, nested value objects included', () => {
      const json = JSON.parse(JSON.stringify(schedule()));

      expect(json).toEqual({
        title: 'Standup',
        attendees: ['ana', 'bo'],
        slot: { start: '2024-06-01T09:00:00.000Z', minutes: 15 },
        budget: { amount: 10, currency: 'EUR' },
      });
    });
  });
});
