import {
  PasswordResetNotifierPort,
  ResetLinkMessage,
} from '../../application/ports/password-reset-notifier.port';
import { EmailAddress } from '../../domain/password-reset/email-address.value-object';
import { resetLink } from './reset-link';

export interface QueuedResetMail {
  readonly accountId: string;
  readonly to: EmailAddress;
  readonly link: string;
  readonly expiresAt: string;
}

/**
 * The mail outbox, in memory. A real outbox row holds the link until the
 * mail is sent, then is deleted: the secret is never kept longer.
 */
export class InMemoryPasswordResetNotifier
  implements PasswordResetNotifierPort
{
  readonly outbox: QueuedResetMail[] = [];

  constructor(private readonly baseUrl: string) {
    resetLink(baseUrl, 'check'); // fails fast on a base URL that is not https
  }

  async sendResetLink(message: ResetLinkMessage): Promise<void> {
    this.outbox.push({
      accountId: message.accountId.value,
      to: message.to,
      link: resetLink(this.baseUrl, message.secret),
      expiresAt: message.expiresAt.toISOString(),
    });
  }
}
