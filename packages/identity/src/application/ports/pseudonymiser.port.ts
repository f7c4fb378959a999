/**
 * Turns an identifier (an address, an IP) into a keyed pseudonym, so that
 * rate limits and telemetry can count and correlate without storing it. The
 * purpose is part of the input: pseudonyms of one purpose cannot be joined
 * with those of another.
 */
export interface PseudonymiserPort {
  pseudonymise(purpose: string, value: string): string;
}
