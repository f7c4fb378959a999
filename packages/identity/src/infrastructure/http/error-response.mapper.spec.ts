import {
  BusinessRuleError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '@mjomeet/ddd';
import {
  errorType,
  INTERNAL_ERROR,
  RateLimitedError,
  toErrorResponse,
} from '../../index';

describe('toErrorResponse', () => {
  const correlationId = '6f1c7e0a-9b2d-4c3e-8f4a-5b6c7d8e9f0a';

  it('answers a validation error 400, with fields and our own messages', () => {
    const response = toErrorResponse(
      new ValidationError([
        { field: 'emailAddress', message: 'must be an e-mail address' },
      ]),
      correlationId,
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid.',
        correlationId,
        issues: [
          { field: 'emailAddress', message: 'must be an e-mail address' },
        ],
      },
    });
  });

  it('answers rate limiting 429 with Retry-After', () => {
    const response = toErrorResponse(new RateLimitedError(90), correlationId);

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('90');
    expect(response.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it.each([
    [new NotFoundError('Account ada@example.com'), 404, 'NOT_FOUND'],
    [new ConflictError('ada@example.com has a reset'), 409, 'CONFLICT'],
    [
      new BusinessRuleError('PASSWORD_RESET.NOT_DUE', 'ada@example.com'),
      422,
      'PASSWORD_RESET.NOT_DUE',
    ],
  ])(
    'answers %p with its status and code, never its message',
    (error, status, code) => {
      const response = toErrorResponse(error, correlationId);

      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ error: { code } });
      expect(JSON.stringify(response)).not.toContain('ada@example.com');
    },
  );

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.5:5432 user=identity')],
    [
      'a TypeError',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    ],
    ['a thrown string', 'ada@example.com'],
    ['undefined', undefined],
  ])('answers %s with a generic 500 and no internals', (_case, error) => {
    const response = toErrorResponse(error, correlationId);

    expect(response).toEqual({
      status: 500,
      headers: expect.objectContaining({ 'cache-control': 'no-store' }),
      body: {
        error: {
          code: INTERNAL_ERROR.code,
          message: INTERNAL_ERROR.message,
          correlationId,
        },
      },
    });
  });

  it('gives every response the JSON, no-store and nosniff headers', () => {
    for (const error of [new RateLimitedError(1), new Error('x')]) {
      expect(toErrorResponse(error, correlationId).headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    }
  });
});

describe('errorType', () => {
  it('names an error by its code or class, never by its message', () => {
    expect(errorType(new RateLimitedError(1))).toBe('RATE_LIMITED');
    expect(errorType(new TypeError('ada@example.com'))).toBe('TypeError');
    expect(errorType('ada@example.com')).toBe('string');
  });
});
