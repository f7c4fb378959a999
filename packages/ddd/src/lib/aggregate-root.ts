import { DomainEvent } from './domain-event';
import { Identifier } from './identifier';

/**
 * The consistency boundary. State changes go through its methods, which record domain events;
 * the application layer pulls them once after saving and publishes them.
 */
export abstract class AggregateRoot<Id extends Identifier> {
  private recordedEvents: DomainEvent[] = [];

  protected constructor(readonly id: Id) {}

  protected record(event: DomainEvent): void {
    this.recordedEvents.push(event);
  }

  /** Hands out the recorded events and forgets them, so each is published once. */
  pullDomainEvents(): DomainEvent[] {
    const events = this.recordedEvents;
    this.recordedEvents = [];
    return events;
  }

  /** A copy: looking does not consume. */
  get domainEvents(): readonly DomainEvent[] {
    return [...this.recordedEvents];
  }
}
