import { err, isErr, isOk, ok, Result, unwrap } from './result';
import { NotFoundError } from './errors';

describe('Result', () => {
  describe('ok', () => {
    it('wraps a value', () => {
      const result = ok(42);

      expect(result).toEqual({ ok: true, value: 42 });
    });

    it('keeps the very value it was given', () => {
      const value = { title: 'Standup' };

      expect(ok(value).value).toBe(value);
    });

    it('can be called without a value for a success with nothing to return', () => {
      const result = ok();

      expect(result.ok).toBe(true);
      expect(result.value).toBeUndefined();
    });

    it.each([0, '', false, null])('keeps a falsy value (%p) as a success', (value) => {
      expect(ok(value)).toEqual({ ok: true, value });
    });
  });

  describe('err', () => {
    it('wraps an error', () => {
      const error = new NotFoundError('Meeting');

      const result = err(error);

      expect(result.ok).toBe(false);
      expect(result.error).toBe(error);
    });

    it('wraps a non-Error reason as it is', () => {
      expect(err('nope')).toEqual({ ok: false, error: 'nope' });
    });
  });

  describe('isOk / isErr', () => {
    it.each<[string, Result<number, string>, boolean]>([
      ['ok(1)', ok(1), true],
      ['ok(0)', ok(0), true],
      ["err('x')", err('x'), false],
      ["err('')", err(''), false],
    ])('%s: isOk is %p and isErr is its opposite', (_label, result, expected) => {
      expect(isOk(result)).toBe(expected);
      expect(isErr(result)).toBe(!expected);
    });

    it('narrows the type so that value and error can be read', () => {
      const success: Result<number, string> = ok(7);
      const failure: Result<number, string> = err('bad');

      if (!isOk(success)) throw new Error('expected ok');
      if (!isErr(failure)) throw new Error('expected err');
      const value: number = success.value;
      const error: string = failure.error;

      expect(value).toBe(7);
      expect(error).toBe('bad');
    });
  });

  describe('unwrap', () => {
    it('returns the value of an Ok', () => {
      expect(unwrap(ok('value'))).toBe('value');
    });

    it('returns a falsy value of an Ok instead of throwing', () => {
      expect(unwrap(ok(0))).toBe(0);
      expect(unwrap(ok())).toBeUndefined();
    });

    it('throws the error itself when the Err holds an Error', () => {
      const error = new NotFoundError('Meeting');

      let thrown: unknown;
      try {
        unwrap(err(error));
      } catch (caught) {
        thrown = caught;
      }

      expect(thrown).toBe(error);
    });

    it('throws a plain Error itself, too', () => {
      const error = new TypeError('broken');

      expect(() => unwrap(err(error))).toThrow(error);
    });

    it.each([
      ['a string', 'boom', 'unwrap() called on an Err: boom'],
      ['a number', 404, 'unwrap() called on an Err: 404'],
      ['undefined', undefined, 'unwrap() called on an Err: undefined'],
    ])('wraps %s in an Error that names it', (_label, reason, message) => {
      let thrown: unknown;
      try {
        unwrap(err(reason));
      } catch (caught) {
        thrown = caught;
      }

      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toBe(message);
    });
  });
});
