import { BusinessRuleError, unwrap } from '@mjomeet/ddd';
import {
  AccountId,
  PasswordReset,
  PasswordResetExpired,
  PasswordResetRequested,
  PasswordResetRules,
  PasswordResetSnapshot,
  PasswordResetSuperseded,
  ResetToken,
} from '../../index';

describe('PasswordReset', () => {
  const requestedAt = new Date('2030-01-01T09:00:00.000Z');
  const expiresAt = new Date('2030-01-01T09:30:00.000Z');
  const accountId = AccountId.generate();
  const request = (previous?: PasswordReset, account = accountId) =>
    PasswordReset.request(
      {
        accountId: account,
        token: ResetToken.issue(expiresAt).token,
        requestedAt,
      },
      previous,
    );

  it('is requested active, and records PasswordResetRequested', () => {
    const reset = unwrap(request());

    expect(reset.status).toBe('active');
    expect(reset.isActive(requestedAt)).toBe(true);
    const events = reset.pullDomainEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(PasswordResetRequested);
    expect(events[0].occurredAt).toEqual(requestedAt);
    expect(reset.pullDomainEvents()).toEqual([]);
  });

  it('records ids and dates only: no address, secret or hash', () => {
    const issued = ResetToken.issue(expiresAt);
    const reset = unwrap(
      PasswordReset.request({ accountId, token: issued.token, requestedAt }),
    );

    const [event] = reset.pullDomainEvents();

    expect(event.toJSON().payload).toEqual({
      accountId: accountId.value,
      expiresAt: expiresAt.toISOString(),
    });
    expect(JSON.stringify(event)).not.toContain(issued.secret);
    expect(JSON.stringify(event)).not.toContain(issued.token.hash);
  });

  it('supersedes the active request of the account: one at a time', () => {
    const first = unwrap(request());
    first.pullDomainEvents();

    const second = unwrap(request(first));

    expect(first.status).toBe('superseded');
    expect(first.isActive(requestedAt)).toBe(false);
    expect(second.isActive(requestedAt)).toBe(true);
    const [superseded] = first.pullDomainEvents();
    expect(superseded).toBeInstanceOf(PasswordResetSuperseded);
    expect(superseded.payload).toEqual({
      accountId: accountId.value,
      supersededBy: second.id.value,
    });
  });

  it('refuses to supersede the request of another account', () => {
    const other = unwrap(request(undefined, AccountId.generate()));

    const result = request(other);

    expect(!result.ok && result.error).toBeInstanceOf(BusinessRuleError);
    expect(!result.ok && result.error.code).toBe(
      PasswordResetRules.OTHER_ACCOUNT,
    );
    expect(other.status).toBe('active');
  });

  it('refuses a token that is expired when it is issued', () => {
    const result = PasswordReset.request({
      accountId,
      token: ResetToken.issue(requestedAt).token,
      requestedAt,
    });

    expect(!result.ok && result.error.code).toBe(
      PasswordResetRules.EXPIRED_ON_ARRIVAL,
    );
  });

  it('is no longer active once its expiry time has passed', () => {
    const reset = unwrap(request());

    expect(reset.isActive(new Date(expiresAt.getTime() - 1))).toBe(true);
    expect(reset.isActive(expiresAt)).toBe(false);
  });

  it('expires at its expiry time and records PasswordResetExpired', () => {
    const reset = unwrap(request());
    reset.pullDomainEvents();

    expect(reset.expire(expiresAt).ok).toBe(true);

    expect(reset.status).toBe('expired');
    const [event] = reset.pullDomainEvents();
    expect(event).toBeInstanceOf(PasswordResetExpired);
    expect(event.payload).toEqual({ accountId: accountId.value });
  });

  it('refuses to expire before its expiry time', () => {
    const reset = unwrap(request());
    reset.pullDomainEvents();

    const result = reset.expire(new Date(expiresAt.getTime() - 1));

    expect(!result.ok && result.error.code).toBe(PasswordResetRules.NOT_DUE);
    expect(reset.status).toBe('active');
    expect(reset.pullDomainEvents()).toEqual([]);
  });

  it('expires idempotently: settled requests never change again', () => {
    const first = unwrap(request());
    unwrap(request(first));
    first.pullDomainEvents();
    const later = new Date(expiresAt.getTime() + 1);

    expect(first.expire(later).ok).toBe(true);
    expect(first.status).toBe('superseded');
    expect(first.pullDomainEvents()).toEqual([]);
  });

  it('survives its snapshot, which holds no secret', () => {
    const issued = ResetToken.issue(expiresAt);
    const reset = unwrap(
      PasswordReset.request({ accountId, token: issued.token, requestedAt }),
    );

    const snapshot = reset.toSnapshot();
    const again = unwrap(PasswordReset.fromSnapshot(snapshot));

    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.pullDomainEvents()).toEqual([]);
    expect(again.token.matches(issued.secret)).toBe(true);
    expect(JSON.stringify(snapshot)).not.toContain(issued.secret);
  });

  it.each<[string, Partial<PasswordResetSnapshot>]>([
    ['an id', { id: 'x' }],
    ['an account id', { accountId: 'x' }],
    ['a token hash', { tokenHash: 'x' }],
    ['a request time', { requestedAt: 'x' }],
    ['a status', { status: 'used' as PasswordResetSnapshot['status'] }],
  ])('refuses a snapshot with a broken %s', (_case, broken) => {
    const snapshot = unwrap(request()).toSnapshot();

    expect(PasswordReset.fromSnapshot({ ...snapshot, ...broken }).ok).toBe(
      false,
    );
  });
});
