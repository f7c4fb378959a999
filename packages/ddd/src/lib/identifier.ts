import { randomUUID } from 'node:crypto';
import { Guard } from './guard';
import { Result } from './result';
import { ValidationError } from './errors';
import { ValueObject } from './value-object';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The identity of an aggregate: a UUID, so ids cannot be guessed or enumerated. Subclasses name
 * the aggregate (`MeetingId`) so that two kinds of id are never mixed up.
 */
export abstract class Identifier extends ValueObject<{ value: string }> {
  protected constructor(value: string) {
    super({ value: value.toLowerCase() });
  }

  get value(): string {
    return this.props.value;
  }

  override toString(): string {
    return this.props.value;
  }

  protected static newValue(): string {
    return randomUUID();
  }

  /** Validates `value` as a UUID and builds the id with `make` only when it is one. */
  protected static parse<T>(
    field: string,
    value: string,
    make: (valid: string) => T,
  ): Result<T, ValidationError> {
    const issues = Guard.combine(
      Guard.againstEmpty(field, value) ??
        Guard.againstPattern(field, String(value).trim(), UUID, 'a UUID'),
    );
    return Guard.toResult(issues, () => make(String(value).trim()));
  }
}
