import type { HttpClient, HttpRequest, HttpResponse, HttpStreamResponse } from '@ensign/common';

/**
 * The type of the global `fetch` where the consumer's types declare one (`@types/node` or the DOM lib), else a
 * minimal call shape: so the published declarations compile without either.
 */
export type FetchFunction = typeof globalThis extends { fetch: infer F } ? F : (url: string, init: object) => Promise<unknown>;

/** Options of {@link createNodeHttpClient}. */
export interface NodeHttpClientOptions {
  /** The fetch implementation. Default Node's global `fetch` (undici). */
  fetch?: FetchFunction;
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** One AbortController for a request: the caller's signal, the timeout, and `close()` of a stream. */
function controllerFor(request: HttpRequest): { signal: AbortSignal; done(): void; abort(): void } {
  const controller = new AbortController();
  const external = request.signal;
  const onAbort = () => controller.abort(Object.assign(new Error('aborted'), { name: 'AbortError' }));
  if (external?.aborted) onAbort();
  else external?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | null = null;
  if (request.timeoutMs !== undefined && Number.isFinite(request.timeoutMs)) {
    const ms = Math.min(Math.max(0, request.timeoutMs), 2_147_483_647);
    timer = setTimeout(() => controller.abort(Object.assign(new Error(`timed out after ${ms} ms`), { name: 'TimeoutError' })), ms);
    timer.unref();
  }
  return {
    signal: controller.signal,
    done() {
      if (timer) clearTimeout(timer);
      timer = null;
      external?.removeEventListener('abort', onAbort);
    },
    abort: onAbort,
  };
}

/** The reason an aborted fetch rejected with: our TimeoutError or AbortError rather than undici's generic one. */
function rethrow(error: unknown, signal: AbortSignal): never {
  if (signal.aborted && signal.reason instanceof Error) throw signal.reason;
  throw error;
}

/**
 * The Node platform's {@link HttpClient}: Node's `fetch` (undici), bodies read whole (decompressed by fetch),
 * timeouts and aborts through one `AbortController` whose timer is unref'd, and Server-Sent Events read as text
 * chunks. It never logs.
 *
 * Keep-alive: requests reuse undici's pooled connections, and undici unrefs a connection while it is idle, so an idle
 * keep-alive socket never holds the process open; a stream's socket is in use, and `close()` of the stream (which the
 * client's `close()` calls) aborts it. `apps/flag-server/test/sdk/process-exit.test.ts` proves that a process running
 * a polling or streaming client, `fetchV2` and events exits by itself right after `close()`.
 *
 * @example
 * const http = createNodeHttpClient();
 * const response = await http.request({ method: 'GET', url: 'http://127.0.0.1:8080/healthz', timeoutMs: 2_000 });
 */
export function createNodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const send = (request: HttpRequest, signal: AbortSignal) =>
    doFetch(request.url, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
    });
  return {
    async request(request): Promise<HttpResponse> {
      const control = controllerFor(request);
      try {
        const response = await send(request, control.signal);
        const body = await response.text();
        return { status: response.status, headers: headersOf(response), body };
      } catch (error) {
        return rethrow(error, control.signal);
      } finally {
        control.done();
      }
    },
    async stream(request): Promise<HttpStreamResponse> {
      // The timeout bounds the connection and headers only: a stream is long-lived.
      const control = controllerFor(request);
      let response: Response;
      try {
        response = await send(request, control.signal);
      } catch (error) {
        control.done();
        return rethrow(error, control.signal);
      } finally {
        control.done();
      }
      const body = response.body;
      const decoder = new TextDecoder();
      async function* chunks(): AsyncGenerator<string> {
        if (body === null) return;
        const reader = body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            yield decoder.decode(value, { stream: true });
          }
        } catch (error) {
          rethrow(error, control.signal);
        } finally {
          reader.releaseLock();
        }
      }
      return {
        status: response.status,
        headers: headersOf(response),
        chunks: chunks(),
        close: () => {
          control.abort();
          body?.cancel().catch(() => undefined);
        },
      };
    },
  };
}
