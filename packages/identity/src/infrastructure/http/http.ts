import { JsonObject } from '@mjomeet/ddd';

/** What an HTTP framework adapter hands the endpoint. */
export interface HttpRequest {
  readonly body: unknown;
  /** The client's address as the trusted reverse proxy reports it. */
  readonly remoteAddress: string;
  /** Lower-case header names. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: JsonObject;
}

/** Every response of the module: JSON, never cached, never sniffed. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze(
  {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  },
);
