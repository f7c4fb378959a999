import { DomainEvent, DomainEventProps } from '@mjomeet/ddd';

/**
 * What a PasswordResetRequested carries: ids and dates only. Never the e-mail
 * address, the secret or its hash: events cross process boundaries and are
 * kept in logs and queues.
 */
export type PasswordResetRequestedPayload = {
  readonly accountId: string;
  readonly expiresAt: string;
};

/** Recorded by PasswordReset when a reset is requested for an account. */
export class PasswordResetRequested extends DomainEvent<PasswordResetRequestedPayload> {
  static readonly EVENT_NAME = 'identity.PasswordResetRequested';
  readonly eventName = PasswordResetRequested.EVENT_NAME;

  constructor(props: DomainEventProps<PasswordResetRequestedPayload>) {
    super(props);
  }
}
