/**
 * The network port. Everything that goes over the network below `node-sdk` (polling and streaming datafiles,
 * remote evaluation, segment and cohort fetching, event delivery) goes through one {@link HttpClient}, so tests
 * pass a fake and each runtime supplies its own (`node-sdk` implements it with `fetch`).
 */

/** The part of `AbortSignal` the port needs, so the types need no DOM or `@types/node`. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * The runtime's `AbortSignal` where the consumer's types declare one (Node's `@types/node` or the DOM lib), else
 * {@link AbortSignalLike}: so published declarations compile without either, and read as the real type with them.
 */
export type RuntimeAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : AbortSignalLike;

/** Header names are lower-case in both directions. */
export type HttpHeaders = Readonly<Record<string, string>>;

/** One request. `body` is text or bytes (already compressed when `content-encoding` says so). */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  readonly url: string;
  readonly headers?: HttpHeaders;
  readonly body?: string | Uint8Array;
  /** Abort after this many milliseconds; the promise then rejects with an error whose `name` is `TimeoutError`. */
  readonly timeoutMs?: number;
  /** Abort from outside (`close()`); the promise then rejects with an error whose `name` is `AbortError`. */
  readonly signal?: AbortSignalLike;
}

/** A whole response, its body read and decompressed. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  readonly body: string;
}

/**
 * A response whose body arrives in pieces (Server-Sent Events). `chunks` ends when the server closes the
 * stream; it throws when the connection fails or the request is aborted.
 */
export interface HttpStreamResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  readonly chunks: AsyncIterable<string>;
  /** Closes the stream; safe to call more than once. */
  close(): void;
}

/**
 * Sends requests. `request` resolves for every HTTP status (a 503 is a response, not an error) and rejects only
 * when no response came (connection refused or reset, timeout, abort). It never logs the request's headers.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Opens a streaming response; optional, since a runtime may not stream (polling is then the fall-back). */
  stream?(request: HttpRequest): Promise<HttpStreamResponse>;
}
