import {
  BusinessRuleError,
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationError,
  ValidationIssue,
} from './errors';

class MeetingAlreadyCancelled extends BusinessRuleError {
  constructor() {
    super('MEETING.ALREADY_CANCELLED', 'The meeting is already cancelled.');
  }
}

describe('errors', () => {
  describe.each<[string, () => DomainError, string, string, string]>([
    [
      'ValidationError',
      () => ValidationError.of('title', 'must not be empty'),
      'VALIDATION_FAILED',
      'title: must not be empty',
      'ValidationError',
    ],
    [
      'NotFoundError',
      () => new NotFoundError('Meeting'),
      'NOT_FOUND',
      'Meeting was not found.',
      'NotFoundError',
    ],
    [
      'ConflictError',
      () => new ConflictError('The slot is already taken.'),
      'CONFLICT',
      'The slot is already taken.',
      'ConflictError',
    ],
    [
      'BusinessRuleError',
      () => new BusinessRuleError('MEETING.TOO_LONG', 'A meeting lasts at most 8 hours.'),
      'MEETING.TOO_LONG',
      'A meeting lasts at most 8 hours.',
      'BusinessRuleError',
    ],
    [
      'a subclass of BusinessRuleError',
      () => new MeetingAlreadyCancelled(),
      'MEETING.ALREADY_CANCELLED',
      'The meeting is already cancelled.',
      'MeetingAlreadyCancelled',
    ],
  ])('%s', (_label, make, code, message, name) => {
    it(`has the code ${code}`, () => {
      expect(make().code).toBe(code);
    });

    it('has its message', () => {
      expect(make().message).toBe(message);
    });

    it(`is named after its own class (${name})`, () => {
      expect(make().name).toBe(name);
    });

    it('is an Error and a DomainError, with a stack', () => {
      const error = make();

      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(DomainError);
      expect(typeof error.stack).toBe('string');
    });

    it('shows its name and message when turned into a string', () => {
      expect(String(make())).toBe(`${name}: ${message}`);
    });

    it('serialises to its code and message', () => {
      expect(make().toJSON()).toEqual(expect.objectContaining({ code, message }));
    });
  });

  describe('DomainError.toJSON', () => {
    it.each([
      ['NotFoundError', new NotFoundError('Meeting')],
      ['ConflictError', new ConflictError('Taken.')],
      ['BusinessRuleError', new BusinessRuleError('RULE', 'No.')],
    ])('gives exactly the code and message of a %s', (_label, error) => {
      expect(error.toJSON()).toStrictEqual({ code: error.code, message: error.message });
    });

    it('is what JSON.stringify uses', () => {
      const error = new ConflictError('Taken.');

      expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'CONFLICT', message: 'Taken.' });
    });
  });

  describe('NotFoundError', () => {
    it('keeps the entity it could not find', () => {
      expect(new NotFoundError('Meeting').entity).toBe('Meeting');
    });
  });

  describe('BusinessRuleError', () => {
    it('keeps a subclass an instance of BusinessRuleError', () => {
      expect(new MeetingAlreadyCancelled()).toBeInstanceOf(BusinessRuleError);
    });
  });

  describe('ValidationError', () => {
    const titleIssue: ValidationIssue = { field: 'title', message: 'must not be empty' };
    const durationIssue: ValidationIssue = {
      field: 'duration',
      message: 'must be between 1 and 480',
    };

    it('ValidationError.of builds one issue from a field and a message', () => {
      const error = ValidationError.of('title', 'must not be empty');

      expect(error).toBeInstanceOf(ValidationError);
      expect(error.issues).toEqual([titleIssue]);
    });

    it.each<[string, ValidationIssue[], string]>([
      ['no issue', [], 'Validation failed.'],
      ['one issue', [titleIssue], 'title: must not be empty'],
      [
        'several issues',
        [titleIssue, durationIssue],
        'title: must not be empty; duration: must be between 1 and 480',
      ],
    ])('with %s has the message %p', (_label, issues, message) => {
      expect(new ValidationError(issues).message).toBe(message);
    });

    it('keeps its issues in order', () => {
      expect(new ValidationError([titleIssue, durationIssue]).issues).toEqual([
        titleIssue,
        durationIssue,
      ]);
    });

    it('serialises with its code, message and issues', () => {
      const error = new ValidationError([titleIssue, durationIssue]);

      expect(error.toJSON()).toStrictEqual({
        code: 'VALIDATION_FAILED',
        message: 'title: must not be empty; duration: must be between 1 and 480',
        issues: [titleIssue, durationIssue],
      });
    });

    it('serialises with no issues as an empty list', () => {
      expect(new ValidationError([]).toJSON()).toStrictEqual({
        code: 'VALIDATION_FAILED',
        message: 'Validation failed.',
        issues: [],
      });
    });

    it('hands out a copy of its issues in toJSON', () => {
      const error = new ValidationError([titleIssue]);

      const json = error.toJSON();
      json.issues.push(durationIssue);

      expect(error.issues).toEqual([titleIssue]);
    });

    it('round-trips through JSON.stringify with its issues', () => {
      const error = new ValidationError([titleIssue]);

      expect(JSON.parse(JSON.stringify(error))).toEqual({
        code: 'VALIDATION_FAILED',
        message: 'title: must not be empty',
        issues: [titleIssue],
      });
    });
  });
});
