import { ValidationError } from './errors';
import { JsonObject } from './json';
import { err, ok, Result } from './result';

/** The wire form of a scheduled command: a type tag and a version let a later release read it. */
export interface ScheduledCommandPrimitives<Payload extends JsonObject = JsonObject> {
  readonly type: string;
  readonly version: number;
  readonly runAt: string;
  readonly payload: Payload;
}

/**
 * A command to run later (a reminder, an expiry). It is stored as JSON between now and then,
 * so it must survive `serialize` → `deserialize` unchanged.
 */
export abstract class ScheduledCommand<Payload extends JsonObject = JsonObject> {
  abstract readonly type: string;
  abstract readonly version: number;

  protected constructor(
    readonly runAt: Date,
    readonly payload: Readonly<Payload>,
  ) {}

  toPrimitives(): ScheduledCommandPrimitives<Payload> {
    return {
      type: this.type,
      version: this.version,
      runAt: this.runAt.toISOString(),
      payload: { ...this.payload } as Payload,
    };
  }

  serialize(): string {
    return JSON.stringify(this.toPrimitives());
  }
}

export type ScheduledCommandFactory = (
  primitives: ScheduledCommandPrimitives,
) => Result<ScheduledCommand, ValidationError>;

/** Schedules a command to run at its `runAt`. Infrastructure implements it (a queue, a cron table). */
export interface CommandScheduler {
  schedule(command: ScheduledCommand): Promise<void>;
}

/**
 * Maps each `type@version` to the factory that rebuilds it, and fails clearly on anything it does
 * not know rather than guessing.
 */
export class ScheduledCommandRegistry {
  private readonly factories = new Map<string, ScheduledCommandFactory>();

  register(type: string, version: number, factory: ScheduledCommandFactory): this {
    this.factories.set(`${type}@${version}`, factory);
    return this;
  }

  deserialize(json: string): Result<ScheduledCommand, ValidationError> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return err(ValidationError.of('scheduledCommand', 'is not valid JSON'));
    }
    if (!isPrimitives(parsed)) {
      return err(
        ValidationError.of(
          'scheduledCommand',
          'must have a type, a version, a runAt and a payload',
        ),
      );
    }
    const factory = this.factories.get(`${parsed.type}@${parsed.version}`);
    if (!factory) {
      return err(
        ValidationError.of(
          'type',
          `no scheduled command is registered as ${parsed.type}@${parsed.version}`,
        ),
      );
    }
    return factory(parsed);
  }
}

/** An ISO-8601 date-time with a time zone (`Z` or an offset), as `toISOString()` writes it. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A `runAt` string that is a real instant, or an error naming the field. */
export function parseRunAt(runAt: string): Result<Date, ValidationError> {
  const match = ISO_DATE_TIME.exec(runAt);
  const date = new Date(runAt);
  return match === null ||
    Number.isNaN(date.getTime()) ||
    !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
    ? err(ValidationError.of('runAt', 'must be an ISO-8601 date-time'))
    : ok(date);
}

/** `Date` rolls 2024-02-30 over to March 1st; a runAt must name a day that exists. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isPrimitives(value: unknown): value is ScheduledCommandPrimitives {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.type === 'string' &&
    typeof v.version === 'number' &&
    typeof v.runAt === 'string' &&
    typeof v.payload === 'object' &&
    v.payload !== null &&
    !Array.isArray(v.payload)
  );
}
