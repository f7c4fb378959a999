/**
 * A remote cache for Nx on 127.0.0.1: Nx's self-hosted cache protocol (the OpenAPI specification
 * of nx.dev's "self-hosted caching", built into Nx 23 as `HttpRemoteCache`), with artifacts kept
 * in memory for the life of the test.
 *
 * Nx is pointed at it with `NX_SELF_HOSTED_REMOTE_CACHE_SERVER=<url>` and
 * `NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN=<token>` (see `nxEnv`). What Nx sends, read from its
 * client (`packages/nx/src/native/cache/http_remote_cache.rs`):
 *
 * - `GET /v1/cache/{hash}`, `Accept: application/octet-stream`: 200 with the artifact (a gzipped
 *   tar of the task's outputs, its terminal output and exit code) as the body, or 404 when there
 *   is none. Any other status is an error that Nx reports.
 * - `PUT /v1/cache/{hash}`, `Content-Type: application/octet-stream`, `Content-Length`, the
 *   artifact as the body: 200 when stored. 409 when the hash is stored already (an entry is never
 *   overwritten: the same hash is the same result) and 403 (not allowed to write) are taken
 *   silently; anything else is an error.
 * - `Authorization: Bearer <token>` on every request when the token variable is set. A missing or
 *   wrong token is answered 401, with a text/plain message for the person running Nx.
 *
 * Unlike a WebDAV store, which answers a PUT with 201 or 204, every status here is one Nx expects.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CacheRequest {
  readonly method: string;
  readonly hash: string;
  readonly status: number;
}

export interface RemoteCacheServer {
  /** `http://127.0.0.1:<port>`, for NX_SELF_HOSTED_REMOTE_CACHE_SERVER. */
  readonly url: string;
  readonly token: string;
  /** Every request to /v1/cache, in order, with the status it was answered. */
  readonly requests: readonly CacheRequest[];
  /** The hashes stored. */
  hashes(): string[];
  /** The environment that points Nx at this cache (merge it into the command's env). */
  nxEnv(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** Nx's task hashes are decimal digits; anything with other characters is not a hash. */
const CACHE_PATH = /^\/v1\/cache\/([A-Za-z0-9_-]{1,128})$/;
/** An artifact larger than this is refused (Nx then reports the error and goes on). */
const MAX_ARTIFACT_BYTES = 64 * 1024 * 1024;

export async function startRemoteCacheServer(
  token = `e2e-${process.pid}-${Date.now()}`,
): Promise<RemoteCacheServer> {
  const store = new Map<string, Buffer>();
  const requests: CacheRequest[] = [];

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) text(response, 500, `Internal error: ${String(error)}`);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = CACHE_PATH.exec(url.pathname);
    const method = request.method ?? '';
    const answer = (status: number, body?: Buffer | string) => {
      if (path) requests.push({ method, hash: path[1], status });
      if (body instanceof Buffer) {
        response.writeHead(status, {
          'Content-Type': 'application/octet-stream',
          'Content-Length': body.length,
        });
        response.end(body);
      } else text(response, status, typeof body === 'string' ? body : '');
    };
    if (!path) return answer(404, 'Not found: the cache is at /v1/cache/{hash}.');
    if (request.headers.authorization !== `Bearer ${token}`) {
      request.resume();
      return answer(401, 'Missing or invalid authentication token.');
    }
    const hash = path[1];
    if (method === 'GET') {
      const artifact = store.get(hash);
      return artifact ? answer(200, artifact) : answer(404, 'The record was not found.');
    }
    if (method === 'PUT') {
      const length = Number(request.headers['content-length']);
      if (!Number.isInteger(length) || length < 0 || length > MAX_ARTIFACT_BYTES) {
        request.resume();
        return answer(400, 'Missing or invalid Content-Length header.');
      }
      if (store.has(hash)) {
        request.resume();
        return answer(409, 'Cannot override an existing record.');
      }
      const body = await readBody(request);
      if (body.length !== length) {
        return answer(400, `The body has ${body.length} bytes, Content-Length said ${length}.`);
      }
      store.set(hash, body);
      return answer(200);
    }
    request.resume();
    response.setHeader('Allow', 'GET, PUT');
    return answer(405, `Method ${method} is not allowed.`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    token,
    requests,
    hashes: () => [...store.keys()].sort(),
    nxEnv: () => ({
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function text(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(message),
  });
  response.end(message);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ARTIFACT_BYTES) {
        reject(new Error('the artifact is too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
