export type TelemetryValue = string | number | boolean;

export interface TelemetryRecord {
  readonly name: string;
  readonly attributes: Readonly<Record<string, TelemetryValue>>;
}

/**
 * Metrics and security events. Attributes hold pseudonyms, counts, codes and
 * outcomes: never an e-mail address, an IP address, a token or its hash, an
 * error message or a stack.
 */
export interface TelemetryPort {
  record(name: string, attributes?: Record<string, TelemetryValue>): void;
}
