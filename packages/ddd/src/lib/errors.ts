/**
 * Errors carry a stable `code` so that an API layer can map them to consistent responses without
 * parsing messages, and so that messages can change without breaking clients.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export interface ValidationIssue {
  /** The input field, e.g. `title` or `meetingId`. */
  readonly field: string;
  readonly message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';

  constructor(readonly issues: readonly ValidationIssue[]) {
    super(
      issues.length === 0
        ? 'Validation failed.'
        : issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
    );
  }

  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }

  override toJSON(): { code: string; message: string; issues: ValidationIssue[] } {
    return { ...super.toJSON(), issues: [...this.issues] };
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(readonly entity: string) {
    super(`${entity} was not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(message: string) {
    super(message);
  }
}

/** A business rule of an aggregate said no. `code` is the rule's own, e.g. `MEETING.ALREADY_CANCELLED`. */
export class BusinessRuleError extends DomainError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
