import { randomUUID } from 'node:crypto';
import { DomainError } from './errors';
import { Result } from './result';

/** Who asked for what, and why: carried by every command for tracing and audit. */
export interface CommandMetadata {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly userId?: string;
  readonly timestamp: string;
}

/**
 * A request to change the system. Subclasses keep their constructor private and expose a static
 * `create(input)` that validates the input and returns `Result<Command, ValidationError>`, so a
 * half-valid command can never exist.
 */
export abstract class Command<Payload> {
  abstract readonly commandName: string;
  readonly metadata: CommandMetadata;

  protected constructor(
    readonly payload: Readonly<Payload>,
    metadata: Partial<CommandMetadata> = {},
  ) {
    const commandId = metadata.commandId ?? randomUUID();
    this.metadata = Object.freeze({
      ...metadata,
      commandId,
      correlationId: metadata.correlationId ?? commandId,
      timestamp: metadata.timestamp ?? new Date().toISOString(),
    });
  }
}

export interface CommandHandler<C extends Command<unknown>, Output = void> {
  execute(command: C): Promise<Result<Output, DomainError>>;
}
