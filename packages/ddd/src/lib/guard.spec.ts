import { combine, Guard } from './guard';
import { ValidationError, ValidationIssue } from './errors';
import { err, ok, Result } from './result';

/** Compile-time check that two types are identical (not merely assignable). */
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('Guard', () => {
  describe('againstEmpty', () => {
    it.each(['a', 'Standup', '  padded  ', '0'])('passes %p', (value) => {
      expect(Guard.againstEmpty('title', value)).toBeUndefined();
    });

    it.each<[string, string | null | undefined]>([
      ['an empty string', ''],
      ['spaces only', '   '],
      ['tabs and newlines only', '\t\n '],
      ['null', null],
      ['undefined', undefined],
    ])('fails %s, naming the field', (_label, value) => {
      expect(Guard.againstEmpty('title', value)).toEqual({
        field: 'title',
        message: 'must not be empty',
      });
    });

    it('fails a value that is not a string at run time (untyped input)', () => {
      expect(Guard.againstEmpty('title', 42 as unknown as string)).toEqual({
        field: 'title',
        message: 'must not be empty',
      });
    });
  });

  describe('againstTooLong', () => {
    it.each([
      ['shorter than the limit', 'abc', 5],
      ['exactly at the limit', 'abcde', 5],
      ['empty', '', 0],
    ])('passes a value %s', (_label, value, max) => {
      expect(Guard.againstTooLong('title', value, max)).toBeUndefined();
    });

    it.each([
      ['one character over', 'abcdef', 5],
      ['far over', 'x'.repeat(300), 200],
      ['any character over a limit of 0', 'a', 0],
    ])('fails a value %s, naming the field and the limit', (_label, value, max) => {
      expect(Guard.againstTooLong('title', value, max)).toEqual({
        field: 'title',
        message: `must be at most ${max} characters`,
      });
    });
  });

  describe('againstPattern', () => {
    const slug = /^[a-z0-9-]+$/;

    it.each(['standup', 'team-2', '0'])('passes %p when it matches', (value) => {
      expect(Guard.againstPattern('slug', value, slug, 'a slug')).toBeUndefined();
    });

    it.each(['', 'Standup', 'team 2', 'a/b'])('fails %p, describing the pattern', (value) => {
      expect(Guard.againstPattern('slug', value, slug, 'a slug')).toEqual({
        field: 'slug',
        message: 'must be a slug',
      });
    });

    it('gives the same answer every time, even with a global or sticky pattern', () => {
      for (const pattern of [/^[a-z]+$/g, /[a-z]+/y]) {
        const answers = [1, 2, 3].map(() => Guard.againstPattern('slug', 'abc', pattern, 'a slug'));

        expect(answers).toEqual([undefined, undefined, undefined]);
      }
    });
  });

  describe('againstOutOfRange', () => {
    it.each([
      ['the minimum', 1],
      ['the maximum', 10],
      ['a value inside', 5],
      ['a fraction inside', 2.5],
    ])('passes %s', (_label, value) => {
      expect(Guard.againstOutOfRange('duration', value, 1, 10)).toBeUndefined();
    });

    it.each([
      ['just below the minimum', 0.999],
      ['just above the maximum', 10.001],
      ['a negative number', -5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
    ])('fails %s, naming the field and the bounds', (_label, value) => {
      expect(Guard.againstOutOfRange('duration', value, 1, 10)).toEqual({
        field: 'duration',
        message: 'must be between 1 and 10',
      });
    });

    it('fails a value that is not finite even when the range is unbounded', () => {
      expect(
        Guard.againstOutOfRange('n', Number.POSITIVE_INFINITY, -Infinity, Infinity),
      ).toBeDefined();
    });
  });

  describe('combine', () => {
    const a: ValidationIssue = { field: 'a', message: 'is wrong' };
    const b: ValidationIssue = { field: 'b', message: 'is wrong too' };

    it('keeps only the issues, in order', () => {
      expect(Guard.combine(undefined, a, undefined, b, undefined)).toEqual([a, b]);
    });

    it('returns no issue when every check passed', () => {
      expect(Guard.combine(undefined, undefined)).toEqual([]);
    });

    it('returns no issue when there was no check', () => {
      expect(Guard.combine()).toEqual([]);
    });

    it('reports every failing check of an input at once', () => {
      const issues = Guard.combine(
        Guard.againstEmpty('title', ''),
        Guard.againstTooLong('description', 'x'.repeat(11), 10),
        Guard.againstOutOfRange('duration', 0, 1, 480),
        Guard.againstPattern('slug', 'ok', /^[a-z]+$/, 'a slug'),
      );

      expect(issues.map((issue) => issue.field)).toEqual(['title', 'description', 'duration']);
    });
  });

  describe('toResult', () => {
    it('makes the value when there is no issue', () => {
      const make = jest.fn(() => 'made');

      const result = Guard.toResult([], make);

      expect(result).toEqual(ok('made'));
      expect(make).toHaveBeenCalledTimes(1);
    });

    it('does not make the value when there is an issue', () => {
      const make = jest.fn(() => 'made');
      const issue = { field: 'title', message: 'must not be empty' };

      const result = Guard.toResult([issue], make);

      expect(make).not.toHaveBeenCalled();
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(ValidationError);
      expect(result.error.issues).toEqual([issue]);
    });

    it('puts every issue in the one ValidationError', () => {
      const issues = [
        { field: 'title', message: 'must not be empty' },
        { field: 'duration', message: 'must be between 1 and 480' },
      ];

      const result = Guard.toResult(issues, () => 'never');

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.issues).toEqual(issues);
      expect(result.error.message).toBe(
        'title: must not be empty; duration: must be between 1 and 480',
      );
    });
  });
});

describe('combine (results)', () => {
  const title = (value: string): Result<string, ValidationError> =>
    value ? ok(value) : err(ValidationError.of('title', 'must not be empty'));
  const duration = (value: number): Result<number, ValidationError> =>
    value > 0 ? ok(value) : err(ValidationError.of('duration', 'must be positive'));
  const tags = (value: string[]): Result<readonly string[], ValidationError> =>
    value.length <= 2
      ? ok(value)
      : err(
          new ValidationError([
            { field: 'tags', message: 'must have at most 2 entries' },
            { field: 'tags[2]', message: 'is one too many' },
          ]),
        );

  it('returns every value under its key when all succeed', () => {
    const result = combine({ title: title('Standup'), duration: duration(15), tags: tags(['x']) });

    expect(result).toEqual(ok({ title: 'Standup', duration: 15, tags: ['x'] }));
  });

  it('types the value per key', () => {
    const result = combine({ title: title('Standup'), duration: duration(15), tags: tags([]) });

    const typed: Equals<
      typeof result,
      Result<{ title: string; duration: number; tags: readonly string[] }, ValidationError>
    > = true;
    expect(typed).toBe(true);
    if (!result.ok) throw result.error;
    const minutes: number = result.value.duration;
    const name: string = result.value.title;
    // @ts-expect-error: duration is a number, not a string
    const wrong: string = result.value.duration;
    expect([minutes, name, wrong]).toEqual([15, 'Standup', 15]);
  });

  it('returns the one ValidationError of a single failure', () => {
    const result = combine({ title: title(''), duration: duration(15) });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.issues).toEqual([{ field: 'title', message: 'must not be empty' }]);
  });

  it('returns one ValidationError with every issue of every failure when several fail', () => {
    const result = combine({
      title: title(''),
      duration: duration(0),
      tags: tags(['a', 'b', 'c']),
    });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.issues).toEqual([
      { field: 'title', message: 'must not be empty' },
      { field: 'duration', message: 'must be positive' },
      { field: 'tags', message: 'must have at most 2 entries' },
      { field: 'tags[2]', message: 'is one too many' },
    ]);
  });

  it('does not leak the values of the successes into a failure', () => {
    const result = combine({ title: title('Standup'), duration: duration(0) });

    expect(result).toEqual({ ok: false, error: expect.any(ValidationError) });
    expect(result).not.toHaveProperty('value');
  });

  it('returns an empty object for no results', () => {
    expect(combine({})).toEqual(ok({}));
  });
});
