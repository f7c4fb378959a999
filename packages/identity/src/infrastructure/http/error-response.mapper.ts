import { BusinessRuleError, DomainError, ValidationError } from '@mjomeet/ddd';
import { RateLimitedError } from '../../application/errors/rate-limited.error';
import { HttpResponse, RESPONSE_HEADERS } from './http';

interface PublicError {
  readonly status: number;
  readonly message: string;
}

/**
 * What each error code may tell a client. Messages come from this table,
 * never from the error: an error's message may name an entity, a field
 * value or a query, and would then differ between a known and an unknown
 * account.
 */
const PUBLIC_ERRORS: Readonly<Record<string, PublicError>> = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Try again later.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: {
    status: 409,
    message: 'The request conflicts with the current state.',
  },
};

const BUSINESS_RULE: PublicError = {
  status: 422,
  message: 'The request cannot be processed.',
};

export const INTERNAL_ERROR = {
  status: 500,
  code: 'INTERNAL_ERROR',
  message:
    'Something went wrong. If it happens again, contact support and quote the correlation id.',
} as const;

/**
 * The module's one mapping from errors to responses. Every response has the
 * shape `{ error: { code, message, correlationId, issues? } }`. A
 * DomainError gives its code and the table's message; anything else is an
 * internal error: a generic 500 without message, stack or type.
 */
export function toErrorResponse(
  error: unknown,
  correlationId: string,
): HttpResponse {
  if (error instanceof ValidationError) {
    return respond(
      400,
      'VALIDATION_FAILED',
      PUBLIC_ERRORS.VALIDATION_FAILED.message,
      correlationId,
      {
        issues: error.issues.map((issue) => ({
          field: issue.field,
          message: issue.message,
        })),
      },
    );
  }
  if (error instanceof RateLimitedError) {
    return respond(
      429,
      error.code,
      PUBLIC_ERRORS.RATE_LIMITED.message,
      correlationId,
      {},
      {
        'retry-after': String(Math.max(1, error.retryAfterSeconds)),
      },
    );
  }
  if (error instanceof BusinessRuleError) {
    return respond(
      BUSINESS_RULE.status,
      error.code,
      BUSINESS_RULE.message,
      correlationId,
    );
  }
  const known =
    error instanceof DomainError ? PUBLIC_ERRORS[error.code] : undefined;
  if (error instanceof DomainError && known) {
    return respond(known.status, error.code, known.message, correlationId);
  }
  return respond(
    INTERNAL_ERROR.status,
    INTERNAL_ERROR.code,
    INTERNAL_ERROR.message,
    correlationId,
  );
}

function respond(
  status: number,
  code: string,
  message: string,
  correlationId: string,
  extra: { issues?: Array<{ field: string; message: string }> } = {},
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { ...RESPONSE_HEADERS, ...headers },
    body: { error: { code, message, correlationId, ...extra } },
  };
}
