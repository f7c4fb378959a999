import {
  combine,
  Command,
  CommandMetadata,
  ok,
  Result,
  ValidationError,
} from '@mjomeet/ddd';
import { EmailAddress } from '../../domain/password-reset/email-address.value-object';
import { RequesterIp } from './requester-ip.value-object';

/** What a caller sends: plain values, validated by `create`. */
export interface RequestPasswordResetInput {
  readonly emailAddress: string;
  readonly requesterIp: string;
}

export interface RequestPasswordResetPayload {
  readonly emailAddress: EmailAddress;
  readonly requesterIp: RequesterIp;
}

/**
 * "Send a reset link to this address, if it belongs to an account." Made by
 * the API endpoint from the request body and the requester's IP address.
 */
export class RequestPasswordResetCommand extends Command<RequestPasswordResetPayload> {
  static readonly COMMAND_NAME = 'identity.RequestPasswordReset';
  readonly commandName = RequestPasswordResetCommand.COMMAND_NAME;

  private constructor(
    payload: RequestPasswordResetPayload,
    metadata?: Partial<CommandMetadata>,
  ) {
    super(payload, metadata);
  }

  /** The only way to make one: validates every field, reports all problems. */
  static create(
    input: RequestPasswordResetInput,
    metadata?: Partial<CommandMetadata>,
  ): Result<RequestPasswordResetCommand, ValidationError> {
    const fields = combine({
      emailAddress: EmailAddress.create(input.emailAddress),
      requesterIp: RequesterIp.create(input.requesterIp),
    });
    return fields.ok
      ? ok(new RequestPasswordResetCommand(fields.value, metadata))
      : fields;
  }
}
