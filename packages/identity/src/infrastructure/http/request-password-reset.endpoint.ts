import { randomUUID } from 'node:crypto';
import { DomainError, Result } from '@mjomeet/ddd';
import { errorType } from '../../application/errors/error-type';
import { TelemetryPort } from '../../application/ports/telemetry.port';
import { RequestPasswordResetCommand } from '../../application/request-password-reset/request-password-reset.command';
import { PasswordResetRequestAccepted } from '../../application/request-password-reset/request-password-reset.handler';
import { toErrorResponse } from './error-response.mapper';
import { HttpRequest, HttpResponse, RESPONSE_HEADERS } from './http';

export const PASSWORD_RESET_ACCEPTED_MESSAGE =
  'If this address has an account, a reset link is on its way.';

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export interface RequestPasswordResetUseCase {
  execute(
    command: RequestPasswordResetCommand,
  ): Promise<Result<PasswordResetRequestAccepted, DomainError>>;
}

/**
 * `POST /auth/password-reset-requests`, body `{ "emailAddress": "..." }`.
 * Public by design (the caller has forgotten their password). Answers 202
 * with one fixed body whether or not the address has an account; 400 for a
 * malformed request; 429 with Retry-After when rate limited; 500 with a
 * correlation id and nothing else when anything unexpected happens.
 */
export class RequestPasswordResetEndpoint {
  static readonly METHOD = 'POST';
  static readonly PATH = '/auth/password-reset-requests';

  constructor(
    private readonly useCase: RequestPasswordResetUseCase,
    private readonly telemetry: TelemetryPort,
    private readonly newCorrelationId: () => string = randomUUID,
  ) {}

  async handle(request: HttpRequest): Promise<HttpResponse> {
    // A client's correlation id is echoed only if it is a UUID: no log injection.
    const given = request.headers?.['x-correlation-id'];
    const correlationId =
      given !== undefined && UUID.test(given) ? given : this.newCorrelationId();
    try {
      const command = RequestPasswordResetCommand.create(
        {
          emailAddress: emailAddressOf(request.body),
          requesterIp: request.remoteAddress,
        },
        { correlationId },
      );
      if (!command.ok) return toErrorResponse(command.error, correlationId);
      const result = await this.useCase.execute(command.value);
      if (!result.ok) return toErrorResponse(result.error, correlationId);
      return {
        status: 202,
        headers: RESPONSE_HEADERS,
        body: { message: PASSWORD_RESET_ACCEPTED_MESSAGE, correlationId },
      };
    } catch (error) {
      this.telemetry.record('identity.http.unhandled_error', {
        route: `${RequestPasswordResetEndpoint.METHOD} ${RequestPasswordResetEndpoint.PATH}`,
        errorType: errorType(error),
        correlationId,
      });
      return toErrorResponse(error, correlationId);
    }
  }
}

function emailAddressOf(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return '';
  const value = (body as Record<string, unknown>).emailAddress;
  return typeof value === 'string' ? value : '';
}
