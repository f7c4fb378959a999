import {
  AggregateRoot,
  Command,
  DomainError,
  DomainEvent,
  Identifier,
  ScheduledCommand,
  ValueObject,
} from '@mjomeet/ddd';
import {
  AccountId,
  EmailAddress,
  ExpirePasswordResetScheduledCommand,
  PasswordReset,
  PasswordResetExpired,
  PasswordResetId,
  PasswordResetRequested,
  PasswordResetSuperseded,
  RateLimitedError,
  RequesterIp,
  RequestPasswordResetCommand,
  ResetToken,
} from './index';

/** A class, whatever its constructor's visibility. */
type Type = { readonly prototype: object };

describe('the identity module', () => {
  it('builds on the shared kernel instead of repeating it', () => {
    const bases: Array<[Type, Type]> = [
      [PasswordReset, AggregateRoot],
      [PasswordResetId, Identifier],
      [AccountId, Identifier],
      [EmailAddress, ValueObject],
      [ResetToken, ValueObject],
      [RequesterIp, ValueObject],
      [PasswordResetRequested, DomainEvent],
      [PasswordResetSuperseded, DomainEvent],
      [PasswordResetExpired, DomainEvent],
      [RequestPasswordResetCommand, Command],
      [ExpirePasswordResetScheduledCommand, ScheduledCommand],
      [RateLimitedError, DomainError],
    ];

    for (const [type, base] of bases) {
      expect(type.prototype).toBeInstanceOf(base);
    }
  });
});
