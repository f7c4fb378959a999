import {
  CommandScheduler,
  Result,
  ScheduledCommand,
  ScheduledCommandRegistry,
  ValidationError,
} from '@mjomeet/ddd';

/**
 * Stores scheduled commands as the JSON a queue would hold, and rebuilds
 * them through the registry when they are due: what runs is what survived
 * serialization, not the object that was scheduled.
 */
export class InMemoryCommandScheduler implements CommandScheduler {
  private stored: string[] = [];

  constructor(private readonly registry: ScheduledCommandRegistry) {}

  async schedule(command: ScheduledCommand): Promise<void> {
    this.stored.push(command.serialize());
  }

  /** The stored JSON, as a queue would hold it. */
  get pending(): readonly string[] {
    return [...this.stored];
  }

  /**
   * Removes and rebuilds the commands due at `now`. A record the registry
   * refuses (tampered, unknown version) is removed too and returned as the
   * error, for the caller to report: it is never run.
   */
  takeDue(now: Date): Array<Result<ScheduledCommand, ValidationError>> {
    const due: Array<Result<ScheduledCommand, ValidationError>> = [];
    const kept: string[] = [];
    for (const json of this.stored) {
      const restored = this.registry.deserialize(json);
      if (restored.ok && restored.value.runAt.getTime() > now.getTime()) {
        kept.push(json);
      } else {
        due.push(restored);
      }
    }
    this.stored = kept;
    return due;
  }

  /** Lets a test put a record in the queue as an attacker would. */
  injectRaw(json: string): void {
    this.stored.push(json);
  }
}
