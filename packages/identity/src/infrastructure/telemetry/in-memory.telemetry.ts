import {
  TelemetryPort,
  TelemetryRecord,
  TelemetryValue,
} from '../../application/ports/telemetry.port';

/** Keeps every record: for tests, and to inspect what would be exported. */
export class InMemoryTelemetry implements TelemetryPort {
  private readonly recorded: TelemetryRecord[] = [];

  record(name: string, attributes: Record<string, TelemetryValue> = {}): void {
    this.recorded.push({ name, attributes: { ...attributes } });
  }

  get records(): readonly TelemetryRecord[] {
    return [...this.recorded];
  }

  named(name: string): TelemetryRecord[] {
    return this.recorded.filter((record) => record.name === name);
  }
}
