import { AccountId } from '../../domain/password-reset/account-id.value-object';
import { EmailAddress } from '../../domain/password-reset/email-address.value-object';

export interface ResetLinkMessage {
  readonly accountId: AccountId;
  readonly to: EmailAddress;
  /** The token's secret: it goes into the link, and nowhere else. */
  readonly secret: string;
  readonly expiresAt: Date;
}

/**
 * Sends the reset link. Production adapters put the message on the mail
 * outbox and return: the mail server's latency never reaches the response.
 */
export interface PasswordResetNotifierPort {
  sendResetLink(message: ResetLinkMessage): Promise<void>;
}
