import { err, ok } from '@mjomeet/ddd';
import {
  InMemoryTelemetry,
  PASSWORD_RESET_ACCEPTED_MESSAGE,
  RateLimitedError,
  RequestPasswordResetEndpoint,
  RequestPasswordResetUseCase,
} from '../../index';

describe('RequestPasswordResetEndpoint', () => {
  const correlationId = '6f1c7e0a-9b2d-4c3e-8f4a-5b6c7d8e9f0a';
  const setUp = (execute: RequestPasswordResetUseCase['execute']) => {
    const telemetry = new InMemoryTelemetry();
    const useCase = { execute: jest.fn(execute) };
    const endpoint = new RequestPasswordResetEndpoint(
      useCase,
      telemetry,
      () => correlationId,
    );
    return { endpoint, telemetry, useCase };
  };
  const accept = async () => ok({ accepted: true as const });
  const post = (body: unknown, headers: Record<string, string> = {}) => ({
    body,
    remoteAddress: '203.0.113.7',
    headers,
  });

  it('is POST /auth/password-reset-requests', () => {
    expect(RequestPasswordResetEndpoint.METHOD).toBe('POST');
    expect(RequestPasswordResetEndpoint.PATH).toBe(
      '/auth/password-reset-requests',
    );
  });

  it('answers 202 with the one fixed body', async () => {
    const { endpoint, useCase } = setUp(accept);

    const response = await endpoint.handle(
      post({ emailAddress: 'ada@example.com' }),
    );

    expect(response).toEqual({
      status: 202,
      headers: expect.objectContaining({ 'cache-control': 'no-store' }),
      body: { message: PASSWORD_RESET_ACCEPTED_MESSAGE, correlationId },
    });
    expect(useCase.execute.mock.calls[0][0].metadata.correlationId).toBe(
      correlationId,
    );
  });

  it('echoes a client correlation id only if it is a UUID', async () => {
    const { endpoint } = setUp(accept);
    const mine = 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d';

    const echoed = await endpoint.handle(
      post({ emailAddress: 'ada@example.com' }, { 'x-correlation-id': mine }),
    );
    const replaced = await endpoint.handle(
      post(
        { emailAddress: 'ada@example.com' },
        { 'x-correlation-id': 'x\r\nforged: 1' },
      ),
    );

    expect(echoed.body.correlationId).toBe(mine);
    expect(replaced.body.correlationId).toBe(correlationId);
  });

  it('takes the requester from the proxy, not X-Forwarded-For', async () => {
    const { endpoint, useCase } = setUp(accept);

    await endpoint.handle(
      post(
        { emailAddress: 'ada@example.com' },
        { 'x-forwarded-for': '198.51.100.99' },
      ),
    );

    const command = useCase.execute.mock.calls[0][0];
    expect(command.payload.requesterIp.value).toBe('203.0.113.7');
  });

  it.each([
    ['no body', undefined],
    ['an array', ['ada@example.com']],
    ['no address', {}],
    ['an address that is not a string', { emailAddress: ['ada@example.com'] }],
    ['a malformed address', { emailAddress: 'ada@@example.com' }],
  ])(
    'answers 400 for %s, without calling the use-case',
    async (_case, body) => {
      const { endpoint, useCase } = setUp(accept);

      const response = await endpoint.handle(post(body));

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          issues: [{ field: 'emailAddress' }],
        },
      });
      expect(JSON.stringify(response)).not.toContain('ada@');
      expect(useCase.execute).not.toHaveBeenCalled();
    },
  );

  it('answers 429 with Retry-After when rate limited', async () => {
    const { endpoint } = setUp(async () => err(new RateLimitedError(600)));

    const response = await endpoint.handle(
      post({ emailAddress: 'ada@example.com' }),
    );

    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('600');
  });

  it('answers 500 without internals when anything throws', async () => {
    const { endpoint, telemetry } = setUp(async () => {
      throw new Error('relation "accounts" does not exist; ada@example.com');
    });

    const response = await endpoint.handle(
      post({ emailAddress: 'ada@example.com' }),
    );

    expect(response.status).toBe(500);
    expect(JSON.stringify(response)).not.toMatch(/accounts|ada@|Error/);
    expect(telemetry.records).toEqual([
      {
        name: 'identity.http.unhandled_error',
        attributes: {
          route: 'POST /auth/password-reset-requests',
          errorType: 'Error',
          correlationId,
        },
      },
    ]);
  });
});
