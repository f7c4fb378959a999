import { DomainEvent, DomainEventProps } from '@mjomeet/ddd';

/** What a PasswordResetExpired carries: ids only. */
export type PasswordResetExpiredPayload = {
  readonly accountId: string;
};

/** Recorded by PasswordReset when its token expires unused. */
export class PasswordResetExpired extends DomainEvent<PasswordResetExpiredPayload> {
  static readonly EVENT_NAME = 'identity.PasswordResetExpired';
  readonly eventName = PasswordResetExpired.EVENT_NAME;

  constructor(props: DomainEventProps<PasswordResetExpiredPayload>) {
    super(props);
  }
}
