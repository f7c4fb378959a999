import {
  AggregateRoot,
  BusinessRuleError,
  combine,
  err,
  ok,
  Result,
  ValidationError,
} from '@mjomeet/ddd';
import { AccountId } from './account-id.value-object';
import { PasswordResetExpired } from './password-reset-expired.event';
import { PasswordResetId } from './password-reset-id.value-object';
import { PasswordResetRequested } from './password-reset-requested.event';
import { PasswordResetSuperseded } from './password-reset-superseded.event';
import { ResetToken } from './reset-token.value-object';

export type PasswordResetStatus = 'active' | 'superseded' | 'expired';

const STATUSES: readonly PasswordResetStatus[] = [
  'active',
  'superseded',
  'expired',
];

/** The codes of the rules PasswordReset enforces. */
export const PasswordResetRules = {
  /** `previous` belongs to another account than the new request. */
  OTHER_ACCOUNT: 'PASSWORD_RESET.OTHER_ACCOUNT',
  /** The token would be expired the moment it is issued. */
  EXPIRED_ON_ARRIVAL: 'PASSWORD_RESET.EXPIRED_ON_ARRIVAL',
  /** Expiry was asked for before the token's expiry time. */
  NOT_DUE: 'PASSWORD_RESET.NOT_DUE',
} as const;

export interface RequestDetails {
  readonly accountId: AccountId;
  readonly token: ResetToken;
  readonly requestedAt: Date;
  readonly id?: PasswordResetId;
}

/** How a PasswordReset is stored: ids, the token's hash, dates, a status. */
export interface PasswordResetSnapshot {
  readonly id: string;
  readonly accountId: string;
  readonly tokenHash: string;
  readonly expiresAt: string;
  readonly requestedAt: string;
  readonly status: PasswordResetStatus;
}

/**
 * One request to reset the password of one account. Its rules:
 *
 * - one active request per account: a new request supersedes the account's
 *   active one, whose token then stops working;
 * - a request expires at its token's expiry time, and only then;
 * - settled requests (superseded, expired) never change again.
 *
 * It knows the account by id and the token by hash: it holds no e-mail
 * address and no secret.
 */
export class PasswordReset extends AggregateRoot<PasswordResetId> {
  /** How long a token is valid: short, as OWASP recommends. */
  static readonly DEFAULT_TTL_MS = 30 * 60 * 1000;

  private constructor(
    id: PasswordResetId,
    readonly accountId: AccountId,
    readonly token: ResetToken,
    readonly requestedAt: Date,
    private currentStatus: PasswordResetStatus,
  ) {
    super(id);
  }

  /**
   * A new active request for `accountId`. `previous` is the account's active
   * request, if it has one: it is superseded, and records that it was.
   */
  static request(
    details: RequestDetails,
    previous?: PasswordReset,
  ): Result<PasswordReset, BusinessRuleError> {
    if (previous && !previous.accountId.equals(details.accountId)) {
      return err(
        new BusinessRuleError(
          PasswordResetRules.OTHER_ACCOUNT,
          'Only a request of the same account can be superseded.',
        ),
      );
    }
    if (details.token.isExpired(details.requestedAt)) {
      return err(
        new BusinessRuleError(
          PasswordResetRules.EXPIRED_ON_ARRIVAL,
          'A reset token must expire after it is requested.',
        ),
      );
    }
    const reset = new PasswordReset(
      details.id ?? PasswordResetId.generate(),
      details.accountId,
      details.token,
      new Date(details.requestedAt),
      'active',
    );
    previous?.supersede(reset.id, details.requestedAt);
    reset.record(
      new PasswordResetRequested({
        aggregateId: reset.id.value,
        occurredAt: new Date(details.requestedAt),
        payload: {
          accountId: details.accountId.value,
          expiresAt: details.token.expiresAt.toISOString(),
        },
      }),
    );
    return ok(reset);
  }

  /** Rebuilds a stored PasswordReset, checking every field; records no event. */
  static fromSnapshot(
    snapshot: PasswordResetSnapshot,
  ): Result<PasswordReset, ValidationError> {
    const requestedAt = new Date(snapshot.requestedAt);
    const fields = combine({
      id: PasswordResetId.create(snapshot.id),
      accountId: AccountId.create(snapshot.accountId),
      token: ResetToken.fromPrimitives({
        hash: snapshot.tokenHash,
        expiresAt: snapshot.expiresAt,
      }),
    });
    if (!fields.ok) return fields;
    if (Number.isNaN(requestedAt.getTime())) {
      return err(ValidationError.of('requestedAt', 'must be a date-time'));
    }
    if (!STATUSES.includes(snapshot.status)) {
      return err(
        ValidationError.of('status', `must be ${STATUSES.join(', ')}`),
      );
    }
    const { id, accountId, token } = fields.value;
    return ok(
      new PasswordReset(id, accountId, token, requestedAt, snapshot.status),
    );
  }

  toSnapshot(): PasswordResetSnapshot {
    return {
      id: this.id.value,
      accountId: this.accountId.value,
      tokenHash: this.token.hash,
      expiresAt: this.token.expiresAt.toISOString(),
      requestedAt: this.requestedAt.toISOString(),
      status: this.currentStatus,
    };
  }

  get status(): PasswordResetStatus {
    return this.currentStatus;
  }

  get expiresAt(): Date {
    return this.token.expiresAt;
  }

  /** Whether its token may still be used at `now`. */
  isActive(now: Date): boolean {
    return this.currentStatus === 'active' && !this.token.isExpired(now);
  }

  /**
   * Settles an active request whose token has expired. Idempotent: a request
   * that is settled already stays as it is and records nothing.
   */
  expire(now: Date): Result<void, BusinessRuleError> {
    if (this.currentStatus !== 'active') return ok();
    if (!this.token.isExpired(now)) {
      return err(
        new BusinessRuleError(
          PasswordResetRules.NOT_DUE,
          'A password reset expires at its expiry time, not before.',
        ),
      );
    }
    this.currentStatus = 'expired';
    this.record(
      new PasswordResetExpired({
        aggregateId: this.id.value,
        occurredAt: new Date(now),
        payload: { accountId: this.accountId.value },
      }),
    );
    return ok();
  }

  /** Only `request` supersedes: that is how one account keeps one token. */
  private supersede(by: PasswordResetId, at: Date): void {
    if (this.currentStatus !== 'active') return;
    this.currentStatus = 'superseded';
    this.record(
      new PasswordResetSuperseded({
        aggregateId: this.id.value,
        occurredAt: new Date(at),
        payload: { accountId: this.accountId.value, supersededBy: by.value },
      }),
    );
  }
}
