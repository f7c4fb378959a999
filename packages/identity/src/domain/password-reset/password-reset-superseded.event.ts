import { DomainEvent, DomainEventProps } from '@mjomeet/ddd';

/** What a PasswordResetSuperseded carries: ids only. */
export type PasswordResetSupersededPayload = {
  readonly accountId: string;
  /** The PasswordReset that replaced this one. */
  readonly supersededBy: string;
};

/**
 * Recorded by the active PasswordReset of an account when a newer request
 * replaces it: its token stops working, so one account has one live token.
 */
export class PasswordResetSuperseded extends DomainEvent<PasswordResetSupersededPayload> {
  static readonly EVENT_NAME = 'identity.PasswordResetSuperseded';
  readonly eventName = PasswordResetSuperseded.EVENT_NAME;

  constructor(props: DomainEventProps<PasswordResetSupersededPayload>) {
    super(props);
  }
}
