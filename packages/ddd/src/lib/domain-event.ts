import { randomUUID } from 'node:crypto';
import { JsonObject } from './json';

export interface DomainEventPrimitives<Payload extends JsonObject = JsonObject> {
  readonly eventId: string;
  readonly eventName: string;
  readonly aggregateId: string;
  readonly occurredAt: string;
  readonly version: number;
  readonly payload: Payload;
}

export interface DomainEventProps<Payload extends JsonObject> {
  readonly aggregateId: string;
  readonly payload: Payload;
  readonly eventId?: string;
  readonly occurredAt?: Date;
  readonly version?: number;
}

/**
 * Something that happened to an aggregate. Its payload is JSON so that it can cross a process
 * boundary as it is; keep personal data out of it (ids, not e-mail addresses).
 */
export abstract class DomainEvent<Payload extends JsonObject = JsonObject> {
  abstract readonly eventName: string;
  readonly eventId: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  readonly version: number;
  readonly payload: Readonly<Payload>;

  protected constructor(props: DomainEventProps<Payload>) {
    this.eventId = props.eventId ?? randomUUID();
    this.aggregateId = props.aggregateId;
    this.occurredAt = props.occurredAt ?? new Date();
    this.version = props.version ?? 1;
    this.payload = Object.freeze({ ...props.payload });
  }

  toJSON(): DomainEventPrimitives<Payload> {
    return {
      eventId: this.eventId,
      eventName: this.eventName,
      aggregateId: this.aggregateId,
      occurredAt: this.occurredAt.toISOString(),
      version: this.version,
      payload: { ...this.payload } as Payload,
    };
  }
}
