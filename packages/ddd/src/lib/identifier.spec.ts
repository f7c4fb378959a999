import { ValidationError } from './errors';
import { Identifier } from './identifier';
import { Result, unwrap } from './result';

class TestId extends Identifier {
  private constructor(v: string) {
    super(v);
  }

  static generate() {
    return new TestId(Identifier.newValue());
  }

  static create(v: string) {
    return Identifier.parse('testId', v, (x) => new TestId(x));
  }
}

/** Another kind of id: never equal to a TestId, even with the same value. */
class OtherId extends Identifier {
  private constructor(v: string) {
    super(v);
  }

  static create(v: string) {
    return Identifier.parse('otherId', v, (x) => new OtherId(x));
  }
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const VALID = '3f2b8c1e-9d4a-4e6f-8b7c-1a2b3c4d5e6f';

describe('Identifier', () => {
  describe('create (through the protected static parse)', () => {
    it('is typed as a Result of the subclass', () => {
      const result: Result<TestId, ValidationError> = TestId.create(VALID);

      expect(result.ok).toBe(true);
    });

    it.each([
      ['a v4 UUID', VALID],
      ['a v1 UUID', 'c232ab00-9414-11ec-b3c8-9e6bdeced846'],
      ['a v7 UUID', '01890a5d-ac96-774b-bcce-b302099a8057'],
      ['a UUID with the variant nibble b', '3f2b8c1e-9d4a-4e6f-bb7c-1a2b3c4d5e6f'],
    ])('accepts %s', (_label, value) => {
      const id = unwrap(TestId.create(value));

      expect(id).toBeInstanceOf(TestId);
      expect(id).toBeInstanceOf(Identifier);
      expect(id.value).toBe(value);
    });

    it('normalises an upper-case UUID to lower case', () => {
      const id = unwrap(TestId.create(VALID.toUpperCase()));

      expect(id.value).toBe(VALID);
      expect(id.equals(unwrap(TestId.create(VALID)))).toBe(true);
    });

    it('normalises a mixed-case UUID to lower case', () => {
      expect(unwrap(TestId.create('3F2b8C1e-9D4a-4E6f-8B7c-1A2b3C4d5E6f')).value).toBe(VALID);
    });

    it('trims surrounding white space', () => {
      expect(unwrap(TestId.create(`  ${VALID}\n`)).value).toBe(VALID);
    });

    it.each<[string, string]>([
      ['an empty string', ''],
      ['white space only', '   '],
      ['undefined from untyped input', undefined as unknown as string],
      ['null from untyped input', null as unknown as string],
    ])('rejects %s as empty, naming the field', (_label, value) => {
      const result = TestId.create(value);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(ValidationError);
      expect(result.error.issues).toEqual([{ field: 'testId', message: 'must not be empty' }]);
    });

    it.each([
      ['garbage', 'not-a-uuid'],
      ['a number', '12345'],
      ['a UUID without dashes', '3f2b8c1e9d4a4e6f8b7c1a2b3c4d5e6f'],
      ['a UUID in braces', `{${VALID}}`],
      ['a UUID with a prefix', `x${VALID}`],
      ['a UUID with a suffix', `${VALID}0`],
      ['a UUID with a non-hex character', '3f2b8c1e-9d4a-4e6f-8b7c-1a2b3c4d5e6g'],
      ['a UUID one character short', VALID.slice(0, -1)],
      ['the nil UUID', '00000000-0000-0000-0000-000000000000'],
      ['a UUID of version 0', '3f2b8c1e-9d4a-0e6f-8b7c-1a2b3c4d5e6f'],
      ['a UUID of version 9', '3f2b8c1e-9d4a-9e6f-8b7c-1a2b3c4d5e6f'],
      ['a UUID of the wrong variant', '3f2b8c1e-9d4a-4e6f-cb7c-1a2b3c4d5e6f'],
      ['two UUIDs on two lines', `${VALID}\n${VALID}`],
    ])('rejects %s as not a UUID, naming the field', (_label, value) => {
      const result = TestId.create(value);

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues).toEqual([{ field: 'testId', message: 'must be a UUID' }]);
      expect(result.error.message).toBe('testId: must be a UUID');
    });

    it('names the field the subclass passes', () => {
      const result = OtherId.create('nope');

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues[0].field).toBe('otherId');
    });

    it('does not build the id when the value is invalid', () => {
      const make = jest.fn();
      class SpyId extends Identifier {
        static create(v: string) {
          return Identifier.parse('spyId', v, make);
        }
      }

      SpyId.create('nope');

      expect(make).not.toHaveBeenCalled();
    });
  });

  describe('generate (through the protected static newValue)', () => {
    it('gives a valid, lower-case v4 UUID', () => {
      const id = TestId.generate();

      expect(id).toBeInstanceOf(TestId);
      expect(id.value).toMatch(UUID_V4);
    });

    it('gives a value that create accepts back', () => {
      const id = TestId.generate();

      expect(unwrap(TestId.create(id.value)).equals(id)).toBe(true);
    });

    it('gives a different id each time', () => {
      const values = new Set(Array.from({ length: 1000 }, () => TestId.generate().value));

      expect(values.size).toBe(1000);
    });
  });

  describe('as a value object', () => {
    it('is equal to another id of the same kind and value', () => {
      expect(unwrap(TestId.create(VALID)).equals(unwrap(TestId.create(VALID)))).toBe(true);
    });

    it('is not equal to an id of the same kind and another value', () => {
      expect(TestId.generate().equals(TestId.generate())).toBe(false);
    });

    it('is not equal to another kind of id with the same value', () => {
      const test = unwrap(TestId.create(VALID));
      const other = unwrap(OtherId.create(VALID));

      expect(test.equals(other)).toBe(false);
      expect(other.equals(test)).toBe(false);
    });

    it('turns into its value as a string', () => {
      const id = unwrap(TestId.create(VALID));

      expect(id.toString()).toBe(VALID);
      expect(`${id}`).toBe(VALID);
    });
  });
});
