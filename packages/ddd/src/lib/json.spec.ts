import { JsonObject, JsonPrimitive, JsonValue } from './json';

describe('JSON types', () => {
  it('accept every JSON primitive', () => {
    const primitives: JsonPrimitive[] = ['text', 0, -1.5, true, false, null];

    expect(JSON.parse(JSON.stringify(primitives))).toEqual(primitives);
  });

  it('accept nested arrays and objects, which survive a JSON round trip unchanged', () => {
    const value: JsonObject = {
      title: 'Standup',
      minutes: 15,
      recurring: false,
      room: null,
      attendees: ['ana', 'bo'],
      slot: { start: '2024-06-01T09:00:00.000Z', tags: [{ name: 'daily' }, [1, [2, null]]] },
    };

    expect(JSON.parse(JSON.stringify(value))).toStrictEqual(value);
  });

  it('accept any JSON value at the top level', () => {
    const values: JsonValue[] = ['a', 1, true, null, [], {}, [{ a: [1] }]];

    expect(JSON.parse(JSON.stringify(values))).toStrictEqual(values);
  });

  it('refuse values that JSON cannot carry (checked by the compiler)', () => {
    // @ts-expect-error: undefined is not JSON
    const notUndefined: JsonValue = undefined;
    // @ts-expect-error: a Date is not JSON (it would come back as a string)
    const notDate: JsonValue = new Date(0);
    // @ts-expect-error: a function is not JSON
    const notFunction: JsonValue = () => 1;
    // @ts-expect-error: a bigint is not JSON
    const notBigint: JsonValue = BigInt(1);
    // @ts-expect-error: an optional property may be undefined
    const notOptional: JsonObject = { a: undefined };
    // @ts-expect-error: an array is a JsonValue but not a JsonObject
    const notArray: JsonObject = [];
    // @ts-expect-error: null is a JsonValue but not a JsonObject
    const notNull: JsonObject = null;

    expect([
      notUndefined,
      notDate,
      notFunction,
      notBigint,
      notOptional,
      notArray,
      notNull,
    ]).toHaveLength(7);
  });
});
