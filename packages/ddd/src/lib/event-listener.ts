import { DomainEvent } from './domain-event';

/** Reacts to one kind of event. It may fail; the dispatcher keeps that failure to itself. */
export interface DomainEventListener<E extends DomainEvent = DomainEvent> {
  /** The `eventName` this listener handles. */
  readonly listensTo: string;
  readonly name: string;
  handle(event: E): Promise<void>;
}

export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<ListenerFailure[]>;
}

export interface ListenerFailure {
  readonly listener: string;
  readonly eventName: string;
  readonly eventId: string;
  readonly error: unknown;
}

/**
 * Delivers events to their listeners. A listener that throws does not stop the others nor the
 * command that raised the event: its failure is collected, reported, and returned.
 */
export class EventDispatcher implements EventPublisher {
  private readonly listeners: DomainEventListener[] = [];

  constructor(private readonly onFailure: (failure: ListenerFailure) => void = () => undefined) {}

  register<E extends DomainEvent>(listener: DomainEventListener<E>): this {
    this.listeners.push(listener as unknown as DomainEventListener);
    return this;
  }

  async publish(events: readonly DomainEvent[]): Promise<ListenerFailure[]> {
    const failures: ListenerFailure[] = [];
    for (const event of events) {
      const interested = this.listeners.filter((l) => l.listensTo === event.eventName);
      // `async` turns a listener that throws before returning its promise into a rejection.
      const outcomes = await Promise.allSettled(interested.map(async (l) => l.handle(event)));
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'rejected') {
          const failure: ListenerFailure = {
            listener: interested[index].name,
            eventName: event.eventName,
            eventId: event.eventId,
            error: outcome.reason,
          };
          failures.push(failure);
          this.report(failure);
        }
      });
    }
    return failures;
  }

  /** A failing reporter must not turn an isolated listener failure into a failed publish. */
  private report(failure: ListenerFailure): void {
    try {
      this.onFailure(failure);
    } catch {
      // The failure is still returned by publish().
    }
  }
}
